// test_compact_archive.cpp — the cereal archive's varints, zigzag, interned strings and hostile-length guards.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include <cereal/types/vector.hpp>

#include "format/compact_archive.hpp"

using namespace semtrace::format;

TEST_CASE("the byte buffer keeps every byte appended as it grows, and what truncate leaves") {
    ByteBuffer buffer;
    std::string expected;
    for (int i = 0; i < 5000; ++i) {  // grows from nothing several times, by bytes and by runs
        const std::string run(static_cast<std::size_t>(i % 37), static_cast<char>('a' + i % 26));
        buffer.push_back(static_cast<char>(i));
        buffer.append(run.data(), run.size());
        expected += static_cast<char>(i);
        expected += run;
    }
    REQUIRE(buffer.size() == expected.size());
    CHECK(std::string(buffer.data(), buffer.size()) == expected);
    buffer.truncate(100);
    buffer.reserve(1 << 20);  // moves it: the first 100 bytes stay
    CHECK(std::string(buffer.data(), buffer.size()) == expected.substr(0, 100));
    buffer.clear();
    CHECK(buffer.empty());
}

TEST_CASE("integers of every width and sign survive, small ones in one byte") {
    ByteBuffer bytes;
    CompactOutputArchive out(bytes);
    std::uint64_t u = UINT64_MAX;
    std::int64_t s = INT64_MIN, small_neg = -3;
    std::uint32_t small = 5;
    out(u, s, small_neg, small);
    CHECK(bytes.size() == 10 + 10 + 1 + 1);

    CompactInputArchive in;
    in.set_input(bytes.bytes());
    std::uint64_t u2 = 0;
    std::int64_t s2 = 0, n2 = 0;
    std::uint32_t small2 = 0;
    in(u2, s2, n2, small2);
    CHECK(u2 == u);
    CHECK(s2 == s);
    CHECK(n2 == -3);
    CHECK(small2 == 5);
    CHECK(in.remaining() == 0);
}

TEST_CASE("floats survive bit for bit; a whole number of pixels takes one or two bytes, not four") {
    const std::vector<float> values{0.f,     1.f,      -1.f,     41.f,    1280.f,   -760.f,  0x1p30f, -0x1p30f,
                                    0x1p30f + 128, -0.f, 0.5f, 260.25f, 1e-7f, 3.4e38f, -1e9f,
                                    std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                                    std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::denorm_min()};
    for (float f : values) {
        CAPTURE(f);
        ByteBuffer bytes;
        CompactOutputArchive out(bytes);
        out(f);
        const bool whole = std::abs(f) <= 0x1p30f && f == std::trunc(f) && !std::signbit(f == 0 ? f : 1.f);
        if (whole) CHECK(bytes.size() <= (std::abs(f) < 16 ? 1u : std::abs(f) < 2048 ? 2u : 5u));
        else CHECK(bytes.size() == 5);
        CompactInputArchive in;
        in.set_input(bytes.bytes());
        float back = 7;
        in(back);
        CHECK(std::bit_cast<std::uint32_t>(back) == std::bit_cast<std::uint32_t>(f));
        CHECK(in.remaining() == 0);
    }
    SUBCASE("a browser's bounds: 16 bytes as floats, 7 here") {
        ByteBuffer bytes;
        CompactOutputArchive out(bytes);
        out(260.f, 140.f, 760.f, 30.f);
        CHECK(bytes.size() == 7);
    }
    SUBCASE("schema 1's floats, four bytes each, read when the archive is told") {
        const float f = 1280.f;
        CompactInputArchive in;
        in.set_input({reinterpret_cast<const char*>(&f), sizeof f});
        in.set_floats_as_bytes(true);
        float back = 0;
        in(back);
        CHECK(back == 1280.f);
    }
    SUBCASE("a tag no writer makes is refused") {
        for (std::uint64_t tag : {3ull, 5ull, (1ull << 32) + 2}) {
            ByteBuffer bytes;
            CompactOutputArchive(bytes).write_varint(tag);
            CompactInputArchive in;
            in.set_input(bytes.bytes());
            float back = 0;
            CHECK_THROWS_WITH_AS(in(back), doctest::Contains("malformed float"), cereal::Exception);
        }
    }
}

TEST_CASE("a repeated string is written once, then referenced") {
    ByteBuffer bytes;
    CompactOutputArchive out(bytes);
    std::string locator = "window 'Editor'/toolbar/button 'Save'";
    out(locator);
    std::size_t first = bytes.size();
    out(locator);
    CHECK(bytes.size() - first == 1);

    CompactInputArchive in;
    in.set_input(bytes.bytes());
    std::string a, b;
    in(a, b);
    CHECK(a == locator);
    CHECK(b == locator);
}

TEST_CASE("a string written with a memo is referenced in its frame without a lookup, and written again in a new frame or another archive") {
    const std::string locator = "window 'Editor'/toolbar/button 'Save'", other = "window 'Editor'/button 'Open'";
    ByteBuffer bytes, elsewhere;
    CompactOutputArchive out(bytes), second(elsewhere);
    std::uint64_t memo = 0, other_memo = 0;
    out.write_string(other, &other_memo);  // entry 0: the memo's entry must not be taken for it
    out.write_string(locator, &memo);
    CHECK(memo != 0);
    std::size_t before = bytes.size();
    out.write_string(locator, &memo);
    CHECK(bytes.size() - before == 1);  // a reference to entry 1
    out.reset_strings();                // a new frame: its table is empty, the text comes again
    out.write_string(locator, &memo);
    out.write_string(locator, &memo);
    second.write_string(locator, &memo);  // the other archive's table has no such entry
    second.write_string(locator, &memo);

    CompactInputArchive in;
    in.set_input(bytes.bytes());
    std::string read;
    for (const std::string* expected : {&other, &locator, &locator}) {
        in.read_string(read);
        CHECK(read == *expected);
    }
    in.reset_strings();
    for (int i = 0; i < 2; ++i) {
        in.read_string(read);
        CHECK(read == locator);
    }
    CHECK(in.remaining() == 0);
    CompactInputArchive in_second;
    in_second.set_input(elsewhere.bytes());
    for (int i = 0; i < 2; ++i) {
        in_second.read_string(read);
        CHECK(read == locator);
    }
    CHECK(in_second.remaining() == 0);
}

TEST_CASE("hostile lengths and references are refused, not trusted") {
    CompactInputArchive in;
    SUBCASE("a string longer than the input") {
        std::vector<char> bytes = {1, char(0xff), char(0xff), 0x03, 'a'};
        in.set_input(bytes);
        std::string s;
        CHECK_THROWS_AS(in(s), cereal::Exception);
    }
    SUBCASE("a reference to a string never defined") {
        std::vector<char> bytes = {9};
        in.set_input(bytes);
        std::string s;
        CHECK_THROWS_AS(in(s), cereal::Exception);
    }
    SUBCASE("a vector claiming a billion elements") {
        std::vector<char> bytes = {char(0x80), char(0x94), char(0xeb), char(0xdc), 0x03, 1};
        in.set_input(bytes);
        std::vector<std::uint32_t> v;
        CHECK_THROWS_AS(in(v), cereal::Exception);
    }
    SUBCASE("a varint that never ends") {
        std::vector<char> bytes(12, char(0x80));
        in.set_input(bytes);
        std::uint64_t v = 0;
        CHECK_THROWS_AS(in(v), cereal::Exception);
    }
}
