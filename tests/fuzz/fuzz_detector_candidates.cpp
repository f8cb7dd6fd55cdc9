// fuzz_detector_candidates.cpp — libFuzzer target: any text; each built-in detector must find in its candidate spans exactly what it finds in the whole text.
#include <cstdint>
#include <string_view>
#include <vector>

#include "privacy/candidates.hpp"
#include "privacy/detectors_builtin.hpp"

using namespace semtrace::privacy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<detail::Candidate> candidates;
    detail::find_candidates(text, candidates);
    const auto& rules = detail::builtin_rules();
    for (std::size_t r = 0; r < rules.size(); ++r) {
        auto index = static_cast<std::uint16_t>(r);
        std::vector<Finding> whole, spans;
        detail::run_rule(rules[r], index, text, whole);
        for (const detail::Candidate& c : candidates)
            if (static_cast<std::size_t>(c.detector) == r) detail::run_rule(rules[r], index, text, c.begin, c.end, spans);
        if (whole.size() != spans.size()) __builtin_trap();  // a candidate span left out, or one too many
        for (std::size_t i = 0; i < whole.size(); ++i)
            if (whole[i].begin != spans[i].begin || whole[i].end != spans[i].end) __builtin_trap();
    }
    return 0;
}
