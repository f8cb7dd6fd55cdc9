// labelled_phones.hpp — phone numbers that the words before them name: "call me at 4155550123", "WhatsApp: 612 345 678", "手机号码：…".
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

// Whether text[at] (a digit) begins a number — no digit or digit-joining . - / before it — and
// the words before it name a phone ("call me at 4155550123"), or the word it is glued to does
// ("tel4155550123"). Reads at most four words (of 32 bytes) before `at`.
bool phone_named_before(std::string_view text, std::size_t at);

// Whether a field's name has a word that names a phone ("Phone", "Mobile number", "Tel.",
// "WhatsApp", "携帯電話"): its value is read as written after the name (Redactor).
bool name_says_phone(std::string_view name);

// The candidate pass's part: in the run of number characters text[begin, end) holding `digits`
// digits, a candidate from the first number the words before name a phone on.
void add_labelled_phone(std::string_view text, std::size_t begin, std::size_t end, std::size_t digits,
                        std::vector<Candidate>& out);

// The scanner (Rule::scan): each number in text[begin, end) that the words before name a phone.
void scan_labelled_phones(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                          std::vector<Finding>& out);

}  // namespace semtrace::privacy::detail
