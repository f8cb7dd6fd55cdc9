// candidates.cpp — find_candidates: runs of number characters, words and '@'s, each checked for what its detectors need at the least.
#include <algorithm>

#include "privacy/candidates.hpp"
#include "privacy/char_classes.hpp"

namespace semtrace::privacy::detail {

namespace {

constexpr std::size_t none = ~std::size_t{0};

bool has(std::string_view word, std::string_view literal) { return word.find(literal) != std::string_view::npos; }

// --- runs of number characters: phone, card, SSN, IPv4, IBAN --------------------------------

// What a run holds, in the terms of those detectors' patterns. A group is a maximal run of digits.
struct NumberRun {
    std::size_t digits = 0;
    std::size_t capitals = 0;
    bool plus_digit = false;       // '+' then 1-9: how an E.164 number begins
    bool zero_group = false;       // a group beginning with 0: national numbers, "00" prefixes
    bool three_group = false;      // a group of three: "(555) 123-4567", "555.123.4567"
    std::size_t card_digits = 0;   // most digits in groups joined by single spaces or dashes
    bool ssn = false;              // groups of 3, 2 and 4 joined by dashes
    bool ipv4 = false;             // four groups of 1-3 joined by dots
};

NumberRun read_number_run(std::string_view text, std::size_t b, std::size_t e) {
    NumberRun r;
    std::size_t prev_end = none, prev_len = 0, prev2_len = 0, card_chain = 0, ip_chain = 0;
    char prev_sep = 0;
    for (std::size_t j = b; j < e;) {
        char c = text[j];
        if (!is_digit(c)) {
            r.capitals += is_upper(c);
            r.plus_digit |= c == '+' && j + 1 < e && text[j + 1] >= '1' && text[j + 1] <= '9';
            ++j;
            continue;
        }
        std::size_t start = j;
        while (j < e && is_digit(text[j])) ++j;
        std::size_t len = j - start;
        char sep = (prev_end != none && start - prev_end == 1) ? text[prev_end] : '\0';  // one character between
        r.digits += len;
        r.zero_group |= c == '0';
        r.three_group |= len == 3;
        card_chain = (sep == ' ' || sep == '-') ? card_chain + len : len;
        r.card_digits = std::max(r.card_digits, card_chain);
        ip_chain = len > 3 ? 0 : (sep == '.' && ip_chain > 0 ? ip_chain + 1 : 1);
        r.ipv4 |= ip_chain >= 4;
        r.ssn |= len == 4 && sep == '-' && prev_len == 2 && prev_sep == '-' && prev2_len == 3;
        prev2_len = prev_len;
        prev_len = len;
        prev_sep = sep;
        prev_end = j;
    }
    return r;
}

// Two capitals and two digits, then capitals and digits (single spaces between) to 15 in all.
bool holds_iban(std::string_view text, std::size_t b, std::size_t e) {
    auto alnum = [&](std::size_t k) { return is_upper(text[k]) || is_digit(text[k]); };
    for (std::size_t j = b; j + 4 <= e;) {
        if (!(is_upper(text[j]) && is_upper(text[j + 1]) && is_digit(text[j + 2]) && is_digit(text[j + 3]))) {
            ++j;
            continue;
        }
        std::size_t k = j, compact = 0;
        while (k < e) {
            if (alnum(k)) ++compact, ++k;
            else if (text[k] == ' ' && k + 1 < e && alnum(k + 1)) ++k;
            else break;
        }
        if (compact >= 15) return true;
        j = k;  // an IBAN starting before k would end at k too, shorter still
    }
    return false;
}

void add_number_run(std::string_view text, std::size_t b, std::size_t e, std::vector<Candidate>& out) {
    NumberRun r = read_number_run(text, b, e);
    if (r.digits < 2) return;
    // check_phone wants 8 digits after '+', 10 after "00", 9 otherwise; each pattern begins with
    // '+', with a group led by 0, or with a group of three.
    if (r.digits >= 8 && (r.plus_digit || r.zero_group || r.three_group)) out.push_back({Builtin::phone, b, e});
    if (r.card_digits >= 13) out.push_back({Builtin::card, b, e});  // check_card wants 13
    if (r.ssn) out.push_back({Builtin::ssn, b, e});
    if (r.ipv4) out.push_back({Builtin::ipv4, b, e});
    if (r.capitals >= 2 && e - b >= 15 && holds_iban(text, b, e)) out.push_back({Builtin::iban, b, e});
}

// Every candidate holds a digit: find one, then the run of number characters around it.
void add_number_runs(std::string_view text, std::vector<Candidate>& out) {
    std::size_t i = 0, n = text.size();
    while (i < n) {
        while (i < n && !is_digit(text[i])) ++i;
        if (i == n) break;
        std::size_t b = i, e = i;
        while (b > 0 && (class_of(text[b - 1]) & number_class)) --b;
        while (e < n && (class_of(text[e]) & number_class)) ++e;
        add_number_run(text, b, e, out);
        i = e;
    }
}

// --- e-mail addresses -------------------------------------------------------------------------

// The span an address around the '@' at `at` can take: the local part before it (quoted, or
// free of spaces and of @ < > ( ) [ ] , ; : " ' /) and the domain after it (letters, digits,
// - . and a bracketed address literal).
Candidate email_around(std::string_view text, std::size_t at) {
    std::size_t b = at;
    if (at > 0 && text[at - 1] == '"') {
        std::size_t q = at - 1;
        while (q > 0 && text[q - 1] != '"' && text[q - 1] != '\n') --q;
        if (q > 0 && text[q - 1] == '"') b = q - 1;
    } else {
        while (b > 0 && !is_space(text[b - 1]) && std::string_view("@<>()[],;:\"'/").find(text[b - 1]) == std::string_view::npos) --b;
    }
    std::size_t e = at + 1;
    auto domain_char = [](char c) {
        return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
    };
    while (e < text.size() && domain_char(text[e])) ++e;
    return {Builtin::email, b, e};
}

// "name [at] example [dot] org": a bracket, spaces, then "at" in any case.
bool written_out_at(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(class_of(text[i]) & bracket_class)) continue;
        std::size_t j = i + 1;
        while (j < text.size() && is_space(text[j])) ++j;
        if (j + 1 < text.size() && (text[j] | 0x20) == 'a' && (text[j + 1] | 0x20) == 't') return true;
    }
    return false;
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

// --- words: tokens, keys, JWTs, IPv6 addresses, passwords, and where '@'s are ------------------

void add_word(std::string_view text, std::size_t b, std::size_t e, std::uint16_t seen, std::vector<Candidate>& out,
              std::vector<Candidate>& emails) {
    std::string_view word = text.substr(b, e - b);
    std::size_t len = word.size();
    bool letters = seen & (upper_class | lower_class), digits = seen & digit_class;
    if (seen & at_class)
        for (std::size_t at = word.find('@'); at != std::string_view::npos; at = word.find('@', at + 1))
            emails.push_back(email_around(text, b + at));
    // scan_passwords: 8 characters with a letter, a digit and a symbol.
    if (len >= 8 && letters && digits && (seen & symbol_class)) out.push_back({Builtin::password, b, e});
    // scan_tokens: 20 token characters with 2 digits and 4 letters.
    if (len >= 20 && letters && digits) out.push_back({Builtin::token, b, e});
    if ((seen & colon_class) && std::count(word.begin(), word.end(), ':') >= 2) out.push_back({Builtin::ipv6, b, e});
    if (len >= 21 && (seen & dot_class) && has(word, "eyJ")) out.push_back({Builtin::jwt, b, e});
    // AKIA... and AIza... hold capitals; sk_live_, AccountKey= and ya29. their own punctuation.
    if (len >= 20 && ((seen & upper_class) || has(word, "_") || has(word, "=") || has(word, "ya29.")))
        out.push_back({Builtin::cloud_key, b, e});
    if (len >= 26 && (has(word, "_") || has(word, "-"))) out.push_back({Builtin::source_token, b, e});  // glpat- + 20
    // xox?-: 15 at the least; webhooks (34) and Telegram bots (44) hold ':'; Discord tokens 59.
    if (len >= 15 && (has(word, "xox") || (len >= 34 && (seen & colon_class)) || len >= 59))
        out.push_back({Builtin::chat_token, b, e});
}

// Words are what lies between blanks; returns the classes seen in the whole text.
std::uint16_t add_words(std::string_view text, std::vector<Candidate>& out, std::vector<Candidate>& emails) {
    std::uint16_t all = 0;
    std::size_t i = 0, n = text.size();
    while (i < n) {
        while (i < n && (class_of(text[i]) & blank_class)) ++i;
        std::size_t b = i;
        std::uint16_t seen = 0;
        for (std::uint16_t f; i < n && !((f = class_of(text[i])) & blank_class); ++i) seen |= f;
        if (i > b) add_word(text, b, i, seen, out, emails);
        all |= seen;
    }
    return all;
}

}  // namespace

void find_candidates(std::string_view text, std::vector<Candidate>& out) {
    out.clear();
    thread_local std::vector<Candidate> emails;
    emails.clear();
    add_number_runs(text, out);
    std::uint16_t seen = add_words(text, out, emails);
    if ((seen & bracket_class) && written_out_at(text)) emails.push_back({Builtin::email, 0, text.size()});
    add_emails(emails, out);
    if (std::size_t key = text.find("-----BEGIN"); key != std::string_view::npos)
        out.push_back({Builtin::private_key, key, text.size()});
}

}  // namespace semtrace::privacy::detail
