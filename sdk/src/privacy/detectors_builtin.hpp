// detectors_builtin.hpp — the table of built-in detectors (internal to detectors.cpp and its tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/detectors.hpp"
#include "privacy/text_shape.hpp"

#include <re2/re2.h>
#include <re2/set.h>

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
    // False when the rule cannot find anything in a text of this shape: a necessary condition
    // of the pattern and its check, never a guess. Null (custom rules): always run.
    bool (*possible)(const TextShape& shape) = nullptr;
};

// Runs one rule over the text, ignoring `possible`; appends what it finds.
void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, std::vector<Finding>& out);

// How every detector pattern is compiled: quiet, with a memory cap per automaton.
RE2::Options pattern_options();

// In policy order: "email", "phone", ..., "token" (builtin_detector_names()). Compiled once
// per process: every Recorder::start shares them instead of compiling them again.
const std::vector<Rule>& builtin_rules();

// Every built-in pattern in one RE2::Set: one DFA pass over a text says which of them match
// at all, where running each rule whose shape allows it would cost a pass per rule.
struct PatternSet {
    std::unique_ptr<RE2::Set> set;
    std::vector<std::size_t> rule_of;  // set index -> index in builtin_rules()
};
const PatternSet& builtin_pattern_set();

}  // namespace semtrace::privacy::detail
