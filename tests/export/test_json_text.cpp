// test_json_text.cpp — the JSON-lines escaper agrees with nlohmann::json on every kind of byte, at every offset of its 8-byte scan.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "annotations.hpp"
#include "json_text.hpp"
#include "semtrace/vocabulary.hpp"

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

TEST_CASE("write_json_chars stays within json_chars_room for the costliest bytes, and says what append_json_chars says") {
    for (std::string worst : {std::string("\x01"), std::string("\xff"), std::string("\xc3"), std::string("\"")})
        for (std::size_t repeat : {1u, 7u, 8u, 9u, 64u}) {
            std::string s;
            for (std::size_t i = 0; i < repeat; ++i) s += worst;
            std::string room(semtrace::jsonl::json_chars_room(s.size()) + 8, '#');
            char* end = semtrace::jsonl::write_json_chars(room.data(), s);
            REQUIRE(static_cast<std::size_t>(end - room.data()) <= semtrace::jsonl::json_chars_room(s.size()));
            REQUIRE(room.substr(room.size() - 8) == "########");  // nothing written past the room
            REQUIRE('"' + std::string(room.data(), end) + '"' == reference(s));
        }
}

TEST_CASE("the vocabulary's names (action types, value states, step labels) need no escape: exports quote them as they are") {
    for (int i = 0; i < semtrace::action_type_count; ++i) {
        std::string name(semtrace::name_of(static_cast<semtrace::ActionType>(i)));
        CHECK(escaped(name) == '"' + name + '"');
    }
    for (auto state : {semtrace::ValueState::none, semtrace::ValueState::plain, semtrace::ValueState::masked, semtrace::ValueState::redacted}) {
        std::string name(semtrace::name_of(state));
        CHECK(escaped(name) == '"' + name + '"');
    }
    for (auto label : {semtrace::replay::StepLabel::correct, semtrace::replay::StepLabel::mistake,
                       semtrace::replay::StepLabel::redundant, semtrace::replay::StepLabel::exploratory}) {
        std::string name(semtrace::replay::name_of(label));
        CHECK(escaped(name) == '"' + name + '"');
    }
}
