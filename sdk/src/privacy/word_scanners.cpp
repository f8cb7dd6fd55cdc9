// word_scanners.cpp — the password and token detectors: words that read as a password a policy would accept, runs with the entropy of random keys.
#include <array>
#include <cmath>
#include <cstring>
#include <utility>

#include "privacy/char_classes.hpp"
#include "privacy/word_scanners.hpp"

namespace semtrace::privacy::detail {

namespace {

// Trims the punctuation that surrounds words in prose, not the punctuation inside them.
constexpr bool opens_word(char c) { return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '<'; }
constexpr bool closes_word(char c) {
    switch (c) {
        case '"': case '\'': case ')': case ']': case '}': case '>': case ',': case ';': case '.': case ':': return true;
        default: return false;
    }
}

// Letters of other scripts at a word's ends go too: Japanese puts no space around an ASCII
// password ("パスワードはHorse2019$です"), nor does "€Horse2019$€".
constexpr bool multibyte(char c) { return static_cast<unsigned char>(c) >= 0x80; }

std::pair<std::size_t, std::size_t> trim_word(std::string_view text, std::size_t b, std::size_t e) {
    while (b < e && (opens_word(text[b]) || multibyte(text[b]))) ++b;
    while (e > b && (closes_word(text[e - 1]) || multibyte(text[e - 1]))) --e;
    return {b, e};
}

// Visits each word (between blanks, trimmed) whose untrimmed bytes hold every class in `needs`
// and one of `any`: the classes of a word's bytes, gathered while finding its end, rule out
// most words of prose before they are looked at again.
template <class Visit>
void for_each_word(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t needs, std::uint16_t any,
                   Visit&& visit) {
    std::size_t i = begin;
    while (i < end) {
        while (i < end && (class_of(text[i]) & blank_class)) ++i;
        std::size_t b = i;
        std::uint16_t seen = 0;
        for (std::uint16_t f; i < end && !((f = class_of(text[i])) & blank_class); ++i) seen |= f;
        if (i > b && (seen & needs) == needs && (seen & any)) {
            auto [tb, te] = trim_word(text, b, i);
            if (te > tb) visit(tb, te);
        }
    }
}

// Words with the shape of a version ("17.6.54+build.13"), a URL or a formula ("=SUM(A1:A10)"):
// they mix letters, digits and symbols as passwords do, and are not secrets.
bool structured_word(std::string_view w) {
    if (w[0] == '=' && w.find('(') != std::string_view::npos) return true;
    if (w.find('(') != std::string_view::npos && w.find(')') != std::string_view::npos) return true;
    std::size_t i = (w[0] == 'v' || w[0] == 'V') ? 1 : 0;
    int dots = 0;
    while (i < w.size() && (is_digit(w[i]) || (w[i] == '.' && ++dots))) ++i;
    return dots >= 1 && i > 0 && is_digit(w[i - 1]) && (i == w.size() || w[i] == '+' || w[i] == '-');
}

// A password a password policy would accept: 8-64 characters with letters, digits and a
// symbol other than the punctuation of file names, versions and dates (. - _ / : , ').
bool password_like(std::string_view w) {
    if (w.size() < 8 || w.size() > 64) return false;
    std::uint16_t seen = 0;
    for (char c : w) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;  // words in other scripts are prose
        seen |= class_of(c);
    }
    bool letter = seen & (upper_class | lower_class), digit = seen & digit_class, symbol = seen & symbol_class;
    return letter && digit && symbol && !structured_word(w);
}

// Shannon entropy per character of a run of token characters (all ASCII), as
// log2(N) - sum(n log2 n) / N: one logarithm per distinct character, no table of 256 to clear.
double entropy_bits(std::string_view s) {
    std::array<std::uint16_t, 128> counts{};
    char distinct[128];
    int kinds = 0;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c) & 0x7f;
        if (counts[u]++ == 0) distinct[kinds++] = static_cast<char>(u);
    }
    double sum = 0;
    for (int k = 0; k < kinds; ++k) {
        double n = counts[static_cast<unsigned char>(distinct[k])];
        sum += n * std::log2(n);
    }
    double total = static_cast<double>(s.size());
    return std::log2(total) - sum / total;
}

// Whether a run's letters change case as often as randomness makes them and hold as few vowels
// (a fifth of random letters are). A name's words hold a quarter or more: from there to 30 %, a
// run of letters and digits counts when at most half its runs of small letters are three
// letters long or more, as a quarter of random letters' are, and nearly all of a name's
// ("cnHighLabelFontColor"). Of random 20-character keys with fewer than two digits, 40 % were
// missed with the vowels alone, 28 % now (names flagged beyond: X11's and OpenGL's, such as
// "XtAppSetErrorHandler": 76 over 2.1M lines of code; docs/benchmarks.md).
bool random_letters(std::string_view run) {
    int uppers = 0, lowers = 0, vowels = 0, letter_pairs = 0, case_changes = 0;
    int lower_runs = 0, long_lower_runs = 0, lower_run = 0, marks = 0;
    std::uint16_t last = 0;
    for (char c : run) {
        const std::uint16_t letter = class_of(c) & (upper_class | lower_class);
        uppers += letter == upper_class;
        lowers += letter == lower_class;
        marks += !letter && !(class_of(c) & digit_class);
        vowels += letter && std::strchr("aeiouAEIOU", c) != nullptr;
        if (letter && last) ++letter_pairs, case_changes += letter != last;
        if (letter == lower_class) {
            lower_runs += lower_run == 0;
            long_lower_runs += ++lower_run == 3;
        } else {
            lower_run = 0;
        }
        last = letter;
    }
    const int letters = uppers + lowers;
    if (uppers < 4 || lowers < 4 || case_changes * 5 < letter_pairs * 2) return false;
    if (vowels * 4 <= letters) return true;
    return marks == 0 && vowels * 10 <= letters * 3 && long_lower_runs * 2 <= lower_runs;
}

}  // namespace

void scan_passwords(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                    std::vector<Finding>& out) {
    // password_like wants a letter, a digit and a symbol: so does any word holding one.
    for_each_word(text, begin, end, digit_class | symbol_class, upper_class | lower_class, [&](std::size_t b, std::size_t e) {
        std::string_view word = text.substr(b, e - b);
        if (word.size() < 8) return;  // too short for a password, or for a URL segment holding one
        if (word.find("://") == std::string_view::npos) {
            if (password_like(word)) out.push_back({b, e, index});
            return;
        }
        // Text glued before the address is no part of it: a Markdown link's text
        // ("[Horse2019$](http://x)"), checked as a word of its own.
        auto scheme_char = [](char c) { return is_alnum(c) || c == '+' || c == '.' || c == '-'; };
        std::size_t scheme = b + word.find("://");
        while (scheme > b && scheme_char(text[scheme - 1])) --scheme;
        std::size_t before = scheme;
        while (before > b && std::strchr("([<{", text[before - 1]) != nullptr) --before;
        if (auto [tb, te] = trim_word(text, b, before); te > tb && password_like(text.substr(tb, te - tb)))
            out.push_back({tb, te, index});
        // A URL is not a password, but a segment of its path or query can hold one.
        std::size_t s = scheme;
        for (std::size_t i = scheme; i <= e; ++i) {
            if (i < e && std::strchr("/?&=#", text[i]) == nullptr) continue;
            if (password_like(text.substr(s, i - s))) out.push_back({s, i, index});
            s = i + 1;
        }
    });
}

// Generic credentials: 20+ characters of base64 / hex / URL-safe alphabet, mixing letters and
// digits, with the entropy of random bytes (paths and words fall below it). A random key of
// letters and digits has fewer than two digits one time in seven at 20 characters: it counts
// too when its letters change case as often as randomness makes them (every other letter; a
// CamelCase name with acronyms, "SimpleXMLRPCDispatcher", one in seven) and hold as few vowels
// (a fifth; the words of a name a third: "getElementsByTagName", 35 %).
void scan_tokens(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                 std::vector<Finding>& out) {
    std::size_t i = begin;
    while (i < end) {
        while (i < end && !(class_of(text[i]) & token_class)) ++i;
        std::size_t b = i;
        while (i < end && (class_of(text[i]) & token_class)) ++i;
        std::string_view run = text.substr(b, i - b);
        if (run.size() < 20) continue;
        int digits = 0, letters = 0, slashes = 0;
        for (char c : run) {
            std::uint16_t f = class_of(c);
            digits += (f & digit_class) != 0;
            letters += (f & (upper_class | lower_class)) != 0;
            slashes += c == '/';
        }
        if ((digits >= 2 || (letters >= 8 && random_letters(run))) && letters >= 4 &&
            slashes * 8 <= static_cast<int>(run.size()) && entropy_bits(run) >= 3.5)
            out.push_back({b, i, index});
    }
}

}  // namespace semtrace::privacy::detail
