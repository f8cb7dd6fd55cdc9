// labelled_numbers.hpp — phone and identity numbers that the words before them name: "call me at 4155550123", "WhatsApp: 612 345 678", "Passport No. L898902C3", "SSN 123456789".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "privacy/candidates.hpp"
#include "privacy/detectors.hpp"

namespace semtrace::privacy::detail {

// Why a detector of its own: most of the world writes its own mobile number without a country
// code, and often as one run of digits — "4155550123" in the US, "9876543210" in India,
// "612345678" in Spain, "55 1234 5678" in Mexico. The `phone` pattern cannot tell such a number
// from an order number or an ISBN, and takes only the shapes that say phone by themselves. The
// words before a number often say it: "call me at", "Tel.", "mobile no.:", "WhatsApp",
// "Handy", "móvil", "телефон", "手机号码：". After such a word (up to three short words such as
// "me at", "number is", "no." between), 9 to 13 digits in groups (spaces, . - / or brackets
// between) are a phone number: "⟨PHONE⟩", the words kept. A date is not ("call on
// 2026-12-01 10"). Reads the text as the number rules do (plain_spaces.hpp).
//
// Identity numbers likewise: many have no check that tells them from an order number (a US
// passport's 9 digits, a driver's licence, an SSN without dashes, a tax id, Denmark's CPR, a
// BSN in nine bare digits, a bank account's number), but the words before them say what they
// are: "Passport No.", "SSN", "acct no", "Driver's license #", "Tax ID:", "Steuer-ID", "BSN",
// "PESEL", "паспорт", "身份证". After such
// a word (the same short words between, and "ID" and "security" too; "tax", "national",
// "social", "card" name one only with such a word after them: "Tax ID", "Social Security
// number", "ID card no." do, "Tax 12345.00" and "Order ID 48213377" do not), capitals and
// digits with 5 digits or more, in groups one space or . - /
// apart, each group with a digit, are an identity number: "⟨ID⟩", the words
// kept. A date is not. A value as a person types it, one to three letters with one in lower
// case then digits ("passport: l898902c3"), is read as one word, its first run of number
// characters holding 5 digits or more (where the candidate pass finds it).

enum class Named { nothing, phone, id };

// What the words before text[at] name, where text[at] begins a number — a digit with no digit
// or digit-joining . - / before it, or a capital at a word's edge (for an identity number) —:
// a phone ("call me at 4155550123"), an identity number ("Passport No. L898902C3"), or
// nothing. A digit glued to a word of three letters or more is named by that word
// ("tel4155550123", "SSN123456789"). Reads at most four words (of 32 bytes) before `at`.
Named named_before(std::string_view text, std::size_t at);

// Whether a field's name has a word that names a phone ("Phone", "Mobile number", "Tel.",
// "WhatsApp", "携帯電話") or an identity number ("Passport number", "SSN", "Tax ID"): its value is
// read as written after the name (Redactor).
bool name_says_number(std::string_view name);

// The candidate pass's part: in the run of number characters text[begin, end) holding `digits`
// digits, a labelled_phone candidate from the first number the words before name a phone on,
// and a labelled_id one from the first they name an identity number.
void add_labelled_numbers(std::string_view text, std::size_t begin, std::size_t end, std::size_t digits,
                          std::vector<Candidate>& out);

// The scanners (Rule::scan): each number in text[begin, end) that the words before name a
// phone; an identity number.
void scan_labelled_phones(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                          std::vector<Finding>& out);
void scan_labelled_ids(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                       std::vector<Finding>& out);

}  // namespace semtrace::privacy::detail
