// national_ids.hpp — the identity numbers of the most populous countries beside the US SSN, and of some of Europe's and Canada: their check digits and letters.
#pragma once

#include <cstddef>
#include <string_view>

namespace semtrace::privacy::detail {

// Each with its own check, so that numbers of the same shape (order numbers, barcodes) are not
// taken: China's resident identity number (18, ISO 7064 MOD 11-2, its last an X for 10);
// Mexico's CURP (4 letters, a birth date, H, M or X, 5 letters, a letter or digit, a check digit
// over the 17 before); France's NIR (15 digits, the last two 97 less the 13 before mod 97);
// Pakistan's CNIC (5, 7 and 1 digits a dash apart: no check); Turkey's T.C. Kimlik No (11, the
// first not 0, two check digits); Japan's My Number (12 in groups of four, a check digit mod 11);
// Italy's codice fiscale (16: letters and digits in fixed places, a check letter);
// India's Aadhaar (12 in groups of four, the first 2-9, Verhoeff); Brazil's CPF (11, two check
// digits mod 11, not eleven equal digits); Spain's DNI and NIE (8 digits and a letter, or X, Y or
// Z, 7 digits and a letter: the letter of the number mod 23); the United Kingdom's National
// Insurance number (two letters of the allowed prefixes, 6 digits, A-D); South Korea's resident
// registration number (a birth date, a dash, 7 digits from 1-8: no check, as those issued since
// 2020 have none); Sweden's personnummer (a birth date, the day plus 60 for a coordination
// number, a dash or a plus, 4 digits, Luhn); Belgium's national number (YY.MM.DD-NNN.CC, the check
// 97 less the 9 before mod 97, with a 2 before them for those born since 2000); Poland's PESEL
// (11, a birth date with the century in the month, a weighted check digit); the Netherlands' BSN
// (9, the "elfproef", written 4.2.3); Canada's SIN (9 in groups of three, not led by 0 or 8,
// Luhn). `compact` holds the number's letters and digits only, letters in capitals.
bool china_id_valid(std::string_view compact) noexcept;
bool aadhaar_valid(std::string_view compact) noexcept;
bool cpf_valid(std::string_view compact) noexcept;
bool dni_valid(std::string_view compact) noexcept;  // DNI or NIE
bool nino_valid(std::string_view compact) noexcept;
bool curp_valid(std::string_view compact) noexcept;
bool nir_valid(std::string_view compact) noexcept;
bool tckn_valid(std::string_view compact) noexcept;
bool my_number_valid(std::string_view compact) noexcept;
bool codice_fiscale_valid(std::string_view compact) noexcept;
bool personnummer_valid(std::string_view compact) noexcept;
bool belgian_number_valid(std::string_view compact) noexcept;
bool pesel_valid(std::string_view compact) noexcept;
bool bsn_valid(std::string_view compact) noexcept;
bool sin_valid(std::string_view compact) noexcept;

// Rule::check of the national_id pattern: the number text[begin, end) passes its country's check.
bool check_national_id(std::string_view text, std::size_t& begin, std::size_t& end);

}  // namespace semtrace::privacy::detail
