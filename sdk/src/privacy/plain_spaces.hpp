// plain_spaces.hpp — text as the number detectors read it: '_', Unicode's no-break and thin spaces, its dashes and invisible characters as plain spaces, byte for byte.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

namespace semtrace::privacy::detail {

// Why: numbers are written with these between their groups (a card number a web page keeps on
// one line with no-break spaces, French "06 12 34 56 78" with narrow ones, Markdown's
// "_4111 1111 1111 1111_", "555–123–4567" with the en dashes a word processor puts for hyphens,
// a number pasted with zero-width spaces or soft hyphens in it), and RE2's \b takes '_' for
// part of a word. Each multibyte character becomes as many plain spaces as it has bytes, so an
// offset into the copy is an offset into the text: a finding in the copy is the same finding in
// the text. (Up to three spaces may stand between a number's groups in the number patterns.)

// The length of the Unicode character at s[i] that plain_spaces() replaces, or 0: U+00A0
// no-break space and U+00AD soft hyphen (C2 A0 / AD); U+2007 figure, U+2009 thin and U+202F
// narrow no-break space (E2 80 87 / 89 / AF); U+200B-200D zero-width space, non-joiner and
// joiner (E2 80 8B-8D), U+2060 word joiner (E2 81 A0); U+2010-2013 hyphen, non-breaking
// hyphen, figure dash, en dash (E2 80 90-93), U+2212 minus (E2 88 92). Not the em dash, which
// prose puts between words, not digits.
inline std::size_t unicode_space_at(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    if (b(i) == 0xC2) return b(i + 1) == 0xA0 || b(i + 1) == 0xAD ? 2 : 0;
    if (b(i) != 0xE2) return 0;
    unsigned second = b(i + 1), third = b(i + 2);
    if (second == 0x80)
        return third == 0x87 || third == 0x89 || third == 0xAF || (third >= 0x8B && third <= 0x8D) ||
                       (third >= 0x90 && third <= 0x93)
                   ? 3
                   : 0;
    return (second == 0x81 && third == 0xA0) || (second == 0x88 && third == 0x92) ? 3 : 0;
}

// Whether `s` holds one of those spaces. Text in other scripts and typographic punctuation hold
// their first bytes often, the spaces seldom: memchr (vectorised in glibc) finds each first byte.
inline bool has_unicode_spaces(std::string_view s) {
    const char* const end = s.data() + s.size();
    for (int lead : {0xC2, 0xE2})
        for (const char* at = s.data(); at < end; ++at) {
            at = static_cast<const char*>(std::memchr(at, lead, static_cast<std::size_t>(end - at)));
            if (at == nullptr) break;
            if (unicode_space_at(s, static_cast<std::size_t>(at - s.data()))) return true;
        }
    return false;
}

// Whether plain_spaces() would change anything in `s`.
inline bool has_plain_space_work(std::string_view s) {
    return (!s.empty() && std::memchr(s.data(), '_', s.size()) != nullptr) || has_unicode_spaces(s);
}

// A copy and a memchr pass per byte it looks for: a note of kilobytes full of identifiers
// (snake_case) costs a fraction of what a look at every byte did.
inline void plain_spaces(std::string_view in, std::string& out) {
    out.assign(in);
    char* const begin = out.data();
    char* const end = begin + out.size();
    auto each = [&](int c, auto&& at_hit) {
        for (char* at = begin; at < end; ++at) {
            at = static_cast<char*>(std::memchr(at, c, static_cast<std::size_t>(end - at)));
            if (at == nullptr) return;
            at_hit(at);
        }
    };
    each('_', [](char* at) { *at = ' '; });
    for (int lead : {0xC2, 0xE2})
        each(lead, [&](char* at) {
            if (std::size_t n = unicode_space_at(out, static_cast<std::size_t>(at - begin))) std::memset(at, ' ', n);
        });
}

// The text as the number detectors read it (Rule::plain_spaces), made when first asked for: its
// plain-spaced copy when plain_spaces() would change it, else the text itself. The candidate
// pass asks only on a word with digits, and Detectors::find only for a number rule: a text with
// neither pays nothing.
class NumberText {
public:
    void reset(std::string_view text) {
        text_ = text;
        asked_ = copied_ = false;
    }
    std::string_view get() {
        if (!asked_) {
            asked_ = true;
            copied_ = has_plain_space_work(text_);
            if (copied_) plain_spaces(text_, copy_);
        }
        return copied_ ? std::string_view(copy_) : text_;
    }

private:
    std::string_view text_;
    std::string copy_;
    bool asked_ = false, copied_ = false;
};

}  // namespace semtrace::privacy::detail
