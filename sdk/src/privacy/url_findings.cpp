// url_findings.cpp — the detectors' findings in a URL: its percent-encoded parts read decoded, each alone.
#include <algorithm>
#include <utility>

#include "privacy/percent_decoded.hpp"
#include "privacy/url_findings.hpp"

namespace semtrace::privacy {

void find_in_url(const Detectors& detectors, std::string_view url, std::vector<Finding>& found) {
    thread_local std::vector<Finding> in_part, from_parts;
    thread_local std::vector<std::pair<std::size_t, std::size_t>> decoded_parts;
    thread_local detail::PercentDecoded decoded;
    decoded_parts.clear();
    from_parts.clear();
    const std::size_t query = url.find('?');
    for (std::size_t part = 0, i = 0; i <= url.size(); ++i) {
        if (i < url.size() && std::string_view("/?&=#").find(url[i]) == std::string_view::npos) continue;
        detail::percent_decode(url.substr(part, i - part), query != std::string_view::npos && part > query, decoded);
        if (decoded.changed) {
            decoded_parts.emplace_back(part, i);
            detectors.find(decoded.text, in_part);
            for (const Finding& f : in_part) from_parts.push_back({part + decoded.from[f.begin], part + decoded.from[f.end], f.detector});
        }
        part = i + 1;
    }
    detectors.find(url, found);
    auto in_decoded_part = [&](const Finding& f) {
        return std::any_of(decoded_parts.begin(), decoded_parts.end(), [&](auto p) { return f.begin < p.second && p.first < f.end; });
    };
    found.erase(std::remove_if(found.begin(), found.end(), in_decoded_part), found.end());
    found.insert(found.end(), from_parts.begin(), from_parts.end());
    resolve_overlaps(found);
}

}  // namespace semtrace::privacy
