// national_ids.cpp — check digits and letters of national identity numbers (China, India, Brazil, Mexico, Japan, Turkey, France, Italy, Pakistan, Spain, United Kingdom, South Korea, Sweden, Belgium, Poland, the Netherlands, Canada).
#include <algorithm>
#include <array>
#include <cstdint>

#include "privacy/char_classes.hpp"
#include "privacy/detectors.hpp"
#include "privacy/national_ids.hpp"

namespace semtrace::privacy::detail {

namespace {

int digit_at(std::string_view s, std::size_t i) { return s[i] - '0'; }
int two_digits_at(std::string_view s, std::size_t i) { return digit_at(s, i) * 10 + digit_at(s, i + 1); }
bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

}  // namespace

bool china_id_valid(std::string_view c) noexcept {
    if (c.size() != 18 || !all_digits(c.substr(0, 17)) || !(is_digit(c[17]) || c[17] == 'X')) return false;
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += digit_at(c, i) * weights[i];
    return "10X98765432"[sum % 11] == c[17];
}

bool aadhaar_valid(std::string_view c) noexcept {
    if (c.size() != 12 || !all_digits(c) || c[0] < '2') return false;
    // Verhoeff: the dihedral group D5's multiplication, its permutation, over the digits from the right.
    static constexpr std::array<std::array<int, 10>, 10> d{{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                                             {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                                             {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                                             {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                                             {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}};
    static constexpr std::array<std::array<int, 10>, 8> p{{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                                                            {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                                                            {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                                                            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}};
    int check = 0;
    for (std::size_t i = 0; i < c.size(); ++i) check = d[check][p[i % 8][digit_at(c, c.size() - 1 - i)]];
    return check == 0;
}

bool cpf_valid(std::string_view c) noexcept {
    if (c.size() != 11 || !all_digits(c) || std::all_of(c.begin(), c.end(), [&](char x) { return x == c[0]; })) return false;
    for (std::size_t n : {9u, 10u}) {  // each check digit over the digits before it, weights n+1 down to 2
        int sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += digit_at(c, i) * static_cast<int>(n + 1 - i);
        int check = sum * 10 % 11 % 10;
        if (check != digit_at(c, n)) return false;
    }
    return true;
}

bool dni_valid(std::string_view c) noexcept {
    if (c.size() != 9 || !is_upper(c[8])) return false;
    int lead = c[0] == 'X' ? 0 : c[0] == 'Y' ? 1 : c[0] == 'Z' ? 2 : -1;  // an NIE's letter stands for a digit
    if (lead < 0 && !is_digit(c[0])) return false;
    if (!all_digits(c.substr(1, 7))) return false;
    long number = lead < 0 ? digit_at(c, 0) : lead;
    for (std::size_t i = 1; i < 8; ++i) number = number * 10 + digit_at(c, i);
    return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23] == c[8];
}

bool nino_valid(std::string_view c) noexcept {
    if (c.size() != 9 || !is_upper(c[0]) || !is_upper(c[1]) || !all_digits(c.substr(2, 6)) || c[8] < 'A' || c[8] > 'D') return false;
    constexpr std::string_view never_first = "DFIQUV", never_second = "DFIOQUV";
    if (never_first.find(c[0]) != std::string_view::npos || never_second.find(c[1]) != std::string_view::npos) return false;
    for (std::string_view prefix : {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})
        if (c.substr(0, 2) == prefix) return false;
    return true;
}

bool curp_valid(std::string_view c) noexcept {
    auto letters = [&](std::size_t from, std::size_t n) { return std::all_of(c.begin() + from, c.begin() + from + n, is_upper); };
    if (c.size() != 18 || !letters(0, 4) || !all_digits(c.substr(4, 6)) || std::string_view("HMX").find(c[10]) == std::string_view::npos ||
        !letters(11, 5) || !is_alnum(c[16]) || !is_digit(c[17]))
        return false;
    // Each character's place in 0-9, A-N, Ñ, O-Z (Ñ, which no ASCII text holds, is 24), weighted 18 down to 2.
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        int value = is_digit(c[i]) ? c[i] - '0' : c[i] - 'A' + 10 + (c[i] > 'N');
        sum += value * static_cast<int>(18 - i);
    }
    return (10 - sum % 10) % 10 == digit_at(c, 17);
}

bool nir_valid(std::string_view c) noexcept {
    if (c.size() != 15 || !all_digits(c)) return false;
    long long number = 0;
    for (std::size_t i = 0; i < 13; ++i) number = number * 10 + digit_at(c, i);
    return 97 - number % 97 == digit_at(c, 13) * 10 + digit_at(c, 14);
}

bool tckn_valid(std::string_view c) noexcept {
    if (c.size() != 11 || !all_digits(c) || c[0] == '0') return false;
    int odd = 0, even = 0;
    for (std::size_t i = 0; i < 9; ++i) (i % 2 == 0 ? odd : even) += digit_at(c, i);
    int tenth = ((odd * 7 - even) % 10 + 10) % 10;
    return tenth == digit_at(c, 9) && (odd + even + tenth) % 10 == digit_at(c, 10);
}

bool my_number_valid(std::string_view c) noexcept {
    if (c.size() != 12 || !all_digits(c)) return false;
    int sum = 0;  // the 11 digits from the right, weighted 2-7 then 2-6
    for (std::size_t n = 1; n <= 11; ++n) sum += digit_at(c, 11 - n) * static_cast<int>(n <= 6 ? n + 1 : n - 5);
    int rest = sum % 11;
    return (rest <= 1 ? 0 : 11 - rest) == digit_at(c, 11);
}

bool codice_fiscale_valid(std::string_view c) noexcept {
    if (c.size() != 16) return false;
    constexpr std::string_view shape = "AAAAAA99A99A999A";  // A a letter, 9 a digit
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (shape[i] == 'A' ? !is_upper(c[i]) : !is_digit(c[i])) return false;
    // Characters in odd places (from 1) count by this table, digits as the letter of their
    // place in the alphabet; in even places, by their place (A and 0 as 0).
    static constexpr int odd[26] = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
    int sum = 0;
    for (std::size_t i = 0; i < 15; ++i) {
        int place = is_digit(c[i]) ? c[i] - '0' : c[i] - 'A';
        sum += i % 2 == 0 ? odd[place] : place;
    }
    return c[15] == 'A' + sum % 26;
}

bool personnummer_valid(std::string_view c) noexcept {
    if (c.size() != 10 || !all_digits(c)) return false;
    int month = two_digits_at(c, 2), day = two_digits_at(c, 4);
    bool coordination = day > 60;  // a samordningsnummer: the day plus 60
    if (coordination) day -= 60;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn_valid(c);
}

bool belgian_number_valid(std::string_view c) noexcept {
    if (c.size() != 11 || !all_digits(c)) return false;
    long long first = 0;
    for (std::size_t i = 0; i < 9; ++i) first = first * 10 + digit_at(c, i);
    int check = two_digits_at(c, 9);
    return 97 - first % 97 == check || 97 - (2000000000LL + first) % 97 == check;
}

bool pesel_valid(std::string_view c) noexcept {
    if (c.size() != 11 || !all_digits(c)) return false;
    int month = two_digits_at(c, 2) % 20, day = two_digits_at(c, 4);
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    static constexpr int weights[10] = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
    int sum = 0;
    for (std::size_t i = 0; i < 10; ++i) sum += digit_at(c, i) * weights[i];
    return (10 - sum % 10) % 10 == digit_at(c, 10);
}

bool bsn_valid(std::string_view c) noexcept {
    if (c.size() != 9 || !all_digits(c)) return false;
    int sum = -digit_at(c, 8);  // the "elfproef": weights 9 down to 2, the last digit -1
    for (std::size_t i = 0; i < 8; ++i) sum += digit_at(c, i) * static_cast<int>(9 - i);
    return sum % 11 == 0 && sum > 0;
}

bool sin_valid(std::string_view c) noexcept {
    return c.size() == 9 && all_digits(c) && c[0] != '0' && c[0] != '8' && luhn_valid(c);
}

namespace {

// Where a number's separators stand: bit n, one after n of its letters and digits.
struct Separators {
    std::uint32_t dashes = 0, dots = 0, pluses = 0, spaces = 0;
    bool operator==(const Separators&) const = default;
};

// The numbers whose shape says which country's check to try: Sweden's (a dash or a plus after
// the birth date), Belgium's (dotted), the Netherlands' (dotted) and Canada's (three groups of
// three); a plain check of 9 or 10 digits would take one order number in ten.
bool shaped_id_valid(std::string_view c, const Separators& s) {
    constexpr std::uint32_t at2 = 1u << 2, at3 = 1u << 3, at4 = 1u << 4, at6 = 1u << 6, at9 = 1u << 9;
    switch (c.size()) {
        case 9:
            if (s == Separators{.dots = at4 | at6}) return bsn_valid(c);
            return (s == Separators{.dashes = at3 | at6} || s == Separators{.spaces = at3 | at6}) && sin_valid(c);
        case 10: return (s == Separators{.dashes = at6} || s == Separators{.pluses = at6}) && personnummer_valid(c);
        case 11:
            if (s == Separators{.dashes = at6, .dots = at2 | at4 | at9}) return belgian_number_valid(c);
            return s == Separators{} && pesel_valid(c);
        default: return false;
    }
}

bool national_id_valid(std::string_view text, std::size_t begin, std::size_t end) {
    std::array<char, 24> buffer;
    std::size_t size = 0;
    Separators at;
    for (std::size_t i = begin; i < end && size < buffer.size(); ++i) {
        std::uint32_t bit = std::uint32_t{1} << size;
        if (is_alnum(text[i])) buffer[size++] = to_upper(text[i]);
        else if (text[i] == '-') at.dashes |= bit;
        else if (text[i] == '.') at.dots |= bit;
        else if (text[i] == '+') at.pluses |= bit;
        else if (text[i] == ' ') at.spaces |= bit;
    }
    std::string_view c(buffer.data(), size);
    // Korea (the pattern read the birth date) and Pakistan: shapes without a check.
    if (size == 13 && all_digits(c) && (at.dashes == (1u << 6) || at.dashes == ((1u << 5) | (1u << 12)))) return true;
    return china_id_valid(c) || aadhaar_valid(c) || cpf_valid(c) || dni_valid(c) || nino_valid(c) || curp_valid(c) ||
           nir_valid(c) || tckn_valid(c) || my_number_valid(c) || codice_fiscale_valid(c) || shaped_id_valid(c, at);
}

}  // namespace

// The pattern ends with the first letter of a word glued on after the number ("2345 6789
// 0124Verified"), or after a capital the number ends with where that letter is in lower case
// ("70709724Lexp"): left out here.
bool check_national_id(std::string_view text, std::size_t& begin, std::size_t& end) {
    if (national_id_valid(text, begin, end)) return true;
    bool glued = end - begin >= 2 && is_alpha(text[end - 1]) &&
                 (is_digit(text[end - 2]) || text[end - 2] == 'X' || (is_lower(text[end - 1]) && is_upper(text[end - 2])));
    if (!glued || !national_id_valid(text, begin, end - 1)) return false;
    --end;
    return true;
}

}  // namespace semtrace::privacy::detail
