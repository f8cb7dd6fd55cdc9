// detectors_builtin.cpp — the built-in detectors' table: their patterns and the checks that confirm a match; checksums; running a rule over a span.
#include <algorithm>
#include <arpa/inet.h>

#include "privacy/detectors_builtin.hpp"
#include "privacy/labelled_numbers.hpp"
#include "privacy/labelled_secrets.hpp"
#include "privacy/national_ids.hpp"
#include "privacy/plain_spaces.hpp"
#include "privacy/word_scanners.hpp"

namespace semtrace::privacy {

namespace {

using namespace detail;  // the byte classes (char_classes.hpp)

// The digits of a candidate, counted, and the first of them kept on the stack: the checks run
// for every candidate, and none reads more than 19 digits (an allocation each cost more).
class Digits {
public:
    explicit Digits(std::string_view s) {
        for (char c : s)
            if (is_digit(c)) {
                if (count_ < kept) digits_[count_] = c;
                ++count_;
            }
    }
    std::size_t size() const { return count_; }
    std::string_view view() const { return {digits_, std::min(count_, kept)}; }  // the first 24

private:
    static constexpr std::size_t kept = 24;
    char digits_[kept];
    std::size_t count_ = 0;
};

int number(std::string_view digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
}

// --- checks: confirm a pattern's candidate text[begin, end) ---------------------------------

bool card_prefix_ok(std::string_view d) {
    auto starts = [&](std::string_view p) { return d.substr(0, p.size()) == p; };
    int two = (d[0] - '0') * 10 + (d[1] - '0');
    int four = number(d.substr(0, 4));
    std::size_t n = d.size();
    if (d[0] == '4') return n == 13 || n == 16 || n == 19;                           // Visa
    if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return n == 16;  // Mastercard
    if (two == 34 || two == 37) return n == 15;                                      // Amex
    if (starts("6011") || two == 65 || (four >= 6440 && four <= 6499)) return n >= 16;  // Discover
    if (two == 35 || two == 62) return n >= 16;                                      // JCB, UnionPay
    if (two == 36 || two == 38 || two == 39 || (four >= 3000 && four <= 3059)) return n >= 14;  // Diners
    if (two == 50 || (two >= 56 && two <= 69)) return n >= 12;                       // Maestro
    return false;
}

// Whether the word around text[at] holds only hex digits and letters, and runs 16 long or has a
// digit after a letter, or is a hex literal ("0x50500000506"): a hex string, not a number with
// a word glued on.
bool hex_word_around(std::string_view text, std::size_t at) {
    std::size_t b = at, e = at;
    while (b > 0 && is_alnum(text[b - 1])) --b;
    while (e < text.size() && is_alnum(text[e])) ++e;
    if (e - b > 2 && text[b] == '0' && (text[b + 1] | 0x20) == 'x' && std::all_of(text.begin() + b + 2, text.begin() + e, is_hex_digit))
        return true;
    bool letter = false, digit_after_letter = false;
    for (char c : text.substr(b, e - b)) {
        if (is_digit(c)) digit_after_letter |= letter;
        else if (is_hex_letter(c)) letter = true;
        else return false;
    }
    return e - b >= 16 || digit_after_letter;
}

// A number glued to the word after it ("415-555-0123Edit", "123-45-6789exp": text run together
// from a page's elements) ends the phone, card and SSN patterns with the word's first letter,
// where a \b cannot stand: the finding leaves it out. Returns false when that word is the rest
// of a hex string in code or a hash ("0123456789abcdef", "0412345678b7f4e1"): the "number" is
// none then. (check_national_id reads its glued letter itself: some identity numbers end in one.)
bool leave_out_glued_letter(std::string_view text, std::size_t& end) {
    if (end == 0 || !is_alpha(text[end - 1])) return true;
    --end;
    return !hex_word_around(text, end);
}

// The same at a match's beginning: the last letter of a word glued on before a number in groups
// ("Smith555-123-4567": a page's cells run together), which the phone, SSN and identity
// patterns take where a \b cannot stand. False when the whole is a hex string.
bool leave_out_glued_letter_before(std::string_view text, std::size_t& begin) {
    if (begin >= text.size() || !is_alpha(text[begin])) return true;
    return !hex_word_around(text, begin++);
}

// Tries the longest digit group boundary first: "4111 1111 1111 1111 12" holds a card. A letter
// the pattern took at either end (a number glued to a word) is left out.
bool check_card(std::string_view text, std::size_t& begin, std::size_t& end) {
    if (begin < end && is_alpha(text[begin])) ++begin;
    if (!leave_out_glued_letter(text, end)) return false;
    for (std::size_t cut = end; cut > begin; --cut) {
        if (cut < end && !(is_digit(text[cut - 1]) && !is_digit(text[cut]))) continue;
        Digits d(text.substr(begin, cut - begin));
        if (d.size() < 13) return false;
        if (card_number_valid(d.view())) {
            end = cut;
            return true;
        }
    }
    return false;
}


bool phone_digits_ok(std::string_view s) {
    Digits d(s);
    if (s[0] == '+') return d.size() >= 8 && d.size() <= 15;
    if (s.size() > 1 && s[0] == '0' && s[1] == '0') {
        // "0044 20 7946 0958" is dialled from abroad; "0076917177" is as likely an ISBN or an id.
        bool separated = d.size() < s.size();
        return separated && d.size() >= 10 && d.size() <= 17;
    }
    return d.size() >= 9 && d.size() <= 13;
}

// A number the pattern ran on into a date or an id after it ("+49 30 74576150 2024-06-23",
// "020 3832 8776 15.19.133") is cut at the last group end that leaves a phone's digits and that
// a space or punctuation follows, not a separator inside a number: dates in a row
// ("30.06.2024 12.12.2024") must not leave a phone made of their middle. run_rule also looks
// again from inside the match, for a phone that a number before it led into:
// "06-23 719-997-0988" gives both, and the two overlapping findings are redacted as one.
bool check_phone(std::string_view text, std::size_t& begin, std::size_t& end) {
    if (!leave_out_glued_letter_before(text, begin) || !leave_out_glued_letter(text, end)) return false;
    // A trunk 0 right after a number and a dash or slash, or two digits and a dot, is a date's day
    // or month going on ("call on 2026-12-01 10 …", "30.06.2024"), not a phone's first digit (a
    // list's "1.020 7946 0958" is one).
    if (text[begin] == '0' && begin >= 2 && is_digit(text[begin - 2]) &&
        (text[begin - 1] == '-' || text[begin - 1] == '/' || (text[begin - 1] == '.' && begin >= 3 && is_digit(text[begin - 3]))))
        return false;
    if (phone_digits_ok(text.substr(begin, end - begin))) return true;
    for (std::size_t cut = end - 1; cut > begin + 1; --cut) {
        // ('_' and Unicode spaces read as spaces here: Rule::plain_spaces)
        bool inside_a_number = std::string_view(".-/(").find(text[cut]) != std::string_view::npos;
        if (!is_digit(text[cut - 1]) || is_alnum(text[cut]) || inside_a_number) continue;
        if (phone_digits_ok(text.substr(begin, cut - begin))) {
            end = cut;
            return true;
        }
    }
    return false;
}

// As banks print an IBAN: in capitals, in one piece or in groups of four one space or dash apart.
bool printed_as_banks_do(std::string_view iban) {
    if (std::any_of(iban.begin(), iban.end(), is_lower)) return false;
    std::size_t group = 0;
    bool separated = false;
    for (char c : iban) {
        bool separator = c == ' ' || c == '-';
        if (separator && group != 4) return false;
        separated |= separator;
        group = separator ? 0 : group + 1;
    }
    return !separated || group <= 4;
}

// Cut where the letters and digits end, or where a word glued on begins after a digit
// ("DE89370400440532013000Copy"): the mod-97 sum says which. A letter the pattern took before
// the country code (a label glued on before it, "IBANDE89…") is left out; such an IBAN must be
// printed as banks do, as one glued to a word by chance ("OLED55C3 est invalide 44") is not.
bool check_iban(std::string_view text, std::size_t& begin, std::size_t& end) {
    bool glued = end - begin > 2 && is_alpha(text[begin + 2]);
    if (glued) ++begin;
    for (std::size_t cut = end; cut >= begin + 15; --cut) {
        bool edge = cut == end || !is_alnum(text[cut]) || (is_digit(text[cut - 1]) && is_alpha(text[cut]));
        if (!edge || (cut < end && !is_alnum(text[cut - 1]))) continue;
        if (glued && !printed_as_banks_do(text.substr(begin, cut - begin))) continue;
        char compact[35];
        std::size_t size = 0;
        for (char c : text.substr(begin, cut - begin))  // as the bank prints it, in capitals
            if (c != ' ' && c != '-' && size < sizeof compact) compact[size++] = to_upper(c);
        if (size >= 15 && size <= 34 && iban_valid({compact, size})) {
            end = cut;
            return true;
        }
    }
    return false;
}

bool check_ssn(std::string_view text, std::size_t& begin, std::size_t& end) {
    if (!leave_out_glued_letter_before(text, begin) || !leave_out_glued_letter(text, end)) return false;
    Digits digits(text.substr(begin, end - begin));  // the pattern gives nine
    std::string_view d = digits.view();
    int area = number(d.substr(0, 3)), group = number(d.substr(3, 2)), serial = number(d.substr(5));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

// Whether the letters ending just before `at` name a version ("v1.2.3.4", "build10.0.19041.1"):
// a dotted number glued to them is one, glued to any other word ("ip192.168.10.24") an address.
bool version_word_before(std::string_view text, std::size_t at) {
    std::size_t from = at;
    while (from > 0 && is_alpha(text[from - 1])) --from;
    const std::string_view word = text.substr(from, at - from);
    for (std::string_view w : {"v", "ver", "version", "build", "b", "r", "rev", "release", "rel"})
        if (word.size() == w.size() && starts_with_lower(word, w)) return true;
    return false;
}

// An identity number with a word glued on before it ("card1234 5678 9012", "cardX1208225N"):
// tried as written (NIE and others begin with a letter), then without that letter.
bool check_glued_national_id(std::string_view text, std::size_t& begin, std::size_t& end) {
    if (check_national_id(text, begin, end)) return true;
    std::size_t after = begin;
    const bool case_changes = is_lower(text[begin]) && end - begin >= 2 && is_upper(text[begin + 1]);  // "cardX1208225N"
    if (end - begin < 2 || !(is_digit(text[begin + 1]) || case_changes) || !leave_out_glued_letter_before(text, after) ||
        after == begin || !check_national_id(text, after, end))
        return false;
    begin = after;
    return true;
}

bool check_ipv4(std::string_view text, std::size_t& begin, std::size_t& end) {
    // The pattern takes a letter or '_' glued on either side with the address; it is left out.
    if (!is_digit(text[begin])) {
        if (is_alpha(text[begin]) && version_word_before(text, begin + 1)) return false;
        ++begin;
    }
    if (!is_digit(text[end - 1])) --end;
    // Part of a longer dotted number (a version such as 1.2.3.4.5) is not an address; after a
    // word and a dot ("no.139.208.6.23") it is.
    if (begin > 1 && text[begin - 1] == '.' && is_digit(text[begin - 2])) return false;
    if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) return false;
    int octet = 0, digits = 0;
    for (char c : text.substr(begin, end - begin)) {
        if (c == '.') {
            octet = digits = 0;
            continue;
        }
        octet = octet * 10 + (c - '0');
        if (++digits > 3 || octet > 255) return false;
    }
    return true;
}

// A token's pattern took the last letter of a word glued on before it where no edge stands
// ("Keysk_live_…"): left out. (A match at an edge has none of a word's characters before it; nor
// need the two forms that begin without one, a Slack webhook's address and "AccountKey=".) Glued,
// it must look random, a digit or a capital in it: "task_live_updatesfromtheserver"
// in code is a name ("sk_live_" ends many words).
bool check_glued_token(std::string_view text, std::size_t& begin, std::size_t& end) {
    const std::string_view from = text.substr(begin);
    if (!(begin > 0 && is_alnum(text[begin - 1]) && is_alpha(text[begin]) && begin + 1 < end &&
          !starts_with_lower(from, "https://") && !starts_with_lower(from, "accountkey")))
        return true;
    const std::string_view token = text.substr(begin + 1, end - begin - 1);
    if (std::none_of(token.begin(), token.end(), [](char c) { return is_digit(c) || is_upper(c); })) return false;
    ++begin;
    return true;
}

// Whether `s` (a zone after a '%' aside) is an IPv6 address: one with a digit (code's
// "Cafe::add" and "Dead::beef" are none); `glued` (to a word), of four groups or more, as
// "Cache::add" ("e::add") is not.
bool ipv6_address(std::string_view s, bool glued) {
    std::string_view address = s.substr(0, s.find('%'));
    if (address.size() < 6 || address.size() >= INET6_ADDRSTRLEN) return false;
    if (std::none_of(address.begin(), address.end(), is_digit)) return false;
    if (glued) {
        std::size_t groups = 0;
        for (std::size_t i = 0; i < address.size(); ++i) groups += address[i] != ':' && (i == 0 || address[i - 1] == ':');
        if (groups < 4) return false;
    }
    char terminated[INET6_ADDRSTRLEN];
    address.copy(terminated, address.size());
    terminated[address.size()] = '\0';
    unsigned char parsed[16];
    return inet_pton(AF_INET6, terminated, parsed) == 1;
}

// An address after a digit or a colon is the tail of something longer ("1:2:3:4:5:6:7:8:9"),
// but for one after a label and its colon ("ip:2001:db8::1", "inet6:fe80::1"): it begins after
// the colon. A colon that ends the match ("x:2001:db8::1:y") is left out. One glued to a word
// before or after it, as a page's label and value run together ("card2001:db8::1",
// "fe80::1ff:fe23:4567:890aexp"), comes with the hex letters of that word the pattern took: the
// fewest left out that leave an address.
bool check_ipv6(std::string_view text, std::size_t& begin, std::size_t& end) {
    if (end - begin >= 2 && text[end - 1] == ':' && text[end - 2] != ':') --end;
    const bool glued_after = end < text.size() && is_alpha(text[end]);
    auto address_from = [&](std::size_t from, bool glued_before) {
        const std::size_t front = glued_before ? 4 : 0, back = glued_after ? 4 : 0;
        for (std::size_t b = from; b <= from + front && b < end; ++b) {
            // Glued, it begins with "::" or a group of four, as addresses in use do: "inet6:fe80::1"
            // is the label "inet6" and its address, not a word "inet" and "6:fe80::1".
            const std::size_t first = text.substr(b, end - b).find(':');
            if (glued_before && first != 0 && first != 4) continue;
            for (std::size_t e = end; e + back >= end && e > b; --e)
                if (ipv6_address(text.substr(b, e - b), glued_before || glued_after)) {
                    begin = b;
                    end = e;
                    return true;
                }
        }
        return false;
    };
    // A lone colon the match begins with ends a label ("Tel.:2001:db8::1", a full-width "：" read
    // as ':'): the address begins after it.
    if (text[begin] == ':' && end - begin > 1 && text[begin + 1] != ':') return address_from(begin + 1, false);
    // Glued to a word is tried first: "card2001:db8::1" is no label "card2001" and "db8::1".
    const bool tail = begin > 0 && (is_digit(text[begin - 1]) || text[begin - 1] == ':');
    if (!tail && address_from(begin, begin > 0 && is_alpha(text[begin - 1]))) return true;
    const std::size_t colon = label_colon(text, begin, end);
    return colon < end && address_from(colon + 1, false);
}

enum class Search { after_match, inside_match };  // where the search goes on (Rule::look_inside)
enum class Spaces { as_written, plain };           // how the rule reads '_' and Unicode spaces (Rule::plain_spaces)

detail::Rule pattern_rule(std::string name, std::string placeholder, std::string pattern,
                          bool (*check)(std::string_view, std::size_t&, std::size_t&) = nullptr,
                          Search search = Search::after_match, Spaces spaces = Spaces::as_written) {
    detail::Rule r;
    r.name = std::move(name);
    r.placeholder = "\u27e8" + placeholder + "\u27e9";
    r.pattern = std::move(pattern);
    r.check = check;
    r.look_inside = search == Search::inside_match;
    r.plain_spaces = spaces == Spaces::plain;
    return r;
}

detail::Rule scanner_rule(std::string name, std::string placeholder,
                          void (*scan)(std::string_view, std::size_t, std::size_t, std::uint16_t, std::vector<Finding>&),
                          Spaces spaces = Spaces::as_written) {
    detail::Rule r;
    r.name = std::move(name);
    r.placeholder = "\u27e8" + placeholder + "\u27e9";
    r.scan = scan;
    r.plain_spaces = spaces == Spaces::plain;
    return r;
}

}  // namespace

bool card_number_valid(std::string_view digits) noexcept {
    return digits.size() >= 13 && digits.size() <= 19 && card_prefix_ok(digits) && luhn_valid(digits);
}

bool luhn_valid(std::string_view digits) noexcept {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (!is_digit(*it)) return false;
        int d = *it - '0';
        if (twice && (d *= 2) > 9) d -= 9;
        sum += d;
        twice = !twice;
    }
    return !digits.empty() && sum % 10 == 0;
}

bool iban_valid(std::string_view compact) noexcept {
    if (compact.size() < 15 || compact.size() > 34) return false;
    if (!is_upper(compact[0]) || !is_upper(compact[1]) || !is_digit(compact[2]) || !is_digit(compact[3])) return false;
    int remainder = 0;
    for (std::size_t k = 0; k < compact.size(); ++k) {
        char c = compact[(k + 4) % compact.size()];  // the first four characters move to the end
        if (is_digit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
        else if (is_upper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
        else return false;
    }
    return remainder == 1;
}

namespace detail {

namespace {

// Whether the number that ends at text[at] goes on: a digit after at most three separators.
bool number_goes_on(std::string_view text, std::size_t at) {
    for (std::size_t i = at; i < text.size() && i <= at + 3; ++i) {
        if (is_digit(text[i])) return true;
        if (std::string_view(" .-/()").find(text[i]) == std::string_view::npos) return false;
    }
    return false;
}

// For a rule that looks inside, the search goes on from a match's next byte when its check
// refused it or cut it short, or when the number goes on past it: the longest match from a
// number before a secret takes the secret in, and fails its check ("Room 4.12
// 4329947584068280" matches from "12") or passes it by chance ("ISBN 6166525613
// 3493-595943-74126" holds a Luhn-valid 14-digit number), and the secret lies inside it or
// runs on past it. Overlapping findings are redacted as one
// (Detectors::find). Those patterns bound their matches (card 19 digits, phone 7 groups, IBAN
// 34 characters), so a hostile string still costs linear time: a bounded match per place a
// match can start. Other rules go on after each match. The pattern reads the text around the
// span for \b.
void run_pattern(const Rule& rule, std::uint16_t index, std::string_view text, std::size_t begin, std::size_t end,
                 std::vector<Finding>& out) {
    std::size_t pos = begin;
    re2::StringPiece match;
    const re2::StringPiece whole(text.data(), text.size());
    while (pos < end && rule.re->Match(whole, pos, end, RE2::UNANCHORED, &match, 1)) {
        auto from = static_cast<std::size_t>(match.data() - text.data());
        std::size_t to = from + match.size();
        if (to == from) {
            pos = from + 1;
            continue;
        }
        std::size_t accepted_from = from, accepted = to;
        bool taken = !rule.check || rule.check(text, accepted_from, accepted);
        if (taken) out.push_back({accepted_from, accepted, index});
        // A match taken whole hides no secret that ends inside it (it is redacted with it): one
        // that began inside it can only run on past its end, where the number goes on.
        bool look_inside = rule.look_inside && (!taken || accepted < to || number_goes_on(text, to));
        // A letter the match took as glued on after a number may be glued on before the next
        // ("1.2.3.4o5.6.7.8"): the search goes on from it, as the candidate spans do.
        const bool glued_on = to < end && is_digit(text[to]) && (is_alpha(text[to - 1]) || text[to - 1] == '_');
        pos = look_inside ? from + 1 : glued_on ? std::max(from + 1, to - 1) : to;
    }
}

}  // namespace

// The plain-spaced copy is asked for only by a rule that reads it: NumberText makes it then.
void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, NumberText& numbers, std::size_t begin,
              std::size_t end, std::vector<Finding>& out) {
    std::string_view read = rule.plain_spaces ? numbers.get() : text;
    if (rule.scan) rule.scan(read, begin, end, index, out);
    else run_pattern(rule, index, read, begin, end, out);
}

void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, std::size_t begin, std::size_t end,
              std::vector<Finding>& out) {
    NumberText numbers;
    numbers.reset(text);
    run_rule(rule, index, text, numbers, begin, end, out);
}

void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, std::vector<Finding>& out) {
    run_rule(rule, index, text, 0, text.size(), out);
}

RE2::Options pattern_options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(32 << 20);
    return o;
}

namespace {

std::vector<Rule> make_builtin_rules() {
    std::vector<Rule> rules;
    rules.push_back(pattern_rule(
        "email", "EMAIL",
        // Unbounded repeats, not {1,64}: a bounded repeat of a Unicode class multiplies the
        // automaton and the time to build it; lengths do not matter here.
        R"((?:"[^"\n]+"|[^\s@<>()\[\],;:"'/]+)@(?:\[[0-9A-Fa-f:.]+\]|[\p{L}\p{N}][\p{L}\p{N}-]*)"
        R"((?:\.[\p{L}\p{N}][\p{L}\p{N}-]*)*\.\p{L}\p{L}+))"
        R"(|(?i:[a-z0-9._%+-]+\s*[\[({]\s*at\s*[\])}]\s*[a-z0-9-]+)"
        R"((?:\s*(?:[\[({]\s*dot\s*[\])}]|\.)\s*[a-z0-9-]+)+))"
        // "john @ example.com": spaces around the '@', as people write an address to hide it.
        R"(|(?:[A-Za-z0-9._%+-]+ {1,3}@ {0,3}|[A-Za-z0-9._%+-]+@ {1,3})[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"));
    // Where a number of the phone, card, SSN and national id patterns may end: an edge, or the
    // first letter of a word glued on after it ("415-555-0123Edit", "card 4111…exp": text run
    // together from a page's elements), which their checks leave out.
    const std::string end = R"((?:\b|[A-Za-z]))";
    // Where a phone whose groups a separator must part may begin: an edge, or the last letter of
    // a word glued on before it ("Smith555-123-4567"), which check_phone leaves out.
    const std::string start = R"((?:\b|[A-Za-z]))";
    rules.push_back(pattern_rule(
        "phone", "PHONE",
        // Groups are a separator apart, or up to three spaces (a no-break space reads as two).
        // International; North American; national with a trunk 0, its area code in brackets or
        // not ("(020) 7946 0958"); a two-digit area code in brackets ("(11) 91234-5678");
        // Chinese mobiles ("138 0013 8000", "13800138000"); mobiles as India, Russia and Brazil
        // write them without a country code: "98765 43210", "8 (916) 123-45-67", "11 91234-5678";
        // Spain's, mobile and landline: "612 34 56 78", "91 123 45 67".
        // A word in lower case glued on before one with a trunk 0 or 00 ("Phone020 7946 0958",
        // "Tel0044 20 7946 0958": a label and its value run together), or Russia's trunk 8, only
        // where a separator parts its (first) groups: glued to a word, a number in one piece is a
        // product's or an order's, and so is one after capitals ("SKU012-345-678").
        R"((?:\+|(?:\b|[a-z])00)[1-9][0-9]{0,3}(?:(?:[ .\-/]{0,2}| {3})\(?[0-9]{1,5}\)?){1,7})"
        R"(|(?:\(\d{3}\)(?:\s| {2,3})?|)" + start + R"(\d{3}(?:[.-]| {1,3}))\d{3}(?:[.-]| {1,3})\d{4})" + end +
        R"(|(?:\(0[1-9][0-9]{0,4}\)|\b0[1-9][0-9]{0,4})(?:(?:[/.-]| {1,3})?[0-9]{2,5}){1,5})" + end +
        R"(|[a-z]0[1-9][0-9]{0,4}(?:[/.-]| {1,3})[0-9]{2,5}(?:(?:[/.-]| {1,3})?[0-9]{2,5}){0,4})" + end +
        R"(|\([1-9][0-9]\)(?: {1,3})?[0-9]{4,5}(?:[.-]| {1,3})?[0-9]{4})" + end +
        "|" + start + R"(1[3-9][0-9](?:-| {1,3})[0-9]{4}(?:-| {1,3})[0-9]{4})" + end + R"(|\b1[3-9][0-9]{9})" + end +
        "|" + start + R"([6-9][0-9]{4}(?:-| {1,3})[0-9]{5})" + end +
        R"(|\b8(?:-| {1,3})?\(?[3-9][0-9]{2}\)?(?:-| {1,3})?[0-9]{3}(?:-| {1,3})?[0-9]{2}(?:-| {1,3})?[0-9]{2})" + end +
        R"(|[a-z]8(?:-| {1,3})?\(?[3-9][0-9]{2}\)?(?:-| {1,3})?[0-9]{3}(?:-| {1,3})[0-9]{2}(?:-| {1,3})[0-9]{2})" + end +
        "|" + start + R"([1-9]{2} {1,3}9[0-9]{4}(?:-| {1,3})[0-9]{4})" + end +
        "|" + start + R"((?:[6-9][0-9]{2}(?:[.-]| {1,3})[0-9]{2}|9[1-9](?:[.-]| {1,3})[0-9]{3})(?:(?:[.-]| {1,3})[0-9]{2}){2})" + end,
        check_phone, Search::inside_match, Spaces::plain));
    // Also glued to letters before ("card4111111111111111": the check leaves them out), and in
    // four groups of four a dot apart, as some receipts print them.
    rules.push_back(pattern_rule("card", "CARD",
                                 R"((?:\b|[A-Za-z])\d(?:(?:-| {1,3})?\d){11,18})" + end + R"(|\b\d{4}(?:\.\d{4}){3}(?:\.\d{3})?\b)",
                                 check_card, Search::inside_match, Spaces::plain));
    // In groups a few spaces apart or none, or in groups of four a dash apart ("DE89-3704-…").
    rules.push_back(pattern_rule("iban", "IBAN",
                                 R"((?:\b|[A-Za-z])[A-Za-z]{2}\d{2}(?: {0,3}[A-Za-z0-9]){11,30}\b)"
                                 R"(|(?:\b|[A-Za-z])[A-Za-z]{2}\d{2}(?:-[A-Za-z0-9]{4}){2,7}(?:-[A-Za-z0-9]{1,4})?\b)", check_iban,
                                 Search::inside_match, Spaces::plain));
    // Dashes, or single spaces ("123 45 6789"), or three (an en dash: Rule::plain_spaces); not
    // two, which random numbers in a row hold more often. The check's areas, groups and serials
    // rule out most other numbers of that shape. Dashed, it may have a word glued on before it.
    rules.push_back(pattern_rule("ssn", "SSN", start + R"(\d{3}-\d{2}-\d{4})" + end + R"(|\b\d{3}(?: | {3})\d{2}(?: | {3})\d{4})" + end,
                                 check_ssn, Search::after_match, Spaces::plain));
    // A word glued on ("ip192.168.10.24", "10.0.0.7exp") is taken with it, for the check to leave out.
    rules.push_back(pattern_rule("ipv4", "IP", R"((?:\b|[A-Za-z_])(?:\d{1,3}\.){3}\d{1,3}(?:\b|[A-Za-z_]))", check_ipv4,
                                 Search::after_match,
                                 Spaces::plain));
    rules.push_back(pattern_rule(
        "ipv6", "IP",
        // A dotted IPv4 tail is tried first: a greedy hex run would eat its first number and
        // leave "0:0:0:0:0:ffff:192" for inet_pton to refuse.
        R"([0-9A-Fa-f:]*:[0-9A-Fa-f]*:(?:[0-9A-Fa-f:]*?(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f:]*)(?:%[0-9A-Za-z]+)?)",
        check_ipv6));
    rules.push_back(pattern_rule("jwt", "JWT", R"(\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)"));
    rules.push_back(pattern_rule(
        "private_key", "PRIVATE_KEY",
        R"(-----BEGIN[A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----(?s:.*?)(?:-----END[A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|\z))"));
    // (?:\b|_|[A-Za-z]): a token's edge, or an underscore glued to it ("_sk_live_…_" in Markdown),
    // which \b takes for part of the token: the underscore goes with the finding; or the last
    // letter of a word glued on before it ("Keysk_live_…", "tokenglpat-…": a page's label and
    // value run together), which check_glued_token leaves out. Their prefixes are rare enough
    // inside words (Discord's tokens, which begin with an M or an N, are read at an edge only).
    const std::string edge = R"((?:\b|_|[A-Za-z]))";
    rules.push_back(pattern_rule(
        "cloud_key", "SECRET",
        edge + R"((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?:\b|_)|)" + edge + R"(AIza[0-9A-Za-z_-]{35})"
        R"(|)" + edge + R"((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|(?i:AccountKey)=[A-Za-z0-9+/=]{20,}|)" + edge +
        R"(ya29\.[0-9A-Za-z_-]{20,})", check_glued_token));
    rules.push_back(pattern_rule(
        "source_token", "SECRET",
        edge + R"(gh[pousr]_[A-Za-z0-9]{36,}(?:\b|_)|)" + edge + R"(github_pat_[A-Za-z0-9_]{50,}|)" + edge + R"(glpat-[A-Za-z0-9_-]{20,})"
        R"(|)" + edge + R"(npm_[A-Za-z0-9]{36}(?:\b|_)|)" + edge + R"(pypi-[A-Za-z0-9_-]{50,})", check_glued_token));
    rules.push_back(pattern_rule(
        "chat_token", "SECRET",
        edge + R"(xox[abposr]-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+)"
        R"(|(?:\b|_)[MN][A-Za-z0-9]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?:\b|_)|)" + edge +
        R"(\d{8,10}:AA[0-9A-Za-z_-]{33})", check_glued_token));
    rules.push_back(scanner_rule("password", "SECRET", scan_passwords));
    rules.push_back(scanner_rule("token", "TOKEN", scan_tokens));
    rules.push_back(scanner_rule("labelled_secret", "SECRET", scan_labelled_secrets));
    rules.push_back(scanner_rule("labelled_phone", "PHONE", scan_labelled_phones, Spaces::plain));
    // Checked as each country checks them (national_ids.hpp); looked for again inside a match
    // refused, as a number before can lead the match ("2028 7218 6726 4284"). Those with a check
    // that end in a digit may end glued to a word (check_national_id leaves its letter out),
    // and begin glued to one (check_glued_national_id: "card1234 5678 9012"). Korea's and
    // Pakistan's, shapes without a check, and those that begin or end with a capital, only to a
    // word in lower case (`lower`: "cardX1208225N", "AB 12 34 56 Cexp"), where the change of
    // case says where the word ends ("ORD-12345-1234567-1X" is an order's code).
    const std::string lower = R"((?:\b|[a-z]))";
    rules.push_back(pattern_rule(
        "national_id", "ID",
        start + R"(\d{17}[\dX])" + end +                                            // China
        "|" + start + R"(\d{4}(?:-| {1,3})\d{4}(?:-| {1,3})\d{4})" + end +         // Aadhaar, My Number: groups of four
        "|" + start + R"(\d{3}\.\d{3}\.\d{3}-\d{2})" + end + "|" + start + R"(\d{11})" + end + // Brazil's CPF, Turkey's T.C. Kimlik No
        "|" + start + R"(\d{8}-?[A-Z]\b)" + "|" + lower + R"([XYZ]-?\d{7}-?[A-Z]\b)" +  // Spain's DNI and NIE (*)
        "|" + lower + R"([A-Z]{2} ?(?:\d{6}|\d{2} \d{2} \d{2}) ?[A-D])" + lower +         // the UK's National Insurance number
        "|" + lower + R"(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-[1-8]\d{6})" + lower +  // South Korea's resident registration number
        "|" + lower + R"([A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d)" + end +                  // Mexico's CURP
        "|" + start + R"([12](?: \d{2}){3} \d{3} \d{3} \d{2})" + end + "|" + start + R"([12]\d{14})" + end +  // France's NIR
        "|" + lower + R"(\d{5}-\d{7}-\d)" + lower +                                    // Pakistan's CNIC
        "|" + lower + R"([A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z])" + lower +         // Italy's codice fiscale
        "|" + start + R"(\d{6}[-+]\d{4})" + end +                                   // Sweden's personnummer
        "|" + start + R"(\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2})" + end +                  // Belgium's national number
        "|" + start + R"(\d{4}\.\d{2}\.\d{3})" + end +                              // the Netherlands' BSN
        "|" + start + R"(\d{3}(?:-| {1,3})\d{3}(?:-| {1,3})\d{3})" + end,            // Canada's SIN (Poland's PESEL: 11 above)
        check_glued_national_id, Search::inside_match, Spaces::plain));
    // (*) Not glued to a word after them: their last letter and a word after it read as a
    // number before a word in capitals ("87721700Edit"), and one in 23 passes the check.
    rules.push_back(scanner_rule("labelled_id", "ID", scan_labelled_ids, Spaces::plain));
    for (Rule& rule : rules)
        if (!rule.pattern.empty()) rule.re = std::make_shared<RE2>(rule.pattern, pattern_options());
    return rules;
}

}  // namespace

const std::vector<Rule>& builtin_rules() {
    static const std::vector<Rule> rules = make_builtin_rules();
    return rules;
}


}  // namespace detail

}  // namespace semtrace::privacy
