// percent_decoded.hpp — a part of a URL as the detectors read it: %XX decoded, a query's '+' a space, and where each byte of it came from.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace semtrace::privacy::detail {

// Why: what a person typed reaches a URL encoded ("/u/john.doe%40example.com",
// "?q=4111%201111%201111%201111", "?q=call+me+at+4155550123"), and the detectors read '@', spaces
// and the words before a number. A finding in the decoded text replaces the encoded characters it
// came from: from[i] is where decoded byte i began in the part, from[size] the part's end.
struct PercentDecoded {
    std::string text;
    std::vector<std::size_t> from;
    bool changed = false;  // the URL held an escape, or a '+' after its '?'
};

inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
    return -1;
}

// `part` decoded; '+' reads as a space where `plus_is_space` (a query's, form-encoded).
inline void percent_decode(std::string_view part, bool plus_is_space, PercentDecoded& out) {
    out.text.clear();
    out.from.clear();
    out.changed = false;
    for (std::size_t i = 0; i < part.size();) {
        out.from.push_back(i);
        int high = i + 2 < part.size() && part[i] == '%' ? hex_value(part[i + 1]) : -1;
        int low = high >= 0 ? hex_value(part[i + 2]) : -1;
        if (low >= 0) {
            out.text += static_cast<char>(high * 16 + low);
            i += 3;
            out.changed = true;
        } else if (part[i] == '+' && plus_is_space) {
            out.text += ' ';
            ++i;
            out.changed = true;
        } else {
            out.text += part[i++];
        }
    }
    out.from.push_back(part.size());
}

}  // namespace semtrace::privacy::detail
