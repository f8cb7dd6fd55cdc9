// detectors_builtin.hpp — the table of built-in detectors (internal to detectors.cpp and its tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/detectors.hpp"

#include <re2/re2.h>

namespace semtrace::privacy::detail {

struct Rule {
    std::string name;
    std::string placeholder;  // "⟨EMAIL⟩"
    std::string pattern;      // RE2; empty for a hand-written scanner
    std::shared_ptr<re2::RE2> re;
    // Confirms a pattern's candidate [begin, end); may shorten it by lowering `end`.
    bool (*check)(std::string_view text, std::size_t begin, std::size_t& end) = nullptr;
    // A scanner appends its own findings (for what a pattern cannot say, such as entropy).
    void (*scan)(std::string_view text, std::uint16_t index, std::vector<Finding>& out) = nullptr;
};

// How every detector pattern is compiled: quiet, with a memory cap per automaton.
RE2::Options pattern_options();

// In policy order: "email", "phone", ..., "token" (builtin_detector_names()). Compiled once
// per process: every Recorder::start shares them instead of compiling them again.
const std::vector<Rule>& builtin_rules();

}  // namespace semtrace::privacy::detail
