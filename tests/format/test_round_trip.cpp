// test_round_trip.cpp — what is written is read back exactly: every event kind and value state, seeking, recovery.
#include <doctest/doctest.h>

#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "format/layout.hpp"

#include "support/sample_events.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

TEST_CASE("every event kind, action type and value state round-trips through a session file") {
    TempDir dir;
    auto events = sample_events(500);
    format::WriterOptions options;
    options.frame_events = 64;  // several frames, so the string table restarts
    auto path = write_session(dir / "a.semtrace", events, options, 10);

    auto reader = format::SessionReader::open(path);
    REQUIRE_MESSAGE(reader.ok(), (reader.ok() ? "" : reader.error().message));
    CHECK(reader->complete());
    CHECK(reader->damage().empty());
    CHECK(reader->event_count() == events.size());
    CHECK(reader->frames().size() == 8);
    CHECK(reader->header().app_name == "test-app");
    CHECK(reader->header().session_id.size() == 32);
    std::string error;
    auto back = read_all(reader.value(), &error);
    CHECK(error.empty());
    REQUIRE(back.size() == events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        INFO("event ", i);
        CHECK(back[i] == events[i]);
    }
    CHECK(reader->verify().ok());
}

TEST_CASE("masked values keep nothing of the text they were given") {
    TempDir dir;
    const std::string secret = "hunter2-correct-horse@example.com";
    format::Event e{0, 0, format::Action{ActionType::fill, {"textbox 'Password'", 0, {}}, {ValueState::masked, secret}}};
    auto path = write_session(dir / "m.semtrace", {e});
    auto bytes = read_bytes(path);
    CHECK(std::search(bytes.begin(), bytes.end(), secret.begin(), secret.end()) == bytes.end());
    auto reader = format::SessionReader::open(path);
    REQUIRE(reader.ok());
    auto back = read_all(reader.value());
    REQUIRE(back.size() == 1);
    CHECK(std::get<format::Action>(back[0].body).value == format::Value{ValueState::masked, ""});
}

TEST_CASE("time never runs backwards in a file") {
    TempDir dir;
    std::vector<format::Event> events = {{0, 100, format::Control{}}, {1, 50, format::Control{}}, {2, 200, format::Control{}}};
    auto reader = format::SessionReader::open(write_session(dir / "t.semtrace", events));
    REQUIRE(reader.ok());
    auto back = read_all(reader.value());
    REQUIRE(back.size() == 3);
    CHECK(back[1].t_us == 100);
    CHECK(back[2].t_us == 200);
}

TEST_CASE("seeking by sequence number and by time lands on the right event") {
    TempDir dir;
    auto events = sample_events(3000);
    format::WriterOptions options;
    options.frame_events = 256;
    auto reader = format::SessionReader::open(write_session(dir / "s.semtrace", events, options, 100));
    REQUIRE(reader.ok());
    for (std::uint64_t seq : {0ull, 1ull, 255ull, 256ull, 257ull, 1234ull, 2999ull}) {
        auto e = reader->event_at(seq);
        REQUIRE(e.ok());
        REQUIRE(e.value().has_value());
        CHECK(*e.value() == events[seq]);
    }
    CHECK_FALSE(reader->event_at(3000).value().has_value());
    for (std::size_t i : {0u, 300u, 511u, 512u, 2000u, 2999u}) {
        std::int64_t t = events[i].t_us;
        auto first = std::find_if(events.begin(), events.end(), [&](const auto& e) { return e.t_us >= t; });
        auto e = reader->first_event_at_or_after(t);
        REQUIRE(e.ok());
        REQUIRE(e.value().has_value());
        CHECK(e.value()->seq == first->seq);
        auto just_after = reader->first_event_at_or_after(t + 1);
        REQUIRE(just_after.ok());
        auto expected = std::find_if(events.begin(), events.end(), [&](const auto& x) { return x.t_us >= t + 1; });
        if (expected == events.end()) CHECK_FALSE(just_after.value().has_value());
        else CHECK(just_after.value()->seq == expected->seq);
    }
}

TEST_CASE("at a person's pace a frame ends on time, ten minutes by default, and a seek inside one lands on the right event") {
    TempDir dir;
    auto events = sample_events(3000);
    for (std::size_t i = 0; i < events.size(); ++i) events[i].t_us = static_cast<std::int64_t>(i) * 500'000;  // 2 a second: 25 min
    const auto frame_starts = [](const format::SessionReader& r) {
        std::vector<std::int64_t> minutes;
        for (const auto& f : r.frames()) minutes.push_back(f.first_t_us / 60'000'000);
        return minutes;
    };
    // Flushed every second, as a recorder does: chunks inside each frame.
    auto reader = format::SessionReader::open(write_session(dir / "default.semtrace", events, {}, 2));
    REQUIRE(reader.ok());
    CHECK(frame_starts(reader.value()) == std::vector<std::int64_t>{0, 10, 20});
    for (std::size_t i : {1u, 777u, 1199u, 1200u, 1201u, 2345u, 2999u}) {
        auto e = reader->first_event_at_or_after(events[i].t_us - 1);
        REQUIRE(e.ok());
        REQUIRE(e.value().has_value());
        CHECK(*e.value() == events[i]);
    }
    format::WriterOptions minute;
    minute.frame_us = 60'000'000;
    auto short_frames = format::SessionReader::open(write_session(dir / "minute.semtrace", events, minute, 2));
    REQUIRE(short_frames.ok());
    CHECK(short_frames->frames().size() == 25);
    CHECK(read_all(short_frames.value()) == events);
    CHECK(read_all(reader.value()) == events);
}

TEST_CASE("an empty session is complete and verifies") {
    TempDir dir;
    auto reader = format::SessionReader::open(write_session(dir / "e.semtrace", {}));
    REQUIRE(reader.ok());
    CHECK(reader->complete());
    CHECK(reader->event_count() == 0);
    CHECK(reader->verify().ok());
}

TEST_CASE("a file whose writer died keeps every flushed event, including the flushed part of an unfinished frame") {
    TempDir dir;
    auto events = sample_events(1000);
    format::WriterOptions options;
    options.frame_events = 300;
    // Flushed every 50 events, never closed: the last frame (events 900..999) has no end.
    auto path = write_session(dir / "k.semtrace", events, options, 50, false);
    auto reader = format::SessionReader::open(path);
    REQUIRE(reader.ok());
    CHECK_FALSE(reader->complete());
    CHECK(reader->damage().find("no footer") != std::string::npos);
    CHECK(reader->bytes_dropped() == 0);
    std::string error;
    auto back = read_all(reader.value(), &error);
    CHECK(error.empty());
    REQUIRE(back.size() == 1000);
    for (std::size_t i = 0; i < back.size(); ++i) CHECK(back[i] == events[i]);
    auto verified = reader->verify();
    CHECK_FALSE(verified.ok());
}

TEST_CASE("a chunk's head reads back as written, in 9 bytes for a person's pace where format 1 took 16") {
    std::array<char, format::chunk_head_max> out{};
    const std::vector<format::ChunkHead> heads{
        {format::chunk_ends_frame, 2, 30, 41, 0, 0, 0},
        {format::chunk_begins_frame, 0xffff, 64u << 20, 64u << 20, UINT64_MAX, INT64_MIN, 0xffff},
        {format::chunk_begins_frame | format::chunk_ends_frame, 1, 1, 1, 12345, -7, 2},
    };
    for (const auto& h : heads) {
        std::size_t written = format::put_chunk_head(out.data(), h);
        CHECK(written + format::chunk_checksum_size <= format::chunk_head_max);
        format::ChunkHead back;
        std::size_t size = 0;
        REQUIRE(format::get_chunk_head(out.data(), written + 4, format::format_version, back, size) == format::HeadRead::ok);
        CHECK(size == written + 4);
        CHECK(back.flags == h.flags);
        CHECK(back.events == h.events);
        CHECK(back.payload_len == h.payload_len);
        CHECK(back.raw_len == h.raw_len);
        if (h.flags & format::chunk_begins_frame) {
            CHECK(back.first_seq == h.first_seq);
            CHECK(back.first_t_us == h.first_t_us);
            CHECK(back.schema == h.schema);
        }
        // Cut anywhere before its end, it is short, not malformed: a file cut there is recovered.
        const std::size_t whole = size;
        for (std::size_t n = 2; n < whole; ++n) CHECK(format::get_chunk_head(out.data(), n, 2, back, size) == format::HeadRead::short_input);
    }
    CHECK(format::put_chunk_head(out.data(), heads[0]) + format::chunk_checksum_size == 9);
    SUBCASE("a number longer than its field is malformed") {
        const char bad[] = {'C', 0, '\x80', '\x80', '\x80', '\x01', 1, 1, 0, 0, 0, 0};  // an event count of four bytes
        format::ChunkHead back;
        std::size_t size = 0;
        CHECK(format::get_chunk_head(bad, sizeof bad, 2, back, size) == format::HeadRead::malformed);
    }
}
