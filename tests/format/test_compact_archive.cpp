// test_compact_archive.cpp — the cereal archive's varints, zigzag, interned strings and hostile-length guards.
#include <doctest/doctest.h>

#include <cereal/types/vector.hpp>

#include "format/compact_archive.hpp"

using namespace semtrace::format;

TEST_CASE("integers of every width and sign survive, small ones in one byte") {
    std::vector<char> bytes;
    CompactOutputArchive out(bytes);
    std::uint64_t u = UINT64_MAX;
    std::int64_t s = INT64_MIN, small_neg = -3;
    std::uint32_t small = 5;
    out(u, s, small_neg, small);
    CHECK(bytes.size() == 10 + 10 + 1 + 1);

    CompactInputArchive in;
    in.set_input(bytes);
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

TEST_CASE("a repeated string is written once, then referenced") {
    std::vector<char> bytes;
    CompactOutputArchive out(bytes);
    std::string locator = "window 'Editor'/toolbar/button 'Save'";
    out(locator);
    std::size_t first = bytes.size();
    out(locator);
    CHECK(bytes.size() - first == 1);

    CompactInputArchive in;
    in.set_input(bytes);
    std::string a, b;
    in(a, b);
    CHECK(a == locator);
    CHECK(b == locator);
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
