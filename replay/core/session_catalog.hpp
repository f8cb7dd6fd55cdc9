// session_catalog.hpp — the sessions in a folder, each described (app, start, duration, annotation state), and filters on them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "semtrace/result.hpp"

namespace semtrace::replay {

// Where a session's annotation stands: the least advanced of its tasks (a rejected task counts
// as the least advanced: it needs work again).
enum class AnnotationState : std::uint8_t { none, rejected, draft, submitted, approved, unusable };
const char* name_of(AnnotationState state);  // "none", "rejected", ..., "unusable sidecar"

struct SessionEntry {
    std::filesystem::path path;
    std::string app, app_version;
    std::int64_t start_unix_us = 0;
    std::int64_t duration_us = 0;  // to the last event
    std::uint64_t events = 0;
    bool complete = true;          // false: recovered after its recorder died
    AnnotationState annotation = AnnotationState::none;
    std::size_t tasks = 0;
    std::string error;             // why the file or its sidecar could not be read; "" if fine
};

// Reads the header, the index and the last frame; the sidecar, if there is one.
SessionEntry describe_session(const std::filesystem::path& session);
// Every *.semtrace file under `folder` (sub-folders too), oldest first, then by path. A file
// that cannot be read is listed with its error, never left out silently.
Result<std::vector<SessionEntry>> list_sessions(const std::filesystem::path& folder);

struct SessionFilter {
    std::string app;                                 // part of the app's name, any case; "" = any
    std::optional<std::int64_t> since_unix_us;       // started at or after
    std::optional<std::int64_t> until_unix_us;       // started before
    std::optional<std::int64_t> min_duration_us, max_duration_us;
    std::optional<AnnotationState> annotation;
    bool matches(const SessionEntry& entry) const;
};

// "2026-11-29" -> that day's first microsecond, UTC; nothing for anything else.
std::optional<std::int64_t> parse_date_unix_us(std::string_view text);
// "2026-11-29 21:05" (UTC): what the browser shows; `strftime_format` for others
// ("%Y-%m-%dT%H:%M:%SZ": what `semtrace info` prints).
std::string format_unix_us(std::int64_t unix_us, const char* strftime_format = "%Y-%m-%d %H:%M");

}  // namespace semtrace::replay
