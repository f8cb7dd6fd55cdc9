// text_shape.cpp — shape_of: in one branch-free pass, what a text holds: counts, symbols, and stretches that could be secrets.
#include <array>

#include "privacy/text_shape.hpp"

namespace semtrace::privacy::detail {

namespace {

// Counters in one 64-bit word, 12 bits each: one addition per byte counts them all.
constexpr int digits_at = 0, letters_at = 12, dots_at = 24, colons_at = 36;
constexpr std::size_t chunk_bytes = 4095;  // what a 12-bit counter holds

constexpr std::array<std::uint64_t, 256> counted = [] {
    std::array<std::uint64_t, 256> t{};
    for (std::size_t c = 0; c < 256; ++c) {
        std::uint16_t f = char_classes[c];
        std::uint64_t v = 0;
        if (f & digit_class) v |= std::uint64_t{1} << digits_at;
        if (f & (upper_class | lower_class)) v |= std::uint64_t{1} << letters_at;
        if (f & dot_class) v |= std::uint64_t{1} << dots_at;
        if (f & colon_class) v |= std::uint64_t{1} << colons_at;
        t[c] = v;
    }
    return t;
}();

std::uint32_t counter(std::uint64_t packed, int at) { return static_cast<std::uint32_t>((packed >> at) & 0xfff); }

// Stretch lengths, four to a 64-bit word in 16-bit fields. A field starts (and restarts, on a
// character its stretch does not allow) at 0x8000 - threshold and counts up, so bit 15 turns
// on when the stretch is long enough; OR-ing the word into `reached` keeps it. Per byte:
//   field = ((field & keep) | (start & ~keep)) + step
// where keep is all ones for a character the stretch allows and step is 1 for one it counts.
struct StretchSpec {
    Stretch stretch;
    std::uint16_t threshold;
    std::uint16_t counts;  // char classes counted
    std::uint16_t allows;  // char classes allowed between them (besides the counted ones)
};

constexpr std::array<StretchSpec, 7> stretch_specs = {{
    {phone_8_digits, 8, digit_class, phone_separator_class},
    {number_9_digits, 9, digit_class, card_separator_class},
    {number_13_digits, 13, digit_class, card_separator_class},
    {code_15_chars, 15, digit_class | upper_class, space_class},
    {token_15_chars, 15, token_class, 0},
    {token_20_chars, 20, token_class, 0},
    {hex_6_chars, 6, hex_address_class, 0},
}};

constexpr std::size_t words = 2;

struct StretchTables {
    std::array<std::array<std::uint64_t, 256>, words> keep{}, step{};
    std::array<std::uint64_t, words> start{};
};

constexpr StretchTables stretch_tables = [] {
    StretchTables t;
    for (std::size_t i = 0; i < stretch_specs.size(); ++i) {
        const StretchSpec& s = stretch_specs[i];
        std::size_t word = i / 4, shift = 16 * (i % 4);
        t.start[word] |= std::uint64_t{0x8000u - s.threshold} << shift;
        for (std::size_t c = 0; c < 256; ++c) {
            std::uint16_t f = char_classes[c];
            if (f & (s.counts | s.allows)) t.keep[word][c] |= std::uint64_t{0xffff} << shift;
            if (f & s.counts) t.step[word][c] |= std::uint64_t{1} << shift;
        }
    }
    return t;
}();

constexpr std::uint64_t reached_bits = 0x8000800080008000ull;

// After a chunk, fields past their threshold go back to it: 4095 more steps cannot overflow.
std::uint64_t clamp_reached(std::uint64_t word) {
    std::uint64_t over = word & reached_bits;
    std::uint64_t field_mask = (over >> 15) * 0xffff;  // all ones in the fields that reached
    return (word & ~field_mask) | over;
}

}  // namespace

TextShape shape_of(std::string_view text) noexcept {
    TextShape t;
    t.text = text;
    std::uint16_t seen = 0;
    std::array<std::uint64_t, words> field = stretch_tables.start, reached{};
    for (std::size_t at = 0; at < text.size(); at += chunk_bytes) {
        std::uint64_t counts = 0;
        for (char ch : text.substr(at, chunk_bytes)) {
            auto c = static_cast<unsigned char>(ch);
            seen |= char_classes[c];
            counts += counted[c];
            for (std::size_t w = 0; w < words; ++w) {
                std::uint64_t keep = stretch_tables.keep[w][c];
                field[w] = ((field[w] & keep) | (stretch_tables.start[w] & ~keep)) + stretch_tables.step[w][c];
                reached[w] |= field[w];
            }
        }
        t.digits += counter(counts, digits_at);
        t.letters += counter(counts, letters_at);
        t.dots += counter(counts, dots_at);
        t.colons += counter(counts, colons_at);
        for (std::size_t w = 0; w < words; ++w) field[w] = clamp_reached(field[w]);
    }
    for (std::size_t i = 0; i < stretch_specs.size(); ++i)
        if ((reached[i / 4] >> (16 * (i % 4) + 15)) & 1u) t.stretches |= 1u << stretch_specs[i].stretch;
    t.at_sign = seen & at_class;
    t.bracket = seen & bracket_class;
    t.password_symbol = seen & symbol_class;
    return t;
}

}  // namespace semtrace::privacy::detail
