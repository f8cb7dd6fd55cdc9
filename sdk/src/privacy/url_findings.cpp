// url_findings.cpp — the detectors' findings in a URL, or in a text holding URLs: their percent-encoded parts read decoded, each alone.
#include <algorithm>
#include <cstring>
#include <utility>

#include "privacy/char_classes.hpp"
#include "privacy/percent_decoded.hpp"
#include "privacy/url_findings.hpp"

namespace semtrace::privacy {

namespace {

using Span = std::pair<std::size_t, std::size_t>;

// The findings of each part of the URL text[begin, end) that holds an escape, read decoded,
// appended to `from_parts`; those parts to `decoded_parts`, where the caller asks for them.
void read_decoded_parts(const Detectors& detectors, std::string_view text, std::size_t begin, std::size_t end,
                        std::vector<Finding>& from_parts, std::vector<Span>* decoded_parts = nullptr) {
    thread_local std::vector<Finding> in_part;
    thread_local detail::PercentDecoded decoded;
    const std::size_t query = text.substr(begin, end - begin).find('?');
    for (std::size_t part = begin, i = begin; i <= end; ++i) {
        if (i < end && std::string_view("/?&=#").find(text[i]) == std::string_view::npos) continue;
        detail::percent_decode(text.substr(part, i - part), query != std::string_view::npos && part > begin + query, decoded);
        if (decoded.changed) {
            if (decoded_parts) decoded_parts->emplace_back(part, i);
            detectors.find(decoded.text, in_part);
            for (const Finding& f : in_part) from_parts.push_back({part + decoded.from[f.begin], part + decoded.from[f.end], f.detector});
        }
        part = i + 1;
    }
}

// `found` (the text as written) less what reaches into a decoded part, with the parts' own.
void join(std::vector<Finding>& found, const std::vector<Finding>& from_parts, const std::vector<Span>& decoded_parts) {
    auto in_decoded_part = [&](const Finding& f) {
        return std::any_of(decoded_parts.begin(), decoded_parts.end(), [&](Span p) { return f.begin < p.second && p.first < f.end; });
    };
    found.erase(std::remove_if(found.begin(), found.end(), in_decoded_part), found.end());
    found.insert(found.end(), from_parts.begin(), from_parts.end());
    resolve_overlaps(found);
}

}  // namespace

void find_in_url(const Detectors& detectors, std::string_view url, std::vector<Finding>& found) {
    thread_local std::vector<Finding> from_parts;
    thread_local std::vector<Span> decoded_parts;
    from_parts.clear();
    decoded_parts.clear();
    read_decoded_parts(detectors, url, 0, url.size(), from_parts, &decoded_parts);
    detectors.find(url, found);
    join(found, from_parts, decoded_parts);
}

void find_with_urls(const Detectors& detectors, std::string_view text, std::vector<Finding>& found) {
    detectors.find(text, found);
    if (text.empty() || std::memchr(text.data(), '%', text.size()) == nullptr) return;  // most texts
    thread_local std::vector<Finding> from_parts;
    thread_local std::vector<Span> decoded_parts;
    from_parts.clear();
    decoded_parts.clear();
    auto scheme_char = [](char c) { return detail::is_alnum(c) || c == '+' || c == '.' || c == '-'; };
    for (std::size_t at = text.find("://"); at != std::string_view::npos; at = text.find("://", at)) {
        std::size_t begin = at, end = at + 3;
        while (begin > 0 && scheme_char(text[begin - 1])) --begin;
        while (end < text.size() && !detail::is_space(text[end])) ++end;
        read_decoded_parts(detectors, text, begin, end, from_parts, &decoded_parts);
        at = end;
    }
    if (!decoded_parts.empty()) join(found, from_parts, decoded_parts);
    // A URL's path or a form's body written without a scheme, as logs and copied requests hold
    // them ("GET /u/ann%40example.com", "card=4111%201111%201111%201111&exp=12%2F27"): each other
    // word with an escape is read as a URL's parts are, each alone, besides as written (unlike a
    // URL's: a word may be no URL's, and "pass=hunter%21" is a labelled secret only whole).
    const std::size_t as_written = found.size();
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && detail::is_space(text[i])) ++i;
        const std::size_t begin = i;
        bool escaped = false;
        for (; i < text.size() && !detail::is_space(text[i]); ++i)
            escaped |= text[i] == '%' && i + 2 < text.size() && detail::is_hex_digit(text[i + 1]) && detail::is_hex_digit(text[i + 2]);
        if (escaped && text.substr(begin, i - begin).find("://") == std::string_view::npos)  // (a URL's: read above)
            read_decoded_parts(detectors, text, begin, i, found);
    }
    if (found.size() > as_written) resolve_overlaps(found);
}

}  // namespace semtrace::privacy
