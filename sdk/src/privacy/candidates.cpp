// candidates.cpp — find_candidates: words and '@'s, each checked for what its detectors need at the least; runs of number characters through number_runs.hpp.
#include <algorithm>
#include <bit>
#include <cstring>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "privacy/ascii_fold.hpp"
#include "privacy/candidates.hpp"
#include "privacy/char_classes.hpp"
#include "privacy/labelled_numbers.hpp"
#include "privacy/labelled_secrets.hpp"
#include "privacy/number_runs.hpp"

namespace semtrace::privacy::detail {

namespace {

bool has(std::string_view word, std::string_view literal) { return word.find(literal) != std::string_view::npos; }
bool has_any(std::string_view word, std::initializer_list<std::string_view> literals) {
    return std::any_of(literals.begin(), literals.end(), [&](std::string_view l) { return has(word, l); });
}

// --- runs of number characters: phone, card, SSN, IPv4, national id; IBANs (number_runs.hpp) ---

// The IBANs that can begin in the word text[b, e) (text read plain-spaced): two letters and two
// digits at a \b, or after a letter (a label glued on before: "IBANDE89…"), which the span then
// holds, as the pattern takes it. Their spans go on past the word (an IBAN is written in groups);
// one that overlaps the last is joined to it.
void add_ibans(std::string_view text, std::size_t b, std::size_t e, std::vector<Candidate>& out) {
    for (std::size_t j = b; j + 4 <= e; ++j) {
        if (!(is_digit(text[j + 2]) && is_digit(text[j + 3]) && is_alpha(text[j]) && is_alpha(text[j + 1]))) continue;
        bool glued = j > 0 && is_alpha(text[j - 1]);
        if (j > 0 && is_digit(text[j - 1])) continue;  // no \b and no letter
        std::size_t end = iban_from(text, j);
        if (end == std::string_view::npos) continue;
        std::size_t begin = glued ? j - 1 : j;
        if (!out.empty() && out.back().detector == Builtin::iban && begin < out.back().end) out.back().end = std::max(out.back().end, end);
        else out.push_back({Builtin::iban, begin, end});
    }
}

// The runs of number characters around the digits of text[begin, end) not yet covered: every
// candidate of these detectors holds a digit. Returns where the last run ends.
std::size_t add_number_runs(std::string_view text, std::size_t begin, std::size_t end, std::size_t covered,
                            std::vector<Candidate>& out) {
    for (std::size_t i = std::max(begin, covered); i < end; ++i) {
        if (!is_digit(text[i])) continue;
        std::size_t b = i, e = i, digits = 0, dots = 0;
        std::uint16_t seen = 0;
        for (std::uint16_t f; b > 0 && ((f = class_of(text[b - 1])) & number_class); --b) seen |= f;
        for (std::uint16_t f; e < text.size() && ((f = class_of(text[e])) & number_class); ++e) {
            digits += (f & digit_class) != 0;
            dots += (f & dot_class) != 0;
            seen |= f;
        }
        // Most runs hold a short number ("iPhone 15", "2024-06"): a phone wants 8 digits, an SSN
        // 9, a card 13; an IPv4 address 4 and three dots; an NIE 7 and a National Insurance
        // number 6, with capitals. (IBANs are found from words: add_ibans.)
        if (digits >= 8 || (digits >= 4 && dots >= 3) || (digits >= 6 && (seen & upper_class))) add_number_run(text, b, e, out);
        if (digits >= 5) add_labelled_numbers(text, b, e, digits, out);  // (an identity number's digits at the least)
        covered = i = e;
    }
    return covered;
}

// --- e-mail addresses -------------------------------------------------------------------------

// The span an address around the '@' at `at` can take: the local part before it (quoted, or
// free of whitespace and of @ < > ( ) [ ] , ; : " ' /) and the domain after it (letters, digits,
// - . and a bracketed address literal), up to three spaces on either side of the '@'.
// Not inlined: '@' is rare, and inlined it cost the word loop of every text 1 % (callgrind).
[[gnu::noinline]] Candidate email_around(std::string_view text, std::size_t at) {
    std::size_t b = at;
    if (at > 0 && text[at - 1] == '"') {
        std::size_t q = at - 1;
        while (q > 0 && text[q - 1] != '"' && text[q - 1] != '\n') --q;
        if (q > 0 && text[q - 1] == '"') b = q - 1;
    } else {
        // Up to three spaces before the '@' ("john @ example.com"), then the local part. RE2's \s
        // has no \v: a \v can be part of the local part.
        for (int spaces = 0; spaces < 3 && b > 0 && text[b - 1] == ' '; ++spaces) --b;
        while (b > 0 && !is_re2_space(text[b - 1]) && std::string_view("@<>()[],;:\"'/").find(text[b - 1]) == std::string_view::npos) --b;
    }
    std::size_t e = at + 1;
    auto domain_char = [](char c) {
        return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
    };
    for (int spaces = 0; spaces < 3 && e < text.size() && text[e] == ' '; ++spaces) ++e;  // and after it
    while (e < text.size() && domain_char(text[e])) ++e;
    return {Builtin::email, b, e};
}

// "name [at] example [dot] org": each bracket of text[begin, end) followed by spaces and "at"
// (in any case) adds the span such an address around it can take: the name before it (letters,
// digits, . _ % + - and the bytes of multibyte letters, as (?i) folds the Kelvin sign to k),
// and after it whitespace, letters, digits, . - and brackets.
void add_written_out_at(std::string_view text, std::size_t begin, std::size_t end, std::vector<Candidate>& emails) {
    auto multibyte = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
    auto name_char = [&](char c) {
        return is_alnum(c) || multibyte(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    };
    auto address_char = [&](char c) {
        return is_alnum(c) || multibyte(c) || is_re2_space(c) || c == '.' || c == '-' || (class_of(c) & bracket_class) ||
               c == ']' || c == ')' || c == '}';
    };
    for (std::size_t i = begin; i < end; ++i) {
        if (!(class_of(text[i]) & bracket_class)) continue;
        std::size_t j = i + 1;
        while (j < text.size() && is_space(text[j])) ++j;
        if (!(j + 1 < text.size() && (text[j] | 0x20) == 'a' && (text[j + 1] | 0x20) == 't')) continue;
        std::size_t b = i, e = i;
        while (b > 0 && is_re2_space(text[b - 1])) --b;
        while (b > 0 && name_char(text[b - 1])) --b;
        while (e < text.size() && address_char(text[e])) ++e;
        emails.push_back({Builtin::email, b, e});
    }
}

// Sorted and joined where they overlap: a quoted local part can reach back past an earlier '@'.
void add_emails(std::vector<Candidate>& emails, std::vector<Candidate>& out) {
    std::sort(emails.begin(), emails.end(), [](const Candidate& x, const Candidate& y) { return x.begin < y.begin; });
    std::size_t first = out.size();
    for (const Candidate& c : emails) {
        if (out.size() > first && c.begin <= out.back().end) out.back().end = std::max(out.back().end, c.end);
        else out.push_back(c);
    }
}

}  // namespace

// --- masks: a block of text as bits -----------------------------------------------------------

#if defined(__SSE2__)
// Sixteen bytes a step: ' ' and \t-\r are blanks; 0-9 and ':' (one range), '@', '(' and '[' or
// '{' (one compare, 0x20 apart) are closer characters, as char_classes says
// (tests/privacy/test_candidates.cpp checks each byte).
BlockMasks block_masks(const unsigned char* block, std::size_t size) {
    std::uint64_t blank = 0, closer = 0, dash = 0;
    unsigned high = 0;  // bytes past ASCII: only a block with some can hold a fold_lead byte
    std::size_t lanes = (size + 15) / 16;
    for (std::size_t k = 0; k < lanes; ++k) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
        auto at_most = [](__m128i x, char n) { return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(n)), x); };
        auto is = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
        __m128i blanks = _mm_or_si128(is(v, ' '), at_most(_mm_sub_epi8(v, _mm_set1_epi8('\t')), 4));
        __m128i brackets = _mm_or_si128(is(v, '('), is(_mm_or_si128(v, _mm_set1_epi8(0x20)), '{'));
        __m128i closers = _mm_or_si128(_mm_or_si128(at_most(_mm_sub_epi8(v, _mm_set1_epi8('0')), 10), is(v, '@')), brackets);
        blank |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(blanks))} << (16 * k);
        closer |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(closers))} << (16 * k);
        dash |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(is(v, '-')))} << (16 * k);
        high |= static_cast<unsigned>(_mm_movemask_epi8(v));
    }
    if (lanes < block_bytes / 16) blank |= ~std::uint64_t{0} << (16 * lanes);
    // Rare in most text: the fold_lead bytes, and some more ((c | 0C) == EF, (c | 02) == DB,
    // (c | 01) == E1), then exactly where, only when the block holds one.
    std::uint64_t fold = 0;
    if (high) {
        __m128i leads = _mm_setzero_si128();
        for (std::size_t k = 0; k < lanes; ++k) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
            auto is = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
            leads = _mm_or_si128(leads, is(_mm_or_si128(v, _mm_set1_epi8(0x0C)), static_cast<char>(0xEF)));
            leads = _mm_or_si128(leads, is(_mm_or_si128(v, _mm_set1_epi8(0x02)), static_cast<char>(0xDB)));
            leads = _mm_or_si128(leads, is(_mm_or_si128(v, _mm_set1_epi8(0x01)), static_cast<char>(0xE1)));
        }
        if (_mm_movemask_epi8(leads))
            for (std::size_t j = 0; j < size; ++j) fold |= std::uint64_t{fold_lead(block[j])} << j;
    }
    return {blank, closer, dash, fold};
}
#else
BlockMasks block_masks(const unsigned char* block, std::size_t size) {
    std::uint64_t blank = 0, closer = 0, dash = 0, fold = 0;
    for (std::size_t j = 0; j < block_bytes; ++j) {
        std::uint16_t f = j < size ? char_classes[block[j]] : std::uint16_t{blank_class};
        blank |= std::uint64_t{(f & blank_class) != 0} << j;
        closer |= std::uint64_t{(f & closer_class) != 0} << j;
        dash |= std::uint64_t{j < size && block[j] == '-'} << j;
        fold |= std::uint64_t{j < size && fold_lead(block[j])} << j;
    }
    return {blank, closer, dash, fold};
}
#endif

namespace {

// --- words: tokens, keys, JWTs, IPv6 addresses, passwords, and where '@'s and digits are -------

// What the candidates found so far.
struct Found {
    std::vector<Candidate>& out;
    std::vector<Candidate>& emails;
    std::vector<Candidate>& ibans;
    NumberText& numbers;
    std::size_t numbers_covered = 0;  // number runs end here
    bool five_dashes = false;         // "-----", as a private key's armour begins
    bool folds = false;               // a character the detectors read as ASCII (ascii_fold.hpp)
};

// The ipv6 pattern takes a whole run of hex digits and colons; check_ipv6 refuses one that
// follows a word ("std::vector") but for a colon after a label or four groups, and hands the rest
// to inet_pton, which wants "::" or seven colons (six before a dotted IPv4 tail): "12:30:45" and
// "00:1A:2B:3C:4D:5E" are neither.
bool ipv6_possible(std::string_view text, std::size_t b, std::size_t e) {
    auto hex_or_colon = [](char c) { return c == ':' || is_hex_digit(c); };
    for (std::size_t i = b; i < e;) {
        if (!hex_or_colon(text[i])) {
            ++i;
            continue;
        }
        std::size_t start = i, colons = 0;
        bool double_colon = false;
        for (; i < e && hex_or_colon(text[i]); ++i) {
            colons += text[i] == ':';
            double_colon |= text[i] == ':' && i > start && text[i - 1] == ':';
        }
        // check_ipv6 takes one after a label and its colon ("ip:2001:db8::1"), and one glued to a
        // word of four groups or more ("card2001:db8::1"), which has four colons at the least.
        bool after_word = start > 0 && is_alpha(text[start - 1]);
        if ((double_colon || colons >= 6) && (!after_word || colons >= 4 || label_colon(text, start, i) < i)) return true;
    }
    return false;
}

// Whether `before` ends in (?i:AccountKey), as RE2 folds case: the K may be the Kelvin sign.
bool account_key_before(std::string_view before) {
    auto ends_in = [&](std::string_view lower) {
        if (before.size() < lower.size() || !starts_with_lower(before.substr(before.size() - lower.size()), lower)) return false;
        before.remove_suffix(lower.size());
        return true;
    };
    if (!ends_in("ey")) return false;
    if (before.size() >= 3 && before.substr(before.size() - 3) == "\u212a") before.remove_suffix(3);
    else if (!ends_in("k")) return false;
    return ends_in("account");
}

// Which of the characters the token literals hold a long word has: one look each, where a
// search for each literal cost one each (and long words are common in text full of ids).
struct LiteralChars {
    explicit LiteralChars(std::string_view word)
        : capital_a(has(word, "A")), underscore(has(word, "_")), dash(has(word, "-")), equals(has(word, "=")),
          x(has(word, "x")) {}
    bool capital_a, underscore, dash, equals, x;
};

// The cloud_key pattern's literals: every form begins with one.
bool cloud_key_possible(std::string_view word, const LiteralChars& c, bool dot) {
    if (c.capital_a && has_any(word, {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA", "AIza"}))
        return true;
    if (c.underscore && has_any(word, {"_live_", "_test_"})) return true;
    if (dot && has(word, "ya29.")) return true;
    if (c.equals)
        for (std::size_t eq = word.find('='); eq != std::string_view::npos; eq = word.find('=', eq + 1))
            if (account_key_before(word.substr(0, eq))) return true;
    return false;
}

bool source_token_possible(std::string_view word, const LiteralChars& c) {
    return (c.underscore && has_any(word, {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "npm_"})) ||
           (c.dash && has_any(word, {"glpat-", "pypi-"}));
}

// xox?- (15 at the least), Slack's webhooks, Telegram bots (":AA"), and Discord's three parts
// with six characters between two dots.
bool chat_token_possible(std::string_view word, const LiteralChars& c, bool dot, bool colon) {
    if ((c.x && has(word, "xox")) || (colon && has(word, ":AA"))) return true;
    if (!dot) return false;
    if (has(word, "hooks.slack.com")) return true;
    for (std::size_t at = word.find('.'); at != std::string_view::npos; at = word.find('.', at + 1))
        if (at + 7 < word.size() && word[at + 7] == '.') return true;
    return false;
}

void add_word(std::string_view text, std::size_t b, std::size_t e, std::uint16_t seen, Found& found) {
    std::string_view word = text.substr(b, e - b);
    std::size_t len = word.size();
    std::vector<Candidate>& out = found.out;
    bool letters = seen & (upper_class | lower_class), digits = seen & digit_class;
    if (digits) {
        std::string_view numbers = found.numbers.get();
        found.numbers_covered = add_number_runs(numbers, b, e, found.numbers_covered, out);
        if (letters && len >= 4) add_ibans(numbers, b, e, found.ibans);
    }
    if (seen & at_class)
        for (std::size_t at = word.find('@'); at != std::string_view::npos; at = word.find('@', at + 1))
            found.emails.push_back(email_around(text, b + at));
    if (seen & bracket_class) add_written_out_at(text, b, e, found.emails);
    // scan_passwords: 8 characters with a letter, a digit and a symbol.
    if (len >= 8 && letters && digits && (seen & symbol_class)) out.push_back({Builtin::password, b, e});
    // scan_tokens: 20 token characters with 2 digits and 4 letters, or 4 capitals and 4 small letters.
    if (len >= 20 && letters && (digits || ((seen & upper_class) && (seen & lower_class)))) out.push_back({Builtin::token, b, e});
    // (an address holds two colons at the least: most words with one, "Note:", need no look)
    if ((seen & colon_class) && word.find(':') != word.rfind(':') && ipv6_possible(text, b, e))
        out.push_back({Builtin::ipv6, b, e});
    if (len >= 21 && (seen & dot_class) && has(word, "eyJ")) out.push_back({Builtin::jwt, b, e});
    if (len < 15) return;
    LiteralChars chars(word);
    bool dot = seen & dot_class, colon = seen & colon_class;
    if (len >= 20 && cloud_key_possible(word, chars, dot)) out.push_back({Builtin::cloud_key, b, e});
    if (len >= 26 && source_token_possible(word, chars)) out.push_back({Builtin::source_token, b, e});  // glpat- + 20
    if (chat_token_possible(word, chars, dot, colon)) out.push_back({Builtin::chat_token, b, e});
}

// The word around text[at]: from the blank before it to the blank after it. Returns its end.
std::size_t look_around(std::string_view text, std::size_t at, Found& found) {
    std::size_t begin = at, end = at;
    std::uint16_t seen = 0;
    for (std::uint16_t f; begin > 0 && !((f = class_of(text[begin - 1])) & blank_class); --begin) seen |= f;
    for (std::uint16_t f; end < text.size() && !((f = class_of(text[end])) & blank_class); ++end) seen |= f;
    add_word(text, begin, end, seen, found);
    return end;
}

// A word needs a closer look when it holds a digit, '@', ':' or a bracket (closer_class), or
// is 15 long (the shortest token with a condition on letters alone): add_word asks for nothing
// less, and most words of prose are neither. The text is read 64 bytes at a time as two masks
// (blanks, closer characters), and only the words those masks point at are read byte by byte.
void add_words(std::string_view text, Found& found) {
    constexpr std::size_t long_word = 15;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t looked = 0;  // words before this are looked at
    std::size_t run = 0;     // non-blank bytes just before the block (counted to 15)
    std::size_t dashes = 0;  // '-'s just before the block (counted to 5)
    for (std::size_t base = 0; base < text.size(); base += block_bytes) {
        std::size_t left = text.size() - base;
        unsigned char tail[block_bytes];  // the last block, padded with blanks
        const unsigned char* block = bytes + base;
        if (left < block_bytes) {
            std::memset(tail, ' ', block_bytes);  // a constant size: a few stores, not a loop
            std::memcpy(tail, block, left);
            block = tail;
        }
        BlockMasks m = block_masks(block, std::min(left, block_bytes));
        std::uint64_t in_word = ~m.blank;
        std::uint64_t long_run = in_word & (in_word >> 1);  // bit i: bytes i, i+1 in a word
        long_run &= long_run >> 2;                          // i..i+3
        long_run &= long_run >> 4;                          // i..i+7
        long_run &= long_run >> 7;                          // i..i+14: a word 15 long
        std::uint64_t look = m.closer | long_run;
        std::size_t lead = m.blank ? static_cast<std::size_t>(std::countr_zero(m.blank)) : block_bytes;
        if (lead > 0 && run + lead >= long_word) look |= 1;  // a word from the blocks before reaches 15 here
        // The bits of a word looked at are dropped with it: a word of digits sets one a byte.
        auto drop_looked = [&] {
            if (looked > base) look &= looked - base >= block_bytes ? 0 : ~std::uint64_t{0} << (looked - base);
        };
        drop_looked();
        while (look) {
            looked = look_around(text, base + static_cast<std::size_t>(std::countr_zero(look)), found);
            drop_looked();
        }
        for (std::uint64_t leads = found.folds ? 0 : m.fold; leads; leads &= leads - 1)
            found.folds = found.folds || fold_at(text, base + static_cast<std::size_t>(std::countr_zero(leads))).length;
        run = m.blank ? static_cast<std::size_t>(std::countl_zero(m.blank)) : std::min(run + block_bytes, long_word);
        if (m.dash == 0) {  // most blocks
            dashes = 0;
            continue;
        }
        std::uint64_t five = m.dash & (m.dash >> 1) & (m.dash >> 2) & (m.dash >> 3) & (m.dash >> 4);
        std::size_t lead_dashes = static_cast<std::size_t>(std::countr_one(m.dash));
        found.five_dashes |= five != 0 || dashes + lead_dashes >= 5;
        dashes = ~m.dash ? static_cast<std::size_t>(std::countl_one(m.dash)) : std::min<std::size_t>(dashes + block_bytes, 5);
    }
}

}  // namespace

bool find_candidates(std::string_view text, NumberText& numbers, std::vector<Candidate>& out) {
    out.clear();
    thread_local std::vector<Candidate> emails, ibans;
    emails.clear();
    ibans.clear();
    Found found{out, emails, ibans, numbers};
    add_words(text, found);
    add_emails(emails, out);
    out.insert(out.end(), ibans.begin(), ibans.end());
    add_labelled_candidates(text, out);
    if (found.five_dashes)
        if (std::size_t key = text.find("-----BEGIN"); key != std::string_view::npos)
            out.push_back({Builtin::private_key, key, text.size()});
    return found.folds;
}

bool find_candidates(std::string_view text, std::vector<Candidate>& out) {
    thread_local NumberText numbers;
    numbers.reset(text);
    return find_candidates(text, numbers, out);
}

}  // namespace semtrace::privacy::detail
