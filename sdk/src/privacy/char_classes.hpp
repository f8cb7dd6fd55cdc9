// char_classes.hpp — the byte classes the built-in detectors read text by: one table lookup a byte.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace semtrace::privacy::detail {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
constexpr bool is_hex_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'f'; }
constexpr bool is_hex_digit(char c) { return is_digit(c) || is_hex_letter(c); }
// Whether `text` begins with `lower` (letters in lower case, and marks such as ':' and '/' that
// no case changes), in any case: ASCII only.
constexpr bool starts_with_lower(std::string_view text, std::string_view lower) {
    if (text.size() < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i)
        if ((text[i] | 0x20) != lower[i]) return false;
    return true;
}
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
// RE2's \s: the same without \v. Where a pattern's \s decides where a match ends, this does.
constexpr bool is_re2_space(char c) { return is_space(c) && c != '\v'; }
// The alphabet of base64, hex and URL-safe tokens.
constexpr bool is_token_char(char c) { return is_alnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'; }
// What a password policy counts as a symbol: ASCII, not alphanumeric, not a space, and not the
// punctuation of file names, versions and dates (. - _ / : , ').
constexpr bool is_password_symbol(char c) {
    auto u = static_cast<unsigned char>(c);
    if (is_alnum(c) || is_space(c) || u == 0 || u >= 0x80) return false;
    return std::string_view(".-_/:,'").find(c) == std::string_view::npos;
}
// What phone numbers, cards, SSNs and IPv4 addresses are written with: digits, capitals, spaces
// and + . - / ( ) (in the text as they read it: NumberText). Every match of those detectors lies
// in a run of these.
constexpr bool is_number_char(char c) {
    return is_digit(c) || is_upper(c) || is_space(c) || std::string_view("+.-/()").find(c) != std::string_view::npos;
}

enum CharClass : std::uint16_t {
    digit_class = 1 << 0,
    upper_class = 1 << 1,
    lower_class = 1 << 2,
    dot_class = 1 << 3,
    colon_class = 1 << 4,
    at_class = 1 << 5,
    bracket_class = 1 << 6,  // ( [ {
    token_class = 1 << 7,    // is_token_char
    symbol_class = 1 << 8,   // is_password_symbol
    number_class = 1 << 9,   // is_number_char
    blank_class = 1 << 10,   // is_space: what separates words
    // A digit, '@', ':' or a bracket: a word holding one needs a closer look (candidates.cpp).
    // Bit 15, so that it can be or-ed into a word's counter there.
    closer_class = 1 << 15,
};

constexpr std::uint16_t classify(char c) {
    std::uint16_t f = 0;
    if (is_digit(c)) f |= digit_class;
    if (is_upper(c)) f |= upper_class;
    if (is_lower(c)) f |= lower_class;
    if (c == '.') f |= dot_class;
    if (c == ':') f |= colon_class;
    if (c == '@') f |= at_class;
    if (c == '(' || c == '[' || c == '{') f |= bracket_class;
    if (is_token_char(c)) f |= token_class;
    if (is_password_symbol(c)) f |= symbol_class;
    if (is_number_char(c)) f |= number_class;
    if (is_space(c)) f |= blank_class;
    if (is_digit(c) || c == '@' || c == ':' || c == '(' || c == '[' || c == '{') f |= closer_class;
    return f;
}

inline constexpr std::array<std::uint16_t, 256> char_classes = [] {
    std::array<std::uint16_t, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = classify(static_cast<char>(c));
    return t;
}();

inline std::uint16_t class_of(char c) { return char_classes[static_cast<unsigned char>(c)]; }

// Whether the colon at text[colon] ends a label ("ip:", "addr:", "inet6:"): a word with a letter
// past 'f', which no IPv6 address holds. (check_ipv6, and the candidates that must agree with it.)
inline bool ends_label(std::string_view text, std::size_t colon) {
    bool letter = false;
    for (std::size_t i = colon; i > 0 && is_alnum(text[i - 1]); --i)
        letter = letter || (is_alpha(text[i - 1]) && (text[i - 1] | 0x20) > 'f');
    return letter;
}

// The colon after a label at which an IPv6 address in text[begin, end) may begin ("ip:2001:db8::1"),
// or `end`: the first colon there, when a label ends at it and a second colon does not follow.
inline std::size_t label_colon(std::string_view text, std::size_t begin, std::size_t end) {
    std::size_t colon = text.substr(0, end).find(':', begin);
    if (colon == std::string_view::npos || colon + 1 >= end || text[colon + 1] == ':' || !ends_label(text, colon)) return end;
    return colon;
}

}  // namespace semtrace::privacy::detail
