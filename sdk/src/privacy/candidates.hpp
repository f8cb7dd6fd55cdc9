// candidates.hpp — one pass over a text that says where each built-in detector can find anything: the only spans it then reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "privacy/plain_spaces.hpp"

namespace semtrace::privacy::detail {

// The built-in detectors, in policy order (builtin_detector_names(), builtin_rules()).
enum class Builtin : std::uint16_t {
    email, phone, card, iban, ssn, ipv4, ipv6, jwt, private_key, cloud_key, source_token, chat_token, password, token,
    labelled_secret, labelled_phone, national_id, labelled_id,
};
inline constexpr std::size_t builtin_count = 18;

// A span of the text that holds every finding a detector can make in it, and no part of one
// that does not end in it: the detector runs over the span instead of the whole text.
struct Candidate {
    Builtin detector;
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Why this is worth a pass: a regular expression costs a pass of its automaton over whatever it
// is given (about 2.5 ns a byte here), and most of a text can hold nothing a detector finds.
// Each detector's matches lie in runs of its own alphabet (numbers in runs of digits, capitals,
// spaces and + . - / ( ) _; IBANs from two letters and two digits at a word's edge on; tokens,
// keys and addresses in words; e-mail addresses around an '@'; a labelled secret after a ':',
// '=' or copula with a label before it, labelled_secrets.hpp; a phone number after words that
// name a phone or an identity number, labelled_numbers.hpp),
// and a run that lacks what its pattern and check need at the least (digits, a separator
// structure, a length, a literal such as "eyJ") is left out. Necessary conditions only, never a
// guess: the detectors find in the spans exactly what they would find in the whole text, once
// findings that overlap are joined as Detectors::find joins them
// (tests/privacy/test_candidates.cpp checks it over the corpora and random strings; `make fuzz`
// over any text).
//
// Appends candidates in text order per detector; two of one detector never overlap. `out` is
// cleared first. Returns whether the text holds a character the detectors read as ASCII
// (ascii_fold.hpp: full-width forms, Arabic-script digits), in which case they read the text
// folded instead: the pass reads every byte anyway, and says so for a few compares per 16 bytes.
bool find_candidates(std::string_view text, std::vector<Candidate>& out);
// ... with the caller's NumberText for `text` (plain_spaces.hpp), which the number rules then
// read (Detectors::find).
bool find_candidates(std::string_view text, NumberText& numbers, std::vector<Candidate>& out);

// A block of text as bits, bit j for byte j: blanks (blank_class), characters that make a word
// worth a closer look (closer_class), '-', and the lead bytes of characters that fold to ASCII
// (fold_lead). The bytes from `size` on must be blanks (a short
// last block is padded with them): only the 16-byte lanes holding bytes before `size` are read.
// Exposed for tests; SSE2 where there is SSE2.
inline constexpr std::size_t block_bytes = 64;
struct BlockMasks {
    std::uint64_t blank = 0;
    std::uint64_t closer = 0;
    std::uint64_t dash = 0;
    std::uint64_t fold = 0;
};
BlockMasks block_masks(const unsigned char* block, std::size_t size);

}  // namespace semtrace::privacy::detail
