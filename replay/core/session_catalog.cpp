// session_catalog.cpp — describing the sessions of a folder from their headers, indexes and sidecars; filtering them.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "annotations.hpp"
#include "format/session_reader.hpp"
#include "session_catalog.hpp"

namespace semtrace::replay {

const char* name_of(AnnotationState state) {
    switch (state) {
        case AnnotationState::none: return "none";
        case AnnotationState::rejected: return "rejected";
        case AnnotationState::draft: return "draft";
        case AnnotationState::submitted: return "submitted";
        case AnnotationState::approved: return "approved";
        case AnnotationState::unusable: return "unusable sidecar";
    }
    return "?";
}

namespace {

AnnotationState state_of(Review review) {
    switch (review) {
        case Review::draft: return AnnotationState::draft;
        case Review::submitted: return AnnotationState::submitted;
        case Review::approved: return AnnotationState::approved;
        case Review::rejected: return AnnotationState::rejected;
    }
    return AnnotationState::draft;
}

void describe_annotations(SessionEntry& entry) {
    std::filesystem::path sidecar = sidecar_path(entry.path);
    std::error_code ec;
    if (!std::filesystem::exists(sidecar, ec)) return;  // hashing the session only when there is something to bind
    auto hash = session_content_hash(entry.path);
    auto loaded = hash ? load_annotations(sidecar, hash.value()) : Result<Annotations>(hash.error());
    if (!loaded) {
        entry.annotation = AnnotationState::unusable;
        entry.error = loaded.error().message;
        return;
    }
    entry.tasks = loaded->tasks.size();
    if (entry.tasks == 0) return;
    entry.annotation = AnnotationState::approved;
    for (const Task& t : loaded->tasks) entry.annotation = std::min(entry.annotation, state_of(t.review));
}

}  // namespace

SessionEntry describe_session(const std::filesystem::path& session) {
    SessionEntry entry;
    entry.path = session;
    auto reader = format::SessionReader::open(session);
    if (!reader) {
        entry.error = reader.error().message;
        return entry;
    }
    const format::SessionHeader& header = reader->header();
    entry.app = header.app_name;
    entry.app_version = header.app_version;
    entry.start_unix_us = header.start_unix_us;
    entry.events = reader->event_count();
    entry.complete = reader->complete();
    if (!reader->frames().empty()) {
        auto last = reader->read(reader->frames().back().first_seq, [&](const format::Event& e) {
            entry.duration_us = e.t_us;
            return true;
        });
        if (!last) entry.error = last.error().message;
    }
    describe_annotations(entry);
    return entry;
}

Result<std::vector<SessionEntry>> list_sessions(const std::filesystem::path& folder) {
    std::error_code ec;
    std::vector<SessionEntry> entries;
    std::filesystem::recursive_directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, ec);
    if (ec) return Error{folder.string() + ": cannot list the folder: " + ec.message()};
    for (const auto& file : it)
        if (file.path().extension() == ".semtrace" && file.is_regular_file(ec)) entries.push_back(describe_session(file.path()));
    std::sort(entries.begin(), entries.end(), [](const SessionEntry& a, const SessionEntry& b) {
        return a.start_unix_us != b.start_unix_us ? a.start_unix_us < b.start_unix_us : a.path < b.path;
    });
    return entries;
}

bool SessionFilter::matches(const SessionEntry& e) const {
    if (!app.empty()) {
        auto equal_any_case = [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        };
        if (std::search(e.app.begin(), e.app.end(), app.begin(), app.end(), equal_any_case) == e.app.end()) return false;
    }
    if (since_unix_us && e.start_unix_us < *since_unix_us) return false;
    if (until_unix_us && e.start_unix_us >= *until_unix_us) return false;
    if (min_duration_us && e.duration_us < *min_duration_us) return false;
    if (max_duration_us && e.duration_us > *max_duration_us) return false;
    return !annotation || e.annotation == *annotation;
}

std::optional<std::int64_t> parse_date_unix_us(std::string_view text) {
    int y = 0, m = 0, d = 0, used = 0;
    std::string s(text);
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10) return {};
    std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok()) return {};
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::sys_days{day}.time_since_epoch()).count();
}

std::string format_unix_us(std::int64_t unix_us, const char* strftime_format) {
    std::time_t seconds = static_cast<std::time_t>(unix_us / 1'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::strftime(text, sizeof text, strftime_format, &utc);
    return text;
}

}  // namespace semtrace::replay
