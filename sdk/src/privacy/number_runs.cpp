// number_runs.cpp — what a run of number characters holds (phone, card, SSN, IPv4, national id), read a group of digits at a time, and where an IBAN can end.
#include <algorithm>

#include "privacy/char_classes.hpp"
#include "privacy/detectors.hpp"
#include "privacy/number_runs.hpp"

namespace semtrace::privacy::detail {

namespace {

constexpr std::size_t none = ~std::size_t{0};

// Runs are read from the text as those detectors read it (NumberText): '_', Unicode spaces,
// dashes and invisible characters are plain spaces there.

// What a run holds, in the terms of those detectors' patterns and checks. A group is a maximal
// run of digits; the gap before it, what lies between it and the group before.
struct NumberRun {
    std::size_t plus_digits = 0;       // most digits from a '+' then 1-9 on, groups apart as phones are
    std::size_t zero_zero_digits = 0;  // the same from a group led by 00 then 1-9 ("0044 20 ...")
    std::size_t zero_one_digits = 0;   // from a group led by 0 then 1-9, groups a separator apart
    bool three_three_four = false;     // groups of 3, 3 and 4: "(555) 123-4567", "555.123.4567"
    bool three_four_four = false;      // groups of 3, 4 and 4: "138 0013 8000"
    bool bracketed_area = false;       // 2 digits in brackets, then 8 or 9: "(11) 91234-5678"
    bool five_five = false;            // groups of 5 and 5: "98765 43210"
    bool eleven = false;               // a group of 11 led by 1 or 8: "13800138000", "89161234567"
    std::size_t eight_digits = 0;      // most digits from a group led by 8, groups apart as phones are: "8 (916) 123-45-67"
    bool two_five_four = false;        // groups of 2, 5 and 4: "11 91234-5678"
    bool spain = false;                // 3-2-2-2 led by 6-9, or 2-3-2-2 led by 9: "612 34 56 78", "91 123 45 67"
    bool national_id = false;          // a group of 17-18, 11, 8 or 7 before a capital, 6 or 2-2-2 before a capital or space; 4-4-4, 3-3-2, 6-7
    bool card = false;                 // 13-19 digits of a card network, Luhn-checked, in groups a space or dash apart
    bool dotted_card = false;          // four groups of 4 a dot apart: "4111.1111.1111.1111"
    bool ssn = false;                  // groups of 3, 2 and 4, a dash or up to three spaces apart
    bool ipv4 = false;                 // four groups of 1-3, a dot apart
};

// Whether the chain text[begin, end) (groups of digits one space or dash apart, as card numbers
// are written) holds a card: card_number_valid is tried from each group led by a network's
// digit (2-6) to each group end after it, as check_card tries them. A chain too long to keep
// counts as holding one.
bool chain_holds_card(std::string_view text, std::size_t begin, std::size_t end) {
    constexpr std::size_t max_groups = 24;
    char digit[64];
    std::size_t group_start[max_groups + 1], digits = 0, groups = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (!is_digit(text[i])) continue;
        if (digits == sizeof digit) return true;
        if (i == begin || !is_digit(text[i - 1])) {
            if (groups == max_groups) return true;
            group_start[groups++] = digits;
        }
        digit[digits++] = text[i];
    }
    group_start[groups] = digits;
    for (std::size_t g = 0; g < groups; ++g) {
        if (digit[group_start[g]] < '2' || digit[group_start[g]] > '6') continue;
        for (std::size_t h = g + 1; h <= groups && group_start[h] - group_start[g] <= 19; ++h) {
            std::size_t len = group_start[h] - group_start[g];
            if (len >= 13 && card_number_valid({digit + group_start[g], len})) return true;
        }
    }
    return false;
}

// A chain of groups: it goes on by `len` digits where the group continues it, starts again
// where the group begins one (the longer of the two counts), and `best` keeps its longest.
void extend_chain(std::size_t& chain, bool continues, bool begins, std::size_t len, std::size_t& best) {
    chain = continues && chain ? chain + len : 0;
    if (begins) chain = std::max(chain, len);
    best = std::max(best, chain);
}

// Groups of a run in order, each with its length and the gap before it.
class GroupReader {
public:
    GroupReader(std::string_view text, NumberRun& run) : text_(text), r_(run) {}

    void read(std::size_t start, std::size_t len) {
        std::size_t gap = prev_end_ == none ? none : start - prev_end_;
        char sep = gap == 1 ? text_[start - 1] : '\0';  // the one character between, if one
        // Up to three spaces between groups, as the card and phone patterns allow them.
        bool spaces = gap != none && gap <= 3 && all_spaces(prev_end_, start);
        std::string_view g = text_.substr(start, len);
        char second = len > 1 ? g[1] : '\0', third = len > 2 ? g[2] : '\0';
        // (A word may be glued on before these forms where a separator parts their groups:
        // the pattern sees to that; a run glued to a word in one piece is a candidate in vain.)
        // The phone pattern's first form: '+' or "00" then 1-9, groups up to ")-/ (" apart.
        bool phone_gap = gap != none && gap <= 5 && phone_separators(prev_end_, start);
        bool plus = start > 0 && text_[start - 1] == '+' && g[0] != '0';
        extend_chain(plus_, phone_gap, plus, len, r_.plus_digits);
        bool zero_zero = g[0] == '0' && second == '0' && third >= '1' && third <= '9';
        extend_chain(zero_zero_, phone_gap, zero_zero, len, r_.zero_zero_digits);
        // Its third: 0 then 1-9, then groups of 2 or more a [ /.-] apart (or none: the pattern's
        // separator is optional, so one long group can hold it all).
        bool zero_one = g[0] == '0' && second >= '1' && second <= '9';
        // (Its first group may stand in brackets, a separator or up to three spaces after them.)
        bool z1_sep = spaces || sep == '/' || sep == '.' || sep == '-' || after_brackets(gap, 4);
        extend_chain(zero_one_, z1_sep && len >= 2, zero_one, len, r_.zero_one_digits);
        // Its second: 3-3-4. The fifth: 3-4-4.
        r_.three_three_four |= len == 4 && gap <= 3 && prev_len_ == 3 && prev_gap_ <= 4 && prev2_len_ == 3;
        r_.three_four_four |= len == 4 && gap <= 3 && prev_len_ == 4 && prev_gap_ <= 3 && prev2_len_ == 3;
        // The fourth: "(11)", up to three spaces, then 4-5 digits and 4, a separator apart or not.
        area_digits_ = area_digits_ && gap <= 3 ? area_digits_ + len : 0;  // the second group after "(11)"
        if (prev_len_ == 2 && prev_bracketed_ && text_[prev_end_ - 2] != '0' && after_brackets(gap, 4)) area_digits_ = len;
        r_.bracketed_area |= area_digits_ >= 8;
        r_.five_five |= len == 5 && gap <= 3 && prev_len_ == 5;
        r_.eleven |= len == 11 && (g[0] == '1' || g[0] == '8');
        extend_chain(eight_, phone_gap, g[0] == '8', len, r_.eight_digits);
        r_.two_five_four |= len == 4 && (sep == '-' || spaces) && prev_len_ == 5 && prev_gap_ <= 3 && prev2_len_ == 2;
        // Spain's numbers: four groups, each a '.', a '-' or up to three spaces after the last.
        spain_groups_ = (spaces || sep == '.' || sep == '-') && spain_groups_ ? spain_groups_ + 1 : 1;
        if (len == 2 && spain_groups_ >= 4 && prev_len_ == 2 && prev3_start_ < start) {
            const char lead = text_[prev3_start_];
            r_.spain |= (prev2_len_ == 2 && prev3_len_ == 3 && lead >= '6') ||
                        (prev2_len_ == 3 && prev3_len_ == 2 && lead == '9' && text_[prev3_start_ + 1] != '0');
        }
        r_.national_id |= national_id_shape(start, len, gap, sep, spaces);
        prev_bracketed_ = start > 0 && text_[start - 1] == '(' && start + len < text_.size() && text_[start + len] == ')';
        // Cards: groups a dash or up to three spaces apart.
        if (!(spaces || sep == '-')) {
            end_card_chain();
            chain_begin_ = start;
        }
        chain_digits_ += len;
        dotted_fours_ = len == 4 ? (sep == '.' && dotted_fours_ ? dotted_fours_ + 1 : 1) : 0;
        r_.dotted_card |= dotted_fours_ >= 4;
        ip_chain_ = len > 3 ? 0 : (sep == '.' && ip_chain_ > 0 ? ip_chain_ + 1 : 1);
        r_.ipv4 |= ip_chain_ >= 4;
        r_.ssn |= len == 4 && (sep == '-' || spaces) && prev_len_ == 2 && (prev_sep_ == '-' || prev_spaces_) && prev2_len_ == 3;
        prev3_len_ = prev2_len_;
        prev3_start_ = prev2_start_;
        prev2_len_ = prev_len_;
        prev2_start_ = prev_end_ == none ? 0 : prev_end_ - prev_len_;
        prev_len_ = len;
        prev_gap_ = gap;
        prev_sep_ = sep;
        prev_spaces_ = spaces;
        prev_end_ = start + len;
    }

    void end_card_chain() {
        if (!r_.card && chain_digits_ >= 13) r_.card = chain_holds_card(text_, chain_begin_, prev_end_);
        chain_digits_ = 0;
    }

private:
    // The national_id pattern's shapes, as groups: China 17-18; Aadhaar 4-4-4; CPF 11 or
    // 3.3.3-2; DNI 8, then a capital or '-'; NIE X, Y or Z, 7, then a capital or '-'; NINO 6 or
    // 2 2 2 (a space apart), after two capitals at a word's edge, before a capital or a space;
    // Korea 6-7; CURP 6 after four capitals at a word's edge, before H, M or X; NIR 15, or
    // ending 3 3 2 a space apart; CNIC 5-7-1; codice fiscale 2, 2 and 3, one capital apart;
    // Sweden 6-4 or 6+4; Belgium 2.2.2-3.2; the Netherlands 4.2.3; Canada 3-3-3 or 3 3 3.
    bool national_id_shape(std::size_t start, std::size_t len, std::size_t gap, char sep, bool spaces) const {
        auto at = [&](std::size_t i) { return i < text_.size() ? text_[i] : '\0'; };
        auto letter_after = [&] { return is_upper(at(start + len)) || at(start + len) == ' '; };
        auto nie_letter = [](char c) { return c == 'X' || c == 'Y' || c == 'Z'; };
        // A word's edge, or a word in lower case glued on, ends just before `at`.
        auto edge_before = [&](std::size_t i) { return i == 0 || !is_alnum(at(i - 1)) || is_lower(at(i - 1)); };
        // Two capitals end at `end` (a space between them and the digits or not), a word's edge before them.
        auto prefix_before = [&](std::size_t end) {
            if (end > 0 && at(end - 1) == ' ') --end;
            return end >= 2 && is_upper(at(end - 1)) && is_upper(at(end - 2)) && edge_before(end - 2);
        };
        auto curp_around = [&] {
            char sex = at(start + len);
            return start >= 4 && is_upper(at(start - 1)) && is_upper(at(start - 2)) && is_upper(at(start - 3)) &&
                   is_upper(at(start - 4)) && edge_before(start - 4) && (sex == 'H' || sex == 'M' || sex == 'X');
        };
        switch (len) {
            case 1: return sep == '-' && prev_len_ == 7 && prev_sep_ == '-' && prev2_len_ == 5;
            case 2:
                return (sep == '-' && prev_len_ == 3 && prev_sep_ == '.' && prev2_len_ == 3) ||
                       (sep == '.' && prev_len_ == 3 && prev_sep_ == '-' && prev2_len_ == 2) ||
                       (sep == ' ' && prev_len_ == 3 && prev_sep_ == ' ' && prev2_len_ == 3) ||
                       (prev_len_ == 2 && prev2_len_ == 2 && sep == ' ' && prev_sep_ == ' ' && letter_after() && prefix_before(prev2_start_));
            case 3:
                return (gap == 1 && prev_len_ == 2 && prev_gap_ == 1 && prev2_len_ == 2 && is_upper(at(start - 1))) ||
                       (sep == '.' && prev_len_ == 2 && prev_sep_ == '.' && prev2_len_ == 4) ||
                       ((sep == '-' || spaces) && prev_len_ == 3 && (prev_sep_ == '-' || prev_spaces_) && prev2_len_ == 3);
            case 4:
                return (gap <= 3 && prev_len_ == 4 && prev_gap_ <= 3 && prev2_len_ == 4) ||
                       ((sep == '-' || sep == '+') && prev_len_ == 6);
            case 6: return (letter_after() && prefix_before(start)) || curp_around();
            case 7:
                return (sep == '-' && prev_len_ == 6) ||
                       ((nie_letter(at(start - 1)) || (at(start - 1) == '-' && nie_letter(at(start - 2)))) &&
                        (is_upper(at(start + len)) || at(start + len) == '-'));
            case 8: return is_upper(at(start + len)) || at(start + len) == '-';
            case 11: case 15: case 17: case 18: return true;
            default: return false;
        }
    }

    // Whether the last group stood in brackets and this one follows them, `more` characters at
    // most after the ')': a separator or up to three spaces.
    bool after_brackets(std::size_t gap, std::size_t more) const {
        if (!prev_bracketed_ || gap == none || gap > more) return false;
        for (std::size_t i = prev_end_ + 1; i < prev_end_ + gap; ++i)
            if (std::string_view(" /.-").find(text_[i]) == std::string_view::npos) return false;
        return true;
    }

    bool all_spaces(std::size_t from, std::size_t to) const {
        for (std::size_t i = from; i < to; ++i)
            if (text_[i] != ' ') return false;
        return true;
    }

    bool phone_separators(std::size_t from, std::size_t to) const {
        for (std::size_t i = from; i < to; ++i) {
            switch (text_[i]) {
                case ' ': case '.': case '-': case '/': case '(': case ')': continue;
                default: return false;
            }
        }
        return true;
    }

    std::string_view text_;
    NumberRun& r_;
    std::size_t chain_begin_ = 0;  // where the groups one space or dash apart began
    std::size_t prev_end_ = none, prev_len_ = 0, prev2_len_ = 0, prev_gap_ = none, prev2_start_ = 0;
    std::size_t prev3_len_ = 0, prev3_start_ = none, spain_groups_ = 0;
    std::size_t plus_ = 0, zero_zero_ = 0, zero_one_ = 0, eight_ = 0, chain_digits_ = 0, ip_chain_ = 0, area_digits_ = 0;
    std::size_t dotted_fours_ = 0;
    bool prev_bracketed_ = false;  // the last group stood in brackets: "(020)"
    bool prev_spaces_ = false;     // one to three spaces stood before the last group
    char prev_sep_ = '\0';
};

NumberRun read_number_run(std::string_view text, std::size_t b, std::size_t e) {
    NumberRun r;
    GroupReader groups(text, r);
    for (std::size_t j = b; j < e;) {
        if (!is_digit(text[j])) {
            ++j;
            continue;
        }
        std::size_t start = j;
        while (j < e && is_digit(text[j])) ++j;
        groups.read(start, j - start);
    }
    groups.end_card_chain();
    return r;
}

// A card's span [b, e) (e past a letter glued on after it, as add_number_run gives it) takes a
// letter glued on before it too, which the card pattern may take ("card4111…"). Two runs one
// letter apart ("4111…a5555…") would share it: the span before is made to reach this one's end
// instead (it was pushed a few candidates back, in this word).
void add_card(std::string_view text, std::size_t b, std::size_t e, std::vector<Candidate>& out) {
    if (b > 0 && is_alpha(text[b - 1])) --b;
    for (std::size_t back = 0; back < out.size() && back < 8; ++back) {
        Candidate& c = out[out.size() - 1 - back];
        if (c.detector == Builtin::card && c.end > b) return void(c.end = e);
    }
    out.push_back({Builtin::card, b, e});
}

}  // namespace

std::size_t iban_from(std::string_view text, std::size_t j) {
    auto alnum_at = [&](std::size_t k) { return k < text.size() && is_alnum(text[k]); };
    char compact[34];
    std::size_t size = 0, k = j;
    bool valid = false;
    while (k < text.size() && size < sizeof compact) {
        if (alnum_at(k)) {
            compact[size++] = to_upper(text[k++]);
            // \b, or a space; or a word glued on after a digit, where check_iban may cut
            bool can_end = !alnum_at(k) || (is_digit(text[k - 1]) && is_alpha(text[k]));
            valid = valid || (can_end && size >= 15 && iban_valid({compact, size}));
        } else if (text[k] == '-' && alnum_at(k + 1)) {  // a dash between groups ("DE89-3704-…")
            ++k;
        } else {
            std::size_t spaces = 0;  // up to three between groups, as the pattern allows
            while (spaces < 4 && k + spaces < text.size() && text[k + spaces] == ' ') ++spaces;
            if (spaces == 0 || spaces > 3 || !alnum_at(k + spaces)) break;
            k += spaces;
        }
    }
    return valid ? k : std::string_view::npos;
}

void add_number_run(std::string_view text, std::size_t b, std::size_t e, std::vector<Candidate>& out) {
    NumberRun r = read_number_run(text, b, e);
    // Every match of these patterns begins with a digit, '+', '(' or a capital and ends with a
    // digit, a capital or ')': the run without the blanks and separators around it. RE2 then
    // stops at a match that ends the span instead of searching on past it.
    auto opens = [&](char c) { return is_digit(c) || is_upper(c) || c == '+' || c == '('; };
    auto closes = [&](char c) { return is_digit(c) || is_upper(c) || c == ')'; };
    while (b < e && !opens(text[b])) ++b;
    while (e > b && !closes(text[e - 1])) --e;
    // The phone, card, SSN and national id patterns may end with the first letter of a word
    // glued to the number ("415-555-0123Edit"): their spans take it.
    std::size_t glued = e < text.size() && is_alpha(text[e]) ? e + 1 : e;
    // ... and those in groups, IPv4 addresses too, with the last letter of a word glued on
    // before it ("Smith555-123-4567", "ip192.168.10.24"), which their checks leave out.
    const std::size_t glued_before = b > 0 && is_alpha(text[b - 1]) ? b - 1 : b;
    // The phone pattern's forms, with check_phone's digit counts: 8 after '+', 10 after "00", 9
    // otherwise (a Russian number after its 8 has 11).
    if (r.plus_digits >= 8 || r.zero_zero_digits >= 10 || r.three_three_four || r.zero_one_digits >= 9 ||
        r.three_four_four || r.bracketed_area || r.five_five || r.eleven || r.eight_digits >= 11 || r.two_five_four || r.spain)
        out.push_back({Builtin::phone, glued_before, glued});
    if (r.card || r.dotted_card) add_card(text, b, glued, out);
    if (r.ssn) out.push_back({Builtin::ssn, glued_before, glued});
    if (r.ipv4) out.push_back({Builtin::ipv4, glued_before, glued});
    if (r.national_id) out.push_back({Builtin::national_id, glued_before, glued});
}

}  // namespace semtrace::privacy::detail
