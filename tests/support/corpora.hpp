// corpora.hpp — the planted-secrets and benign corpora of tests/data, loaded for the privacy tests.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace semtrace::testing {

struct Planted {
    std::string kind;
    std::string secret;
};

inline std::string data_path(const std::string& name) { return std::string(SEMTRACE_TEST_DATA) + "/" + name; }

// "kind<TAB>secret" lines; "\n" inside a secret stands for a line break.
inline std::vector<Planted> planted_secrets() {
    std::ifstream in(data_path("planted_secrets.tsv"));
    REQUIRE_MESSAGE(in.good(), "cannot read tests/data/planted_secrets.tsv");
    std::vector<Planted> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        // Built by appending, not string::replace: GCC 12 at -O3 reports a false -Wrestrict
        // on replace (GCC bug 105329), which -Werror turns into a broken release build.
        std::string secret;
        for (std::size_t i = tab + 1; i < line.size(); ++i) {
            bool escaped_newline = line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n';
            secret += escaped_newline ? '\n' : line[i];
            i += escaped_newline ? 1 : 0;
        }
        out.push_back({line.substr(0, tab), secret});
    }
    return out;
}

// "secret<TAB>text<TAB>value" (the text holds the value, which must go; the rest stays) and
// "benign<TAB>text<TAB>" (nothing to find) lines: labelled_secrets.tsv.
struct Labelled {
    bool benign = false;
    std::string text;
    std::string secret;  // empty for a benign text
};

inline std::vector<Labelled> labelled_texts() {
    std::ifstream in(data_path("labelled_secrets.tsv"));
    REQUIRE_MESSAGE(in.good(), "cannot read tests/data/labelled_secrets.tsv");
    std::vector<Labelled> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto first = line.find('\t'), second = line.rfind('\t');
        REQUIRE_MESSAGE((first != std::string::npos && second > first), "labelled_secrets.tsv: ", line);
        out.push_back({line.substr(0, first) == "benign", line.substr(first + 1, second - first - 1), line.substr(second + 1)});
    }
    return out;
}

inline std::vector<std::string> benign_strings() {
    std::ifstream in(data_path("benign.txt"));
    REQUIRE_MESSAGE(in.good(), "cannot read tests/data/benign.txt");
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out.push_back(line);
    return out;
}

// The digits of a secret, when there are enough of them to identify it on their own.
inline std::string digits_only(const std::string& s) {
    std::string d;
    for (char c : s)
        if (c >= '0' && c <= '9') d += c;
    return d.size() >= 7 ? d : std::string();
}

// Whether a 6-character piece of `secret` (every third place on) that holds one of `telling`
// is still in `out`, and is in none of `around` (what was put beside the secret, which may hold
// the same piece).
inline bool piece_survives(const std::string& out, const std::string& secret, const char* telling,
                           std::initializer_list<std::string_view> around = {}) {
    for (std::size_t i = 0; i + 6 <= secret.size(); i += 3) {
        std::string piece = secret.substr(i, 6);
        bool beside = false;
        for (std::string_view a : around) beside = beside || a.find(piece) != std::string_view::npos;
        if (piece.find_first_of(telling) != std::string::npos && !beside && out.find(piece) != std::string::npos) return true;
    }
    return false;
}

// A code point in UTF-8.
inline std::string utf8(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// `text` as a full-width input method types it (Chinese, Japanese, Korean): every printable
// ASCII character as its full-width form (U+FF01-FF5E), a space as U+3000; line breaks and
// other characters as they are.
inline std::string full_width(std::string_view text) {
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u == ' ') out += utf8(0x3000);
        else if (u > ' ' && u < 0x7f) out += utf8(0xFF01 + (u - '!'));
        else out += c;
    }
    return out;
}

// `text` with its digits in another script, whose zero is `zero`: U+0660 Arabic, U+06F0
// Persian, U+0966 Devanagari, U+09E6 Bengali, U+0E50 Thai, U+1040 Myanmar, U+17E0 Khmer.
inline std::string native_digits(std::string_view text, char32_t zero) {
    std::string out;
    for (char c : text) out += c >= '0' && c <= '9' ? utf8(zero + static_cast<char32_t>(c - '0')) : std::string(1, c);
    return out;
}

// ... as Arabic and Persian keyboards type them.
inline std::string arabic_digits(std::string_view text, bool persian = false) {
    return native_digits(text, persian ? 0x06F0 : 0x0660);
}

}  // namespace semtrace::testing
