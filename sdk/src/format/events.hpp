// events.hpp — the decoded event model shared by every reader and writer of session files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "semtrace/vocabulary.hpp"

namespace semtrace::format {

struct Value {
    ValueState state = ValueState::none;
    std::string text;  // empty unless state is plain or redacted
    friend bool operator==(const Value&, const Value&) = default;
};

struct Target {
    std::string locator;  // role/name steps: "window 'Editor'/toolbar/button 'Save'"
    std::uint64_t node_id = 0;  // 0: unknown
    Bounds bounds;
    friend bool operator==(const Target&, const Target&) = default;
};

struct Action {
    ActionType type = ActionType::click;
    Target target;
    Value value;
    friend bool operator==(const Action&, const Action&) = default;
};

// One semantic UI node as the user saw it.
struct Node {
    std::uint64_t id = 0;
    std::uint64_t parent = 0;  // 0: a root
    std::string role;
    std::string name;
    Value value;
    Bounds bounds;
    std::uint32_t state = 0;  // app-defined flags (focused, disabled, checked, ...)
    friend bool operator==(const Node&, const Node&) = default;
};

// Key frame: the whole visible tree.
struct Snapshot {
    std::vector<Node> nodes;
    friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

// Change since the previous snapshot or delta: nodes added or changed, node ids removed.
struct Delta {
    std::vector<Node> upserts;
    std::vector<std::uint64_t> removed;
    friend bool operator==(const Delta&, const Delta&) = default;
};

struct Marker {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    friend bool operator==(const Marker&, const Marker&) = default;
};

struct Control {
    ControlType type = ControlType::start;
    std::uint64_t count = 0;  // events lost, for ControlType::dropped
    friend bool operator==(const Control&, const Control&) = default;
};

// Index of each alternative is part of the file format: append only.
using Body = std::variant<Action, Snapshot, Delta, Marker, Control>;

enum class EventKind : std::uint8_t { action = 0, snapshot = 1, delta = 2, marker = 3, control = 4 };
inline constexpr int event_kind_count = 5;
std::string_view name_of(EventKind kind) noexcept;

struct Event {
    std::uint64_t seq = 0;  // position in the session, from 0, without gaps
    std::int64_t t_us = 0;  // microseconds since the session started; never decreases
    Body body;

    EventKind kind() const noexcept { return static_cast<EventKind>(body.index()); }
    friend bool operator==(const Event&, const Event&) = default;
};

// An action whose strings are borrowed: what the recorder's hot path hands the writer.
struct ActionRef {
    ActionType type = ActionType::click;
    std::string_view locator;
    std::uint64_t node_id = 0;
    Bounds bounds;
    ValueState value_state = ValueState::none;
    std::string_view value;
    // Kept by the caller beside the locator, if it keeps one: CompactOutputArchive::write_string.
    std::uint64_t* locator_memo = nullptr;

    static ActionRef of(const Action& action) noexcept {
        return {action.type,        action.target.locator, action.target.node_id, action.target.bounds,
                action.value.state, action.value.text};
    }
};

// Who recorded a session and under which terms. Fields after `start_unix_us` are filled by
// the privacy engine; an empty string means "not set".
struct SessionHeader {
    std::string session_id;  // 32 lowercase hex digits
    std::string app_name;
    std::string app_version;
    std::string sdk_version;
    std::int64_t start_unix_us = 0;
    std::string user_pseudonym;
    std::string device_pseudonym;
    std::string consent_record;
    std::string policy_hash;
    friend bool operator==(const SessionHeader&, const SessionHeader&) = default;
};

}  // namespace semtrace::format
