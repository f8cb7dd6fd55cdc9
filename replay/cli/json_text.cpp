// json_text.cpp — JSON strings written by hand, fast: what every JSON-lines writer of semtrace appends with.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "json_text.hpp"

namespace semtrace::jsonl {

namespace {

// Bytes copied as they are: printable ASCII but the quote and the backslash.
constexpr auto plain = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return table;
}();

// Where the bytes from `i` on stop being plain. Eight at a time where it can: a word is plain
// unless some byte is non-ASCII, below 0x20, a quote or a backslash. The tests below flag the
// first such byte exactly (a borrow only runs upward from a flagged byte), so the lowest flag
// of a little-endian word is the first byte to escape.
std::size_t plain_until(std::string_view s, std::size_t i) {
    if constexpr (std::endian::native == std::endian::little) {
        constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
        auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            std::uint64_t special = (w & highs) | ((w - ones * 0x20) & ~w & highs) | has_zero(w ^ (ones * '"')) |
                                    has_zero(w ^ (ones * '\\'));
            if (special) return i + static_cast<std::size_t>(std::countr_zero(special) >> 3);
        }
    }
    while (i < s.size() && plain[static_cast<unsigned char>(s[i])]) ++i;
    return i;
}

// The length of the UTF-8 sequence that lead byte `c` starts: 0 for a byte no sequence starts with.
std::size_t sequence_length(unsigned char c) {
    return c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
}

// How many bytes from `i` form a valid sequence or the start of one (at least 1): the "maximal
// subpart" that Unicode replaces by one U+FFFD, as nlohmann::json does. Second bytes exclude
// overlong forms, surrogates and code points past U+10FFFF.
std::size_t utf8_prefix(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = sequence_length(c);
    std::size_t k = 1;
    for (; k < length && i + k < s.size(); ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        unsigned char low = 0x80, high = 0xBF;
        if (k == 1 && c == 0xE0) low = 0xA0;
        if (k == 1 && c == 0xED) high = 0x9F;
        if (k == 1 && c == 0xF0) low = 0x90;
        if (k == 1 && c == 0xF4) high = 0x8F;
        if (b < low || b > high) break;
    }
    return k;
}

}  // namespace

char* write_json_chars(char* p, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < s.size();) {
        std::size_t run = plain_until(s, i);  // printable ASCII that needs no escape: one copy
        if (run > i) {
            std::memcpy(p, s.data() + i, run - i);
            p += run - i;
            i = run;
            continue;
        }
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\' || c < 0x20) {
            *p++ = '\\';
            switch (c) {
                case '"':
                case '\\': *p++ = static_cast<char>(c); break;
                case '\n': *p++ = 'n'; break;
                case '\t': *p++ = 't'; break;
                case '\r': *p++ = 'r'; break;
                default: *p++ = 'u', *p++ = '0', *p++ = '0', *p++ = hex[c >> 4], *p++ = hex[c & 15];
            }
            ++i;
        } else {
            std::size_t length = utf8_prefix(s, i);
            if (length == sequence_length(c)) std::memcpy(p, s.data() + i, length), p += length;
            else std::memcpy(p, "\xEF\xBF\xBD", 3), p += 3;  // one for the longest start of a sequence, as Unicode advises
            i += length;
        }
    }
    return p;
}

void append_json_chars(std::string& out, std::string_view s) {
    // Most strings (names, locators) need no escape at all: one copy. The rest is written
    // through a pointer into room for its worst case, not appended piece by piece.
    std::size_t start = plain_until(s, 0);
    out.append(s.data(), start);
    if (start == s.size()) return;
    std::size_t used = out.size();
    out.resize(used + json_chars_room(s.size() - start));
    char* end = write_json_chars(out.data() + used, s.substr(start));
    out.resize(static_cast<std::size_t>(end - out.data()));
}

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    append_json_chars(out, s);
    out += '"';
}

}  // namespace semtrace::jsonl
