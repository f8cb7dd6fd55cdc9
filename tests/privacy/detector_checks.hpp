// detector_checks.hpp — what the detector suites share: the built-in detectors, the names of what they find, a text as they redact it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/detectors.hpp"

namespace semtrace::testing {

inline const privacy::Detectors& builtin() {
    static const privacy::Detectors d = std::move(privacy::Detectors::create(privacy::default_policy()).value());
    return d;
}

// The names of what the detectors found in `text`, in order.
inline std::vector<std::string> found(std::string_view text, const privacy::Detectors& d = builtin()) {
    std::vector<privacy::Finding> f;
    d.find(text, f);
    std::vector<std::string> names;
    for (const privacy::Finding& x : f) names.emplace_back(d.name(x));
    return names;
}

inline std::string redacted(std::string_view text, const privacy::Detectors& d = builtin()) {
    std::string out;
    std::vector<privacy::Finding> scratch;
    d.redact(text, out, scratch);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace semtrace::testing
