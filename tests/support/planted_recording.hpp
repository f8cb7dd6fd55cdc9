// planted_recording.hpp — recording planted secrets through every way an app hands the SDK a string, for privacy tests.
#pragma once

#include <doctest/doctest.h>

#include <cctype>
#include <fstream>
#include <string>

#include "semtrace/semtrace.hpp"
#include "support/recording.hpp"
#include "support/temp_dir.hpp"

namespace semtrace::testing {

inline constexpr const char* planted_policy = R"({"semtrace_policy": 1, "id": "planted", "capture": {"fields": [
    {"match": "**/textbox 'Notes'", "mode": "redact"},
    {"match": "**/textbox 'Search'", "mode": "plain"}]}})";

inline Options planted_options(const TempDir& dir) {
    std::ofstream(dir / "policy.json") << planted_policy;
    Options o = recording_options(dir / "sessions");
    o.policy_file = dir / "policy.json";
    o.consent.policy_id = "planted";
    o.buffer_events = 1 << 16;
    o.when_full = WhenFull::block;  // the test must not lose events to a slow pipeline
    return o;
}

// `s` as a page puts what was typed into its URL (encodeURIComponent): "4111 1111" is
// "4111%201111", "ann@example.com" "ann%40example.com".
inline std::string percent_encoded(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
        else out += '%', out += "0123456789ABCDEF"[c >> 4], out += "0123456789ABCDEF"[c & 15];
    }
    return out;
}

// Every way an app can hand the SDK a string.
inline void record_everywhere(Recorder& rec, const std::string& s) {
    const std::string title = "Inbox - " + s;  // Node holds views: the strings must outlive the call
    const std::string window = "window '" + title + "'";
    CHECK(rec.fill(Target::path("window 'Desk'/textbox 'Notes'"), Value::plain("note: " + s)));
    CHECK(rec.fill(Target::path("window 'Desk'/textbox 'Search'"), Value::plain(s)));
    CHECK(rec.fill(Target::path("window 'Desk'/textbox 'Email'"), Value::plain(s)));
    CHECK(rec.fill(Target::path("window 'Desk'/password 'Password'"), Value::plain(s)));
    CHECK(rec.fill(Target::path("window 'Desk'/textbox 'Notes'"), Value::redacted(s)));
    CHECK(rec.select(Target::path("window 'Desk'/combobox 'Contact'"), s));
    CHECK(rec.navigate(Target::path("window 'Browser'"), "https://app.example/u/" + s + "?q=" + s + "#" + s));
    CHECK(rec.navigate(Target::path("window 'Browser'"), "https://app.example/search/" + percent_encoded(s)));
    CHECK(rec.click(Target::path(window + "/list 'Mail'/listitem '" + s + "'")));
    CHECK(rec.scroll(Target::path(window), s));
    CHECK(rec.shortcut(Target::path(window), s));
    CHECK(rec.act(ActionType::custom, Target::path("window 'Desk'/canvas 'Sketch'"), Value::plain(s)));
    CHECK(rec.marker("contact.added", {{"who", s}, {s, "key"}, {"url", "https://app.example/c/" + percent_encoded(s)}}));
    CHECK(rec.marker(s));
    const Node nodes[] = {{1, 0, "window", title, {}, {}, 0},
                          {2, 1, "textbox", "Notes", Value::plain(s), {}, 0},
                          {3, 1, "textbox", "Search", Value::plain(s), {}, 0},
                          {4, 1, "textbox", "Email", Value::plain(s), {}, 0},
                          {5, 1, "listitem", s, Value::plain(s), {}, 0},
                          {6, 1, s, "odd role", {}, {}, 0}};
    CHECK(rec.snapshot(nodes));
    const Node changed[] = {{5, 1, "listitem", s, Value::plain(s), {}, 0}, {9, 77, "textbox", "Notes", Value::plain(s), {}, 0}};
    CHECK(rec.delta(changed, {}));
}


}  // namespace semtrace::testing
