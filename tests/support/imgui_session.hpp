// imgui_session.hpp — for the ImGui plugin's tests: a recorder under a policy, the actions of a session as lines, the UI tree rebuilt from it.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "format/session_reader.hpp"
#include "semtrace/semtrace.hpp"
#include "support/recording.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

namespace semtrace::testing {

// A Recorder started with consent to `policy_id`, as loaded from `policy_file` ("" = built-in).
struct RecordedSession {
    RecordedSession(const TempDir& dir, const std::string& policy_id, const std::string& policy_file) {
        Options o = recording_options(dir / "sessions");
        o.policy_file = policy_file;
        o.consent.policy_id = policy_id;
        auto started = Recorder::start(o);
        REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
        recorder = std::move(started.value());
    }
    std::filesystem::path finish() {
        auto summary = recorder->stop();
        REQUIRE_MESSAGE(summary.ok(), (summary.ok() ? "" : summary.error().message));
        return summary->file;
    }
    std::unique_ptr<Recorder> recorder;
};

inline std::vector<format::Event> read_events(const std::filesystem::path& file) {
    auto reader = format::SessionReader::open(file);
    REQUIRE_MESSAGE(reader.ok(), (reader.ok() ? "" : reader.error().message));
    return read_all(reader.value());
}

// "toggle window 'A'/checkbox 'B' plain on", "fill window 'A'/textbox 'E' masked", and with
// `controls` also "control pause"; start and end are left out.
inline std::vector<std::string> actions_of(const std::vector<format::Event>& events, bool controls = false) {
    std::vector<std::string> out;
    for (const auto& e : events) {
        if (const auto* a = std::get_if<format::Action>(&e.body)) {
            std::string line = std::string(name_of(a->type)) + " " + a->target.locator;
            if (a->value.state != ValueState::none) line += " " + std::string(name_of(a->value.state));
            if (!a->value.text.empty()) line += " " + a->value.text;
            out.push_back(line);
        } else if (const auto* c = std::get_if<format::Control>(&e.body); controls && c) {
            if (c->type != ControlType::start && c->type != ControlType::end)
                out.push_back("control " + std::string(name_of(c->type)));
        }
    }
    return out;
}

// The UI tree as a replay tool rebuilds it: the last key frame plus the deltas after it.
struct UiTree {
    std::map<std::uint64_t, format::Node> nodes;

    void apply(const format::Body& body) {
        if (const auto* s = std::get_if<format::Snapshot>(&body)) {
            nodes.clear();
            for (const auto& n : s->nodes) nodes[n.id] = n;
        } else if (const auto* d = std::get_if<format::Delta>(&body)) {
            for (const auto& n : d->upserts) nodes[n.id] = n;
            for (auto id : d->removed) nodes.erase(id);
        }
    }
    bool has(const std::string& role, const std::string& name) const {
        return std::any_of(nodes.begin(), nodes.end(),
                           [&](const auto& kv) { return kv.second.role == role && kv.second.name == name; });
    }
    // The node under the window called `window` with this role and name; null if none.
    const format::Node* child(const std::string& window, const std::string& role, const std::string& name) const {
        for (const auto& [id, n] : nodes) {
            if (n.role != role || n.name != name) continue;
            auto parent = nodes.find(n.parent);
            if (parent != nodes.end() && parent->second.name == window) return &n;
        }
        return nullptr;
    }
    bool has_child(const std::string& window, const std::string& role, const std::string& name) const {
        return child(window, role, name) != nullptr;
    }
};

inline bool is_marker(const format::Event& e, const std::string& name) {
    const auto* m = std::get_if<format::Marker>(&e.body);
    return m && m->name == name;
}

inline UiTree tree_before_marker(const std::vector<format::Event>& events, const std::string& marker) {
    UiTree tree;
    for (const auto& e : events) {
        if (is_marker(e, marker)) break;
        tree.apply(e.body);
    }
    return tree;
}

inline UiTree tree_for_all(const std::vector<format::Event>& events) {
    UiTree tree;
    for (const auto& e : events) tree.apply(e.body);
    return tree;
}

inline int tree_events_between_markers(const std::vector<format::Event>& events, const std::string& from,
                                       const std::string& to) {
    int count = 0;
    bool inside = false;
    for (const auto& e : events) {
        if (is_marker(e, from)) inside = true;
        else if (is_marker(e, to)) inside = false;
        else if (inside && (e.kind() == format::EventKind::snapshot || e.kind() == format::EventKind::delta)) ++count;
    }
    return count;
}

}  // namespace semtrace::testing
