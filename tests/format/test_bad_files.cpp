// test_bad_files.cpp — truncated, flipped, empty, foreign and future files: a clear error, no crash, nothing invented.
#include <doctest/doctest.h>

#include "format/layout.hpp"
#include "support/sample_events.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// Opens and reads a damaged file; checks that whatever comes back is a prefix of what was written.
void check_nothing_invented(const std::filesystem::path& path, const std::vector<format::Event>& original) {
    auto reader = format::SessionReader::open(path);
    if (!reader) {
        CHECK(reader.error().message.find(path.string()) == 0);
        return;
    }
    std::size_t i = 0;
    auto read = reader->read(0, [&](const format::Event& e) {
        REQUIRE(i < original.size());
        CHECK(e == original[i]);
        ++i;
        return true;
    });
    if (!read) CHECK(read.error().message.find(path.string()) == 0);
}

struct DamageFixture {
    TempDir dir;
    // Small enough to damage at every byte under ASan in seconds; still several frames and
    // flush points, and every event kind.
    std::vector<format::Event> events = sample_events(48);
    std::filesystem::path original;
    std::vector<char> bytes;
    DamageFixture() {
        format::WriterOptions options;
        options.frame_events = 20;
        original = write_session(dir / "good.semtrace", events, options, 6);
        bytes = read_bytes(original);
    }
};

}  // namespace

TEST_CASE_FIXTURE(DamageFixture, "truncated at every byte: the complete chunks are kept and the loss is reported") {
    auto path = dir / "cut.semtrace";
    std::size_t header_end = 0;
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        write_bytes(path, std::vector<char>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size)));
        auto reader = format::SessionReader::open(path);
        if (!reader) {
            CHECK(header_end == 0);  // only a cut inside the header makes a file unreadable
            CHECK(reader.error().message.find("offset") != std::string::npos);
            continue;
        }
        if (!header_end) header_end = size;
        INFO("cut at ", size);
        CHECK_FALSE(reader->complete());
        CHECK_FALSE(reader->damage().empty());
        CHECK_FALSE(reader->verify().ok());
        std::string error;
        auto back = read_all(reader.value(), &error);
        CHECK(error.empty());
        CHECK(back.size() == reader->event_count());
        for (std::size_t i = 0; i < back.size(); ++i) CHECK(back[i] == events[i]);
        // Up to the frames' ends and flush points, nothing more than the cut chunk is lost.
        CHECK(reader->bytes_dropped() < 600);
    }
    CHECK(header_end > 0);
}

TEST_CASE_FIXTURE(DamageFixture, "any flipped byte anywhere fails verify, and reading never invents an event") {
    auto path = dir / "flip.semtrace";
    for (std::size_t at = 0; at < bytes.size(); ++at) {
        auto damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
        write_bytes(path, damaged);
        INFO("flipped byte ", at, " of ", bytes.size());
        auto reader = format::SessionReader::open(path);
        if (reader) CHECK_FALSE(reader->verify().ok());
        check_nothing_invented(path, events);
    }
}

TEST_CASE("an empty file, a foreign file and a future version each get one clear line") {
    TempDir dir;
    SUBCASE("empty") {
        write_bytes(dir / "empty.semtrace", {});
        auto r = format::SessionReader::open(dir / "empty.semtrace");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == (dir / "empty.semtrace").string() + ": offset 0: empty file, not a semtrace session");
    }
    SUBCASE("foreign") {
        std::string png = "\x89PNG\r\n\x1a\n and then some image data that is long enough";
        write_bytes(dir / "image.png", std::vector<char>(png.begin(), png.end()));
        auto r = format::SessionReader::open(dir / "image.png");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("not a semtrace session (starts with 0x89 0x50 0x4e 0x47") != std::string::npos);
    }
    SUBCASE("future version") {
        auto path = write_session(dir / "future.semtrace", sample_events(5));
        auto bytes = read_bytes(path);
        format::put<std::uint16_t>(bytes.data() + 8, format::format_version + 1);
        write_bytes(path, bytes);
        auto r = format::SessionReader::open(path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("offset 8: format version 3 is not supported (this reader knows 1 to 2)") != std::string::npos);
        CHECK(r.error().message.find("newer semtrace") != std::string::npos);
    }
    SUBCASE("a header whose compressed bytes are not zstd's, its checksum made to match") {
        auto path = write_session(dir / "header.semtrace", sample_events(5));
        auto bytes = read_bytes(path);
        const auto length = format::get<std::uint32_t>(bytes.data() + 10);
        for (std::size_t i = 0; i < length; ++i) bytes[format::file_header_fixed + i] = static_cast<char>(0x5a ^ i);
        const std::size_t checked = format::file_header_fixed + length;
        format::put<std::uint64_t>(bytes.data() + checked, format::checksum64(bytes.data(), checked));
        write_bytes(path, bytes);
        auto r = format::SessionReader::open(path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("offset 14: header is malformed") != std::string::npos);
    }
    SUBCASE("a directory") {
        auto r = format::SessionReader::open(dir.path());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("not a regular file") != std::string::npos);
    }
}

TEST_CASE("a damaged footer falls back to scanning and keeps every event") {
    TempDir dir;
    auto events = sample_events(200);
    auto path = write_session(dir / "f.semtrace", events);
    auto bytes = read_bytes(path);
    bytes[bytes.size() - 30] ^= 0x01;  // inside the footer's totals
    write_bytes(path, bytes);
    auto reader = format::SessionReader::open(path);
    REQUIRE(reader.ok());
    CHECK_FALSE(reader->complete());
    CHECK(reader->damage().find("footer checksum mismatch") == 0);
    auto back = read_all(reader.value());
    CHECK(back == events);
    CHECK_FALSE(reader->verify().ok());
}
