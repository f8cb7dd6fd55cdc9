// fuzz_detector_candidates.cpp — libFuzzer target: any text; each built-in detector must find in its candidate spans exactly what it finds in the whole text (overlaps joined), and text typed in full-width forms or other scripts' digits as much as its ASCII.
// The test corpora's typings (full_width, native_digits); outside a test their checks compile to nothing.
#define DOCTEST_CONFIG_DISABLE
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/ascii_fold.hpp"
#include "privacy/candidates.hpp"
#include "privacy/detectors_builtin.hpp"
#include "support/corpora.hpp"

using namespace semtrace::privacy;

namespace {

void same_in_candidates(std::string_view text) {
    std::vector<detail::Candidate> candidates;
    detail::find_candidates(text, candidates);
    const auto& rules = detail::builtin_rules();
    for (std::size_t r = 0; r < rules.size(); ++r) {
        auto index = static_cast<std::uint16_t>(r);
        std::vector<Finding> whole, spans;
        detail::run_rule(rules[r], index, text, whole);
        for (const detail::Candidate& c : candidates)
            if (static_cast<std::size_t>(c.detector) == r) detail::run_rule(rules[r], index, text, c.begin, c.end, spans);
        // Overlaps joined as Detectors::find joins them (test_candidates.cpp's same_findings says why).
        resolve_overlaps(whole);
        resolve_overlaps(spans);
        if (whole.size() != spans.size()) __builtin_trap();  // a candidate span left out, or one too many
        for (std::size_t i = 0; i < whole.size(); ++i)
            if (whole[i].begin != spans[i].begin || whole[i].end != spans[i].end) __builtin_trap();
    }
}

// A printable-ASCII text finds the same, at the same characters, typed either way.
void same_when_typed_wide(std::string_view text) {
    for (char c : text)
        if (c < ' ' || c > '~') return;
    static const Detectors detectors = std::move(Detectors::create(default_policy()).value());
    std::vector<Finding> ascii, typed;
    detectors.find(text, ascii);
    for (char32_t digit_zero : {0x0000, 0x0660, 0x0966, 0x0E50, 0x1040}) {  // full width; Arabic, Devanagari, Thai, Myanmar digits
        const std::string wide =
            digit_zero ? semtrace::testing::native_digits(text, digit_zero) : semtrace::testing::full_width(text);
        detectors.find(wide, typed);
        if (typed.size() != ascii.size()) __builtin_trap();
        detail::FoldedText folded;  // the typed text folded back: the ASCII text, byte for byte
        folded.reset(wide);
        if (folded.text() != text) __builtin_trap();
        auto folded_at = [&](std::size_t original) {
            for (std::size_t at = 0; at <= text.size(); ++at)
                if (folded.original(at) == original) return at;
            return std::string_view::npos;  // inside a character: never
        };
        for (std::size_t k = 0; k < typed.size(); ++k)
            if (typed[k].detector != ascii[k].detector || folded_at(typed[k].begin) != ascii[k].begin ||
                folded_at(typed[k].end) != ascii[k].end)
                __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    same_in_candidates(text);
    same_when_typed_wide(text);
    return 0;
}
