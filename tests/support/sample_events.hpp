// sample_events.hpp — events of every kind, action type and value state, for round-trip and damage tests.
#pragma once

#include <vector>

#include "format/events.hpp"

namespace semtrace::testing {

// A deterministic mix: every action type with every value state, snapshots, deltas,
// markers and every control type, with times that never decrease.
inline std::vector<format::Event> sample_events(std::size_t count) {
    using namespace format;
    std::vector<Event> events;
    std::int64_t t = 0;
    for (std::size_t i = 0; i < count; ++i) {
        t += static_cast<std::int64_t>((i * 7919) % 1500);
        Event e;
        e.seq = i;
        e.t_us = t;
        auto kind = i % 11;
        if (kind < 6) {
            auto type = static_cast<ActionType>(i % action_type_count);
            auto state = static_cast<ValueState>((i / 3) % 4);
            Value v{state, state == ValueState::plain || state == ValueState::redacted
                               ? "value " + std::to_string(i % 13) + (state == ValueState::redacted ? " ⟨EMAIL⟩" : "")
                               : ""};
            Target target{"window 'Editor'/pane " + std::to_string(i % 5) + "/button 'Item " + std::to_string(i % 17) + "'",
                          i % 4 == 0 ? 0 : i, i % 3 == 0 ? Bounds{} : Bounds{1.5f, 2.0f, 100.25f, float(i % 40)}};
            e.body = Action{type, target, v};
        } else if (kind == 6) {  // key frames of 3 to 6 nodes, values in every state, unlike the one before
            Snapshot s;
            for (std::uint64_t n = 1; n <= 3 + i % 4; ++n) {
                auto state = static_cast<ValueState>((i + n) % 4);
                bool text = state == ValueState::plain || state == ValueState::redacted;
                s.nodes.push_back(Node{n, n - 1, "button", "Node " + std::to_string(n + i % 3), Value{state, text ? "v" + std::to_string(n) : ""},
                                       Bounds{0, float(n) * 10, 50, 10}, static_cast<std::uint32_t>(n)});
            }
            e.body = s;
        } else if (kind == 7) {  // deltas unlike the one before, so a reader that reuses one shows leftovers
            auto state = static_cast<ValueState>((i / 11) % 4);
            bool text = state == ValueState::plain || state == ValueState::redacted;
            Delta d{{Node{3, 1, "textbox", "Email", Value{state, text ? "⟨EMAIL⟩" : ""}, {}, 1}}, {4, 5}};
            if (i % 2) d.upserts.push_back(Node{6, 1, "checkbox", "Remember me", {}, {1, 2, 3, 4}, 2}), d.removed.clear();
            e.body = d;
        } else if (kind == 8) {
            e.body = Marker{"ticket.resolved", {{"queue", "billing"}, {"n", std::to_string(i)}}};
        } else if (kind == 9) {
            e.body = Marker{"empty", {}};
        } else {
            e.body = Control{static_cast<ControlType>(i % control_type_count), i % control_type_count == 3 ? i : 0};
        }
        events.push_back(std::move(e));
    }
    return events;
}

}  // namespace semtrace::testing
