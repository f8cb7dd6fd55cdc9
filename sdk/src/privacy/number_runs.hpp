// number_runs.hpp — what a run of number characters holds, in the terms of the phone, card, SSN, IPv4 and national id detectors, and where an IBAN can end: the candidate pass's closer looks (candidates.hpp says why there is such a pass).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "privacy/candidates.hpp"

namespace semtrace::privacy::detail {

// Appends a candidate for each of those detectors whose pattern and check the run text[b, e)
// can satisfy: its groups of digits read one at a time, in order.
void add_number_run(std::string_view text, std::size_t b, std::size_t e, std::vector<Candidate>& out);

// An IBAN check_iban would take from `j` (two letters and two digits there, a \b before): letters
// and digits in either case, up to three spaces or a dash between, 15-34 of them up to a place a
// match can end, valid mod 97. Returns where the letters and digits from `j` end (the span the
// pattern's match lies in), or npos when no IBAN is there. At most 34 steps: linear time.
std::size_t iban_from(std::string_view text, std::size_t j);

}  // namespace semtrace::privacy::detail
