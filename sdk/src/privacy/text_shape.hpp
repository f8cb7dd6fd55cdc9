// text_shape.hpp — one pass over a text that tells which detectors cannot match it, and the byte classes it uses.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace semtrace::privacy::detail {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alnum(char c) { return is_digit(c) || is_upper(c) || is_lower(c); }
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
// The alphabet of base64, hex and URL-safe tokens.
constexpr bool is_token_char(char c) { return is_alnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'; }
// What a password policy counts as a symbol: ASCII, not alphanumeric, not a space, and not the
// punctuation of file names, versions and dates (. - _ / : , ').
constexpr bool is_password_symbol(char c) {
    auto u = static_cast<unsigned char>(c);
    if (is_alnum(c) || is_space(c) || u == 0 || u >= 0x80) return false;
    return std::string_view(".-_/:,'").find(c) == std::string_view::npos;
}

enum CharClass : std::uint16_t {
    digit_class = 1 << 0,
    upper_class = 1 << 1,
    lower_class = 1 << 2,
    dot_class = 1 << 3,
    colon_class = 1 << 4,
    at_class = 1 << 5,
    bracket_class = 1 << 6,          // ( [ {
    token_class = 1 << 7,            // is_token_char
    symbol_class = 1 << 8,           // is_password_symbol
    phone_separator_class = 1 << 9,  // spaces and ( ) . - /
    card_separator_class = 1 << 10,  // space and -
    space_class = 1 << 11,           // the space character only
    hex_address_class = 1 << 12,     // what an IPv6 address is written with: hex digits, : and .
    blank_class = 1 << 13,           // is_space: what separates words
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
    if (is_space(c) || std::string_view(".-/()").find(c) != std::string_view::npos) f |= phone_separator_class;
    if (c == ' ' || c == '-') f |= card_separator_class;
    if (c == ' ') f |= space_class;
    if (is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.') f |= hex_address_class;
    if (is_space(c)) f |= blank_class;
    return f;
}

// One lookup per byte: the detectors' passes run over every string the recorder sees.
inline constexpr std::array<std::uint16_t, 256> char_classes = [] {
    std::array<std::uint16_t, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = classify(static_cast<char>(c));
    return t;
}();

inline std::uint16_t class_of(char c) { return char_classes[static_cast<unsigned char>(c)]; }

// Stretches of text long enough to hold a secret of some kind. Which characters each allows:
//   phone_8_digits    8 digits among spaces and ( ) . - /          "+1 (555) 010-4477"
//   number_9_digits   9 digits among spaces and dashes             "078-05-1120"
//   number_13_digits  13 digits among spaces and dashes            "4111 1111 1111 1111"
//   code_15_chars     15 of [A-Z0-9] among single spaces            "DE89 3704 0044 0532"
//   token_15_chars    15 of [A-Za-z0-9+/=_-] in a row               "xoxb-1234567890"
//   token_20_chars    20 of them                                    "AKIAIOSFODNN7EXAMPLE"
//   hex_6_chars       6 of [0-9A-Fa-f:.] in a row                   "fe80::1"
enum Stretch : unsigned {
    phone_8_digits,
    number_9_digits,
    number_13_digits,
    code_15_chars,
    token_15_chars,
    token_20_chars,
    hex_6_chars,
};

// What one pass over a text says about it: enough to rule out most detectors without running
// them (a label or a product name holds no 8-digit number, no '@', no 20-character token).
struct TextShape {
    std::string_view text;
    std::uint32_t digits = 0;   // ASCII 0-9
    std::uint32_t letters = 0;  // ASCII A-Z, a-z
    std::uint32_t dots = 0;
    std::uint32_t colons = 0;
    bool at_sign = false;
    bool bracket = false;          // ( [ {
    bool password_symbol = false;  // is_password_symbol
    std::uint32_t stretches = 0;   // bit s: the text holds Stretch s

    bool has(Stretch s) const { return (stretches >> s) & 1u; }
};

TextShape shape_of(std::string_view text) noexcept;

}  // namespace semtrace::privacy::detail
