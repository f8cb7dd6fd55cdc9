// event_json.hpp — events as JSON lines (docs/jsonl.md): what `semtrace cat --json` writes and `semtrace record` reads.
#pragma once

#include <string>
#include <string_view>

#include "format/events.hpp"
#include "semtrace/result.hpp"

namespace semtrace::jsonl {

// Appends one line (with '\n') describing the session, for the start of a JSONL stream.
void append_session_line(std::string& out, const format::SessionHeader& header, std::uint16_t format_version);
// Appends one line (with '\n') for an event. Invalid UTF-8 in strings becomes U+FFFD.
void append_event_line(std::string& out, const format::Event& event);

// One parsed input line: either the session line or an event (seq is not read: the writer numbers events).
struct Line {
    bool is_session = false;
    format::SessionHeader session;
    format::Event event;
};
Result<Line> parse_line(std::string_view line);

}  // namespace semtrace::jsonl
