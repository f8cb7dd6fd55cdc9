// test_json_text.cpp — the JSON-lines escaper agrees with nlohmann::json on every kind of byte, at every offset of its 8-byte scan.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "json_text.hpp"

namespace {

// What nlohmann::json writes for the same bytes, invalid UTF-8 replaced.
std::string reference(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string escaped(const std::string& s) {
    std::string out = "x";  // appends: what was there stays
    semtrace::jsonl::append_json_string(out, s);
    return out.substr(1);
}

}  // namespace

TEST_CASE("every special byte at every place in a word, and strings of every length up to 40") {
    for (std::string special : {"\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x9f\xa8", "\xf0\x9f\x98\x80"})
        for (std::size_t len = 0; len <= 40; ++len)
            for (std::size_t at = 0; at <= len; ++at) {
                std::string s(len, 'a');
                s.insert(at, special);
                REQUIRE_MESSAGE(escaped(s) == reference(s), "special ", reference(special), " at ", at, " of ", len);
            }
}

TEST_CASE("100,000 random strings of printable text, controls and valid and broken UTF-8 read as nlohmann::json writes them") {
    std::mt19937 rng(3);
    const std::string pieces[] = {"a", "Save ", "'", "\"", "\\", "\n", "\r", "\x02", " ", "\xc3\xa9", "\xe2\x9f\xa8",
                                  "\xf0\x9f\x98\x80", "\xc3", "\xe2\x9f", "\x80", "\xff", "\xed\xa0\x80", "\xc0\xaf",
                                  "\xf5\x80\x80", "\xf4\x90\x80\x80", "\xe0\x80\xaf"};  // past U+10FFFF, overlong
    for (int i = 0; i < 100'000; ++i) {
        std::string s;
        for (auto k = rng() % 24; k-- > 0;) s += rng() % 3 ? std::string(1 + rng() % 12, 'x') : pieces[rng() % std::size(pieces)];
        REQUIRE_MESSAGE(escaped(s) == reference(s), reference(s));
    }
}
