// test_catalog.cpp — the session browser's catalog: each file of a folder described, unreadable ones listed with why; filters.
#include <doctest/doctest.h>

#include <fstream>

#include "annotations.hpp"
#include "session_catalog.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

std::filesystem::path recorded(const std::filesystem::path& file, const char* app, const char* day_and_time,
                               std::int64_t duration_us) {
    format::SessionHeader header = format::new_session_header(app, "2.0");
    int h = 0, m = 0;
    std::sscanf(day_and_time + 11, "%d:%d", &h, &m);
    header.start_unix_us = replay::parse_date_unix_us(std::string(day_and_time, 10)).value() +
                           (static_cast<std::int64_t>(h) * 3600 + m * 60) * 1'000'000;
    std::filesystem::create_directories(file.parent_path());
    return write_session(file,
                         {{0, 0, format::Control{ControlType::start, 0}},
                          {1, duration_us / 2, format::Action{ActionType::click, {"window 'W'/button 'B'", 0, {}}, {}}},
                          {2, duration_us, format::Control{ControlType::end, 0}}},
                         {}, 0, true, &header);
}

void annotate(const std::filesystem::path& session, std::vector<replay::Review> reviews) {
    replay::Annotations a{replay::session_content_hash(session).value(), {}, {}};
    for (replay::Review r : reviews) {
        replay::Task t;
        t.id = "t" + std::to_string(a.tasks.size() + 1);
        t.review = r;
        a.tasks.push_back(t);
    }
    REQUIRE(replay::save_annotations(replay::sidecar_path(session), a).ok());
}

std::vector<std::string> names(const std::vector<replay::SessionEntry>& entries, const replay::SessionFilter& filter) {
    std::vector<std::string> out;
    for (const auto& e : entries)
        if (filter.matches(e)) out.push_back(e.path.filename().string());
    return out;
}

}  // namespace

TEST_CASE("a folder of sessions: app, start, duration, events and annotation state of each, oldest first") {
    TempDir dir;
    auto a = recorded(dir / "a.semtrace", "ticket-desk", "2026-11-20 10:00", 90'000'000);
    auto b = recorded(dir / "b.semtrace", "Mail Client", "2026-11-28 09:30", 10'000'000);
    recorded(dir / "later" / "c.semtrace", "ticket-desk", "2026-11-29 08:00", 300'000'000);
    auto d = recorded(dir / "d.semtrace", "ticket-desk", "2026-11-25 12:00", 1'000'000);
    annotate(a, {replay::Review::approved, replay::Review::draft});
    annotate(b, {replay::Review::approved});
    std::filesystem::copy_file(replay::sidecar_path(b), replay::sidecar_path(d));  // another session's sidecar
    std::ofstream(dir / "broken.semtrace") << "this is not a session";
    std::ofstream(dir / "notes.txt") << "not a session either, and not listed";

    auto listed = replay::list_sessions(dir.path());
    REQUIRE(listed.ok());
    const auto& entries = listed.value();
    REQUIRE(entries.size() == 5);
    CHECK(entries[0].path.filename() == "broken.semtrace");  // start 0: first
    CHECK(entries[0].error.find("broken.semtrace") != std::string::npos);
    CHECK(entries[1].path == a);
    CHECK(entries[1].app == "ticket-desk");
    CHECK(entries[1].app_version == "2.0");
    CHECK(replay::format_unix_us(entries[1].start_unix_us) == "2026-11-20 10:00");
    CHECK(entries[1].duration_us == 90'000'000);
    CHECK(entries[1].events == 3);
    CHECK(entries[1].tasks == 2);
    CHECK(entries[1].annotation == replay::AnnotationState::draft);  // the least advanced task
    CHECK(entries[2].path == d);
    CHECK(entries[2].annotation == replay::AnnotationState::unusable);
    CHECK(entries[2].error.find("another session") != std::string::npos);
    CHECK(entries[3].annotation == replay::AnnotationState::approved);
    CHECK(entries[4].path.filename() == "c.semtrace");
    CHECK(entries[4].annotation == replay::AnnotationState::none);
    CHECK(entries[4].error.empty());

    // Fields set one by one: GCC 12 warns of every field a designated initializer leaves out.
    replay::SessionFilter by_app;
    by_app.app = "TICKET";
    CHECK(names(entries, by_app) == std::vector<std::string>{"a.semtrace", "d.semtrace", "c.semtrace"});
    replay::SessionFilter by_date;
    by_date.since_unix_us = replay::parse_date_unix_us("2026-11-25");
    by_date.until_unix_us = replay::parse_date_unix_us("2026-11-29");
    CHECK(names(entries, by_date) == std::vector<std::string>{"d.semtrace", "b.semtrace"});
    replay::SessionFilter long_ones;
    long_ones.min_duration_us = 60'000'000;
    CHECK(names(entries, long_ones) == std::vector<std::string>{"a.semtrace", "c.semtrace"});
    replay::SessionFilter approved;
    approved.annotation = replay::AnnotationState::approved;
    CHECK(names(entries, approved) == std::vector<std::string>{"b.semtrace"});
    replay::SessionFilter none;
    none.app = "mail";
    none.annotation = replay::AnnotationState::none;
    CHECK(names(entries, none).empty());
}

TEST_CASE("dates as people type them, and a folder that is not there") {
    CHECK(replay::parse_date_unix_us("1970-01-02") == 86'400'000'000LL);
    CHECK_FALSE(replay::parse_date_unix_us("2026-02-30"));
    CHECK_FALSE(replay::parse_date_unix_us("2026-1-5"));
    CHECK_FALSE(replay::parse_date_unix_us("yesterday"));
    auto missing = replay::list_sessions("/nonexistent/folder");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/nonexistent/folder: cannot list the folder") == 0);
}
