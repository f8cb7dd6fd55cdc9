// url_findings.hpp — the detectors' findings in a URL, or in a text holding URLs, their percent-encoded parts read decoded: for the redactor and `semtrace scan`.
#pragma once

#include <string_view>
#include <vector>

#include "privacy/detectors.hpp"

namespace semtrace::privacy {

// The findings in `url`: each part between its delimiters (/ ? & = #) that holds an escape is
// read decoded (percent_decoded.hpp), alone, as its own delimiters end it — what was typed into
// a page reaches its URL percent-encoded, a query's spaces as '+' ("/find/4111%201111%201111%201111",
// "?q=call+me+at+4155550123"), and a '?' typed into a password ("%3Fhorse527") is the password's;
// the rest as written, less what reaches into a decoded part (as written, such a part read as a
// password whole: letters, digits and a '%'). Sorted and joined where they overlap, as
// Detectors::find returns them.
void find_in_url(const Detectors& detectors, std::string_view url, std::vector<Finding>& found);
// The findings in any text: each URL in it (a scheme and "://" up to the next blank) read as
// find_in_url reads one; the rest as written (Detectors::find), and each other word with an
// escape (a path or a form's body written without a scheme: "card=4111%201111%201111%201111")
// also as a URL's parts are read.
void find_with_urls(const Detectors& detectors, std::string_view text, std::vector<Finding>& found);

}  // namespace semtrace::privacy
