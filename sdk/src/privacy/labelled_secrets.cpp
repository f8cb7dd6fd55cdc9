// labelled_secrets.cpp — finds the value after a label that names a secret: the labels, how a label ends, where its value ends.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "privacy/char_classes.hpp"
#include "privacy/labelled_secrets.hpp"

namespace semtrace::privacy::detail {

namespace {

constexpr std::size_t no_label = ~std::size_t{0};
constexpr std::size_t max_value = 512;  // a value's bytes read at most: linear time for "p:p:p:…"

struct Label {
    std::string_view text;  // lower case; a space stands for ' ', '_', '-', '.' or nothing ("api key": apiKey, API_KEY)
    bool whole_word;        // must begin at a word's edge ("pass", not "bypass"); the password words need not
    bool needs_digit;       // PINs and security codes: "Pin: Yes" is no secret
};

constexpr std::array labels{
    // The words for a password. Non-ASCII ones are compared byte for byte, so their capitalised
    // forms are listed where a label is often written so.
    Label{"password", false, false}, Label{"passwd", false, false}, Label{"passwort", false, false},
    Label{"passphrase", false, false}, Label{"passcode", false, false}, Label{"kennwort", false, false},
    Label{"wachtwoord", false, false}, Label{"adgangskode", false, false}, Label{"passord", false, false},
    Label{"salasana", false, false}, Label{"heslo", true, false}, Label{"haslo", true, false},
    Label{"has\u0142o", false, false}, Label{"jelsz\u00f3", false, false}, Label{"l\u00f6senord", false, false},
    Label{"contrase\u00f1a", false, false}, Label{"senha", true, false}, Label{"mot de passe", false, false},
    Label{"mdp", true, false}, Label{"clave", true, false}, Label{"\u015fifre", false, false},
    Label{"\u015ej\u0131fre", false, false}, Label{"\u015eifre", false, false}, Label{"sifre", true, false},
    Label{"m\u1eadt kh\u1ea9u", false, false}, Label{"M\u1eadt kh\u1ea9u", false, false},
    Label{"kata sandi", false, false}, Label{"\u043f\u0430\u0440\u043e\u043b\u044c", false, false},
    Label{"\u041f\u0430\u0440\u043e\u043b\u044c", false, false}, Label{"\u041f\u0410\u0420\u041e\u041b\u042c", false, false},
    Label{"\u30d1\u30b9\u30ef\u30fc\u30c9", false, false}, Label{"\u6697\u8a3c\u756a\u53f7", false, false},
    Label{"\u5bc6\u7801", false, false}, Label{"\u5bc6\u78bc", false, false}, Label{"\ube44\ubc00\ubc88\ud638", false, false},
    Label{"\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", false, false},
    Label{"\u0643\u0644\u0645\u0629 \u0627\u0644\u0633\u0631", false, false}, Label{"\u05e1\u05d9\u05e1\u05de\u05d4", false, false},
    Label{"\u0e23\u0e2b\u0e31\u0e2a\u0e1c\u0e48\u0e32\u0e19", false, false},
    // Their short forms, at a word's edge.
    Label{"pwd", true, false}, Label{"pw", true, false}, Label{"pass", true, false},
    // Keys, tokens and other credentials.
    Label{"secret", true, false}, Label{"token", true, false}, Label{"credentials", true, false},
    Label{"credential", true, false}, Label{"authorization", true, false}, Label{"api key", true, false},
    Label{"access key", true, false}, Label{"secret key", true, false}, Label{"private key", true, false},
    Label{"license key", true, false}, Label{"licence key", true, false}, Label{"product key", true, false},
    Label{"encryption key", true, false}, Label{"master key", true, false}, Label{"signing key", true, false},
    // PINs and card security codes: digits.
    Label{"pin", true, true}, Label{"pin code", true, true}, Label{"pin number", true, true},
    Label{"cvv", true, true}, Label{"cvc", true, true}, Label{"csc", true, true}, Label{"security code", true, true},
};

// The labels by their last byte: a separator is tried against the few that can end there.
struct Buckets {
    std::array<std::uint8_t, 256> count{};
    std::array<std::array<std::uint8_t, 16>, 256> index{};
};
constexpr Buckets by_last_byte = [] {
    Buckets b;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        auto last = static_cast<unsigned char>(labels[i].text.back());
        if (b.count[last] == b.index[last].size()) throw "a bucket of labels is full";  // (fails to compile)
        b.index[last][b.count[last]++] = static_cast<std::uint8_t>(i);
    }
    return b;
}();

// What may follow a label before its separator: "password_confirmation", "passwordHash", "pin2".
constexpr std::array<std::string_view, 13> label_suffixes{
    "confirmation", "confirm", "again", "repeat", "hash", "2", "1", "_confirmation", "_confirm", "_again", "_repeat", "_hash", "_2"};

constexpr unsigned char lower_byte(char c) {
    return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
}
constexpr std::size_t pair_of(char a, char b) { return std::size_t{lower_byte(a)} << 8 | lower_byte(b); }

// The last two bytes of every label and suffix, as a bit set: most separators follow a word
// that ends otherwise ("Note:", "10:30"), and one look at this tells.
struct Pairs {
    std::array<std::uint64_t, 1024> bits{};
    constexpr void add(std::size_t pair) { bits[pair / 64] |= std::uint64_t{1} << (pair % 64); }
    constexpr bool has(std::size_t pair) const { return (bits[pair / 64] >> (pair % 64)) & 1; }
};
constexpr Pairs label_endings = [] {
    Pairs p;
    for (const Label& l : labels) p.add(pair_of(l.text[l.text.size() - 2], l.text.back()));
    for (std::string_view suffix : label_suffixes) {
        if (suffix.size() >= 2) p.add(pair_of(suffix[suffix.size() - 2], suffix.back()));
        else  // "pin2", "cvv2": after a label's last byte
            for (const Label& l : labels) p.add(pair_of(l.text.back(), suffix.back()));
    }
    return p;
}();

constexpr std::array<std::string_view, 5> copulas{"is", "was", "ist", "est", "es"};

bool lower_equal(char text_char, char label_char) { return lower_byte(text_char) == static_cast<unsigned char>(label_char); }

// Whether `word` is `lower` (written in lower case) but for the case of its ASCII letters.
bool reads_as(std::string_view word, std::string_view lower) {
    return word.size() == lower.size() && std::equal(word.begin(), word.end(), lower.begin(), lower_equal);
}
template <class Words>
bool reads_as_one_of(std::string_view word, const Words& words) {
    return std::any_of(std::begin(words), std::end(words), [&](std::string_view w) { return reads_as(word, w); });
}

// Where `label` begins when it ends at text[end] (a space in it matching one of " _-." or
// nothing), or `no_label`. At most two spaces in a label: a few paths, each as long as the label.
std::size_t label_begin(std::string_view text, std::size_t end, std::string_view label) {
    while (!label.empty()) {
        char c = label.back();
        if (c == ' ') {
            label.remove_suffix(1);
            if (end > 0 && std::string_view(" _-.").find(text[end - 1]) != std::string_view::npos)
                if (std::size_t b = label_begin(text, end - 1, label); b != no_label) return b;
            continue;  // or nothing between the words
        }
        if (end == 0 || !lower_equal(text[end - 1], c)) return no_label;
        --end;
        label.remove_suffix(1);
    }
    return end;
}

// A label ends at text[end], its suffix if any included; whether its value needs a digit.
struct LabelMatch {
    bool found = false;
    bool needs_digit = false;
    std::size_t begin = 0;  // where the label begins
};

LabelMatch label_at(std::string_view text, std::size_t end) {
    // Most separators follow no label: the last two bytes must be a label's or a suffix's.
    if (end < 2 || !label_endings.has(pair_of(text[end - 2], text[end - 1]))) return {};
    char last = text[end - 1];
    auto try_end = [&](std::size_t at) -> LabelMatch {
        unsigned char key = lower_byte(text[at - 1]);
        for (std::size_t k = 0; k < by_last_byte.count[key]; ++k) {
            const Label& l = labels[by_last_byte.index[key][k]];
            std::size_t b = label_begin(text, at, l.text);
            if (b == no_label) continue;
            bool edge = b == 0 || !is_alpha(text[b - 1]) || (is_upper(text[b]) && is_lower(text[b - 1]));
            if (l.whole_word && !edge) continue;
            return {true, l.needs_digit, b};
        }
        return {};
    };
    if (LabelMatch m = try_end(end); m.found) return m;
    switch (lower_byte(last)) {  // the suffixes' last bytes
        case 'n': case 'm': case 't': case 'h': case '1': case '2': break;
        default: return {};
    }
    for (std::string_view suffix : label_suffixes) {
        if (end <= suffix.size() || lower_byte(last) != static_cast<unsigned char>(suffix.back())) continue;
        if (reads_as(text.substr(end - suffix.size(), suffix.size()), suffix))
            if (LabelMatch m = try_end(end - suffix.size()); m.found) return m;
    }
    return {};
}

bool is_line_blank(char c) { return c == ' ' || c == '\t'; }

std::size_t skip_blanks_back(std::string_view text, std::size_t at, std::size_t most) {
    for (std::size_t n = 0; n < most && at > 0 && is_line_blank(text[at - 1]); ++n) --at;
    return at;
}

std::size_t skip_blanks(std::string_view text, std::size_t at, std::size_t most) {
    for (std::size_t n = 0; n < most && at < text.size() && is_line_blank(text[at]); ++n) ++at;
    return at;
}

// The quotes a value may stand in, each with its closing one.
struct Quote {
    std::string_view open, close;
};
constexpr std::array<Quote, 8> quotes{Quote{"\"", "\""}, Quote{"'", "'"}, Quote{"`", "`"},
                                      Quote{"\u201c", "\u201d"}, Quote{"\u2018", "\u2019"}, Quote{"\u00ab", "\u00bb"},
                                      Quote{"\u300c", "\u300d"}, Quote{"\u300e", "\u300f"}};

// The closing quote before a separator (`"password": …`): where it begins, or `at`. By its last
// byte first: this runs for every ':' and '=' of a text.
std::size_t before_closing_quote(std::string_view text, std::size_t at) {
    if (at == 0) return at;
    auto last = static_cast<unsigned char>(text[at - 1]);
    if (last == '"' || last == '\'' || last == '`') return at - 1;
    if (last != 0x9D && last != 0x99 && last != 0xBB && last != 0x8D && last != 0x8F) return at;
    for (const Quote& q : quotes)
        if (at >= q.close.size() && text.substr(at - q.close.size(), q.close.size()) == q.close) return at - q.close.size();
    return at;
}

// The characters from `at` up to the next blank, at most max_value, less the punctuation of
// the prose around them ("pwd=letmein, then …", "… is hunter2."): a password ending in ',' ';'
// or '.' keeps that character in sight, which tells nothing.
std::size_t run_end(std::string_view text, std::size_t at) {
    std::size_t e = at;
    while (e < text.size() && e - at < max_value && !is_space(text[e])) ++e;
    // Cut at max_value, not inside a character: a finding covers whole characters.
    while (e > at && e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) --e;
    while (e > at + 1 && (text[e - 1] == ',' || text[e - 1] == ';' || text[e - 1] == '.')) --e;
    return e;
}

// "my", "your", "mein", "mon", "mi" …, with one word between at most ("my wifi password"): the
// label before a copula says whose password, and the sentence is likely to say what it is.
bool owned(std::string_view text, std::size_t label) {
    static constexpr std::string_view possessives[] = {
        "my", "your", "our", "his", "her", "their", "mein", "meine", "dein", "deine", "sein", "seine", "ihr", "ihre",
        "unser", "unsere", "mon", "ma", "ton", "ta", "son", "sa", "notre", "votre", "mi", "tu", "su", "nuestra"};
    std::size_t end = label;
    for (int words = 0; words < 2; ++words) {
        if (end == 0 || text[end - 1] != ' ') return false;
        std::size_t b = end - 1;
        while (b > 0 && end - 1 - b < 16 && is_alpha(text[b - 1])) --b;
        std::string_view word = text.substr(b, end - 1 - b);
        if (b > 0 && is_alpha(text[b - 1])) return false;  // longer than any possessive or adjective looked past
        if (reads_as_one_of(word, possessives)) return true;
        end = b;
    }
    return false;
}

// The words a message about a password puts after "is": "Your password is incorrect", "… is
// too short", "… ist falsch", "… est invalide", "… es incorrecta".
bool says_of_a_password(std::string_view word) {
    static constexpr std::string_view words[] = {
        "incorrect", "invalid", "wrong", "required", "too", "not", "expired", "expiring", "about", "weak", "strong",
        "set", "reset", "changed", "updated", "saved", "missing", "empty", "the", "a", "an", "being", "now", "still",
        "case-sensitive", "correct", "valid", "secure", "protected", "encrypted", "stored", "hidden", "visible",
        "shown", "sent", "compromised", "known", "used", "old", "new", "different", "same", "long", "short", "ok",
        "good", "fine", "safe", "unsafe", "locked", "blocked", "disabled", "enabled", "active", "pending", "due",
        "going", "displayed", "generated", "managed", "shared", "private", "secret", "unique", "common", "easy",
        "at", "in", "on", "for", "of", "to", "never", "always", "only", "also", "very", "please", "here", "below",
        "falsch", "ungültig", "zu", "abgelaufen", "erforderlich", "nicht", "invalide", "trop", "expiré", "requis",
        "pas", "incorrecta", "inválida", "requerida", "demasiado", "muy"};
    while (!word.empty() && (word.back() == '!' || word.back() == '?' || word.back() == ')')) word.remove_suffix(1);
    return reads_as_one_of(word, words);
}

// What stands where a value was: a placeholder ("password: ⟨SECRET⟩", as this detector writes
// it, so that `semtrace scan` of a redacted session finds nothing) or the dots and stars of a
// masked field ("Password: ••••••").
bool stands_for_a_value(std::string_view v) {
    constexpr std::string_view open = "\u27e8", close = "\u27e9";
    if (v.size() > open.size() + close.size() && v.substr(0, open.size()) == open && v.substr(v.size() - close.size()) == close)
        return true;
    for (std::string_view mask : {std::string_view("*"), std::string_view("\u2022"), std::string_view("\u25cf")})
        while (v.substr(0, mask.size()) == mask) v.remove_prefix(mask.size());
    return v.empty();
}

// A value the label's kind allows: a digit where it needs one, and a number only when it is as
// long as a PIN (4 digits) or a security code (3): "Password: 8 characters", "Password is
// 8-64 characters" and "the PIN is 4 digits" name none.
bool value_allowed(std::string_view v, bool needs_digit, bool short_number) {
    if (v.empty() || stands_for_a_value(v)) return false;
    std::size_t digits = static_cast<std::size_t>(std::count_if(v.begin(), v.end(), is_digit));
    if (needs_digit && digits == 0) return false;
    bool letters = std::any_of(v.begin(), v.end(), [](char c) { return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80; });
    return letters || digits >= (short_number ? 3u : 4u);
}

// The value from text[at] on: a quoted string, or the characters up to the next blank; an
// Authorization's scheme ("Bearer") is passed over to the credentials after it.
ValueSpan value_from(std::string_view text, std::size_t at, bool needs_digit) {
    if (at >= text.size() || is_space(text[at])) return {};
    for (const Quote& q : quotes) {
        if (text.substr(at, q.open.size()) != q.open) continue;
        std::size_t b = at + q.open.size();
        std::size_t limit = std::min(text.size(), b + max_value);
        std::size_t close = text.substr(0, limit).find(q.close, b);
        std::size_t line = text.substr(0, limit).find('\n', b);
        if (close == std::string_view::npos || close > line) break;  // not closed on its line: read as a word
        if (!value_allowed(text.substr(b, close - b), needs_digit, needs_digit)) return {};
        return {b, close};
    }
    std::size_t e = run_end(text, at);
    std::string_view word = text.substr(at, e - at);
    static constexpr std::string_view schemes[] = {"bearer", "basic", "digest", "token", "bot"};
    if (reads_as_one_of(word, schemes)) {
        std::size_t next = skip_blanks(text, e, 3);
        if (next > e && next < text.size() && !is_space(text[next])) return value_from(text, next, needs_digit);
    }
    if (!value_allowed(word, needs_digit, needs_digit)) return {};
    return {at, e};
}

constexpr std::array<std::string_view, 21> prepositions{
    "for", "of", "to", "on", "f\u00fcr", "zum", "zur", "vom", "pour", "de", "du", "des", "para", "del", "da", "do", "per",
    "voor", "van", "f\u00f6r", "dla"};

// "Password for the router: x", "Passwort für das WLAN: x", "PIN de la carte : 1234": a label,
// a preposition and one or two words more before the colon, 32 bytes at most. This runs for
// every colon no label ends at: one compare a byte back, and a look at the first letter of
// each word before a list.
LabelMatch label_before_phrase(std::string_view text, std::size_t end) {
    const std::size_t limit = end > 32 ? end - 32 : 0;
    std::size_t at = end;
    while (at > limit && static_cast<unsigned char>(text[at - 1]) > ' ') --at;  // the word before the colon
    if (at == end || at <= limit || text[at - 1] != ' ') return {};
    --at;
    for (int words = 0; words < 2; ++words) {
        std::size_t b = at;
        while (b > limit && static_cast<unsigned char>(text[b - 1]) > ' ') --b;
        if (b == at || b <= limit || text[b - 1] != ' ') return {};
        std::size_t size = at - b;
        if (size >= 2 && size <= 5 && std::string_view("ftozvpdu").find(static_cast<char>(text[b] | 0x20)) != std::string_view::npos) {
            if (reads_as_one_of(text.substr(b, size), prepositions)) return label_at(text, b - 1);
        }
        at = b - 1;
    }
    return {};
}

}  // namespace

ValueSpan value_after_separator(std::string_view text, std::size_t at) {
    // The label: before blanks, a closing quote and a copula ("Password is: x").
    std::size_t end = before_closing_quote(text, skip_blanks_back(text, at, 3));
    LabelMatch label = label_at(text, end);
    if (!label.found && end >= 3 && text[end - 1] == 's' && (text[end - 2] == 'i' || text[end - 2] == 'a')) {
        std::size_t c = text[end - 2] == 'i' ? end - 2 : end - 3;  // "is", "was"
        if (c > 0 && text[c - 1] == ' ' && text[c] == (text[end - 2] == 'i' ? 'i' : 'w'))
            label = label_at(text, skip_blanks_back(text, c, 3));
    }
    // (a phrase only before ": ": "https://", "10:30" and "std::" need no look back)
    if (!label.found && text[at] == ':' && at + 1 < text.size() && is_line_blank(text[at + 1]))
        label = label_before_phrase(text, end);
    if (!label.found) return {};
    // The separator may take a second character (":=", "=>", "=="), then blanks.
    std::size_t v = at + 1;
    if (v < text.size() && (text[v] == '=' || (text[at] == '=' && text[v] == '>'))) ++v;
    return value_from(text, skip_blanks(text, v, 8), label.needs_digit);
}

ValueSpan value_after_copula(std::string_view text, std::size_t at) {
    if (at == 0 || text[at - 1] != ' ') return {};
    for (std::string_view copula : copulas) {
        if (text.substr(at, copula.size()) != copula) continue;
        std::size_t after = at + copula.size();
        if (after >= text.size() || text[after] != ' ') continue;
        LabelMatch label = label_at(text, skip_blanks_back(text, at, 3));
        if (!label.found) return {};
        // The word after it, as it stands (no quotes or schemes read). With a digit; or, after a
        // possessive, any word but those a message about a password says ("my password is
        // fluffy", but "Your password is incorrect", "The password is required").
        std::size_t v = skip_blanks(text, after, 3);
        std::size_t e = run_end(text, v);
        std::string_view value = text.substr(v, e - v);
        if (value_allowed(value, true, label.needs_digit)) return {v, e};
        if (!label.needs_digit && value.size() >= 3 && owned(text, label.begin) && !says_of_a_password(value)) return {v, e};
        return {};
    }
    return {};
}

void scan_labelled_secrets(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                           std::vector<Finding>& out) {
    for (std::size_t i = begin; i < end; ++i) {
        ValueSpan v;
        if (text[i] == ':' || text[i] == '=') v = value_after_separator(text, i);
        else if (i > 0 && text[i - 1] == ' ') v = value_after_copula(text, i);
        if (!v.empty()) out.push_back({v.begin, v.end, index});
    }
}

// --- the candidate pass's part ------------------------------------------------------------------
//
// The places the scanner looks at: every ':' and '=', and every space after a copula. One pass
// of its own, sixteen bytes a step: folded into the word pass (candidates.cpp), the same checks
// cost every text there 7-10 % more instructions (GCC compiled its loop otherwise).

namespace {

// Where the copula before the space at text[at] begins ("is ", "es ", "was ", "ist ", "est ", a
// blank before each), or no_label.
std::size_t copula_ending_at(std::string_view text, std::size_t at) {
    auto before = [&](std::size_t back) { return back <= at ? text[at - back] : '\0'; };  // (a space: at >= 0)
    if (is_line_blank(before(3)) && (before(2) == 'i' || before(2) == 'e') && before(1) == 's') return at - 2;  // is, es
    bool was = before(3) == 'w' && before(2) == 'a' && before(1) == 's';
    bool ist = (before(3) == 'i' || before(3) == 'e') && before(2) == 's' && before(1) == 't';  // ist, est
    if (is_line_blank(before(4)) && (was || ist)) return at - 3;
    return no_label;
}

#if defined(__SSE2__)
// Bit j: byte j of `v` is ':' or '=', or a space after "is", "es", "as", "ms" or "st" (the last
// two bytes of each copula, and some more; those of a space at byte 0 or 1 partly in `prev`, the
// lane before).
std::uint32_t labelled_marks(__m128i v, __m128i prev) {
    auto is = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
    __m128i last = _mm_or_si128(_mm_slli_si128(v, 1), _mm_srli_si128(prev, 15));
    __m128i second = _mm_or_si128(_mm_slli_si128(v, 2), _mm_srli_si128(prev, 14));
    // 'a', 'e', 'i' (and 'm') are one byte with bits 2 and 3 set: 0x6D.
    __m128i vowel = is(_mm_or_si128(second, _mm_set1_epi8(0x0C)), 0x6D);
    __m128i copula = _mm_or_si128(_mm_and_si128(is(last, 's'), vowel), _mm_and_si128(is(last, 't'), is(second, 's')));
    __m128i marks = _mm_or_si128(_mm_or_si128(is(v, ':'), is(v, '=')), _mm_and_si128(is(v, ' '), copula));
    return static_cast<std::uint32_t>(_mm_movemask_epi8(marks));
}
#endif

void add_candidate_at(std::string_view text, std::size_t at, std::vector<Candidate>& out) {
    if (text[at] != ' ') {
        if (!value_after_separator(text, at).empty()) out.push_back({Builtin::labelled_secret, at, at + 1});
    } else if (std::size_t c = copula_ending_at(text, at); c != no_label && !value_after_copula(text, c).empty()) {
        out.push_back({Builtin::labelled_secret, c, c + 1});
    }
}

}  // namespace

void add_labelled_candidates(std::string_view text, std::vector<Candidate>& out) {
#if defined(__SSE2__)
    __m128i prev = _mm_setzero_si128();
    for (std::size_t base = 0; base < text.size(); base += 16) {
        unsigned char tail[16] = {};  // the last lane, padded with bytes that mark nothing
        const char* lane = text.data() + base;
        if (text.size() - base < 16) lane = static_cast<const char*>(std::memcpy(tail, lane, text.size() - base));
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(lane));
        for (std::uint32_t marks = labelled_marks(v, prev); marks; marks &= marks - 1)
            add_candidate_at(text, base + static_cast<std::size_t>(std::countr_zero(marks)), out);
        prev = v;
    }
#else
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == ':' || text[i] == '=' || (text[i] == ' ' && copula_ending_at(text, i) != no_label))
            add_candidate_at(text, i, out);
#endif
}

}  // namespace semtrace::privacy::detail
