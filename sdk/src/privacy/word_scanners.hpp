// word_scanners.hpp — the detectors no pattern can say: passwords (a policy's rules for one) and generic tokens (entropy), each a Rule::scan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "privacy/detectors.hpp"

namespace semtrace::privacy::detail {

// Words of text[begin, end) a password policy would accept (8-64 characters with letters,
// digits and a symbol, not a version, URL or formula), and the segments of a URL's path or
// query that would; appended to `out` with `index`.
void scan_passwords(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                    std::vector<Finding>& out);

// Runs of 20 or more base64, hex or URL-safe characters with the entropy of random bytes.
void scan_tokens(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                 std::vector<Finding>& out);

}  // namespace semtrace::privacy::detail
