// detectors_builtin.hpp — the table of built-in detectors (internal to detectors.cpp and its tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/detectors.hpp"
#include "privacy/candidates.hpp"
#include "privacy/char_classes.hpp"

#include <re2/re2.h>
#include <re2/set.h>

namespace semtrace::privacy::detail {

struct Rule {
    std::string name;
    std::string placeholder;  // "⟨EMAIL⟩"
    std::string pattern;      // RE2; empty for a hand-written scanner
    std::shared_ptr<re2::RE2> re;
    // Confirms a pattern's candidate [begin, end); may shorten it by lowering `end` or raising
    // `begin`.
    bool (*check)(std::string_view text, std::size_t& begin, std::size_t& end) = nullptr;
    // The search goes on from inside each match instead of after it: a number before a secret
    // can lead the pattern's longest match into it (run_rule). Only for patterns whose matches
    // are bounded in length: card, phone, IBAN, national_id.
    bool look_inside = false;
    // '_', Unicode's non-breaking and thin spaces, dashes and invisible characters read as plain
    // spaces (plain_spaces.hpp): numbers glued to underscores ("_4111 1111 1111 1111_" in
    // Markdown, "order_4111…") are numbers still, where \b took '_' for part of a word, and so
    // are numbers whose groups a web page or a French locale keeps together, or a word processor
    // joins with en dashes. For the rules of number runs: phone, card, IBAN, SSN, IPv4, labelled_phone.
    bool plain_spaces = false;
    // A scanner appends its own findings in text[begin, end) (for what a pattern cannot say,
    // such as entropy).
    void (*scan)(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                 std::vector<Finding>& out) = nullptr;
};

// Runs one rule over text[begin, end) (a pattern reads the text around it for its \b); appends
// what it finds. A rule that reads spaces plain reads the text as a NumberText gives it.
void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, std::size_t begin, std::size_t end,
              std::vector<Finding>& out);
// ... where the caller holds the text's NumberText (made once per text, for every rule and the
// candidate pass: Detectors::find).
void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, NumberText& numbers, std::size_t begin,
              std::size_t end, std::vector<Finding>& out);
// ... and over the whole text.
void run_rule(const Rule& rule, std::uint16_t index, std::string_view text, std::vector<Finding>& out);

// How every detector pattern is compiled: quiet, with a memory cap per automaton.
RE2::Options pattern_options();

// In policy order: "email", "phone", ..., "token" (builtin_detector_names(), Builtin). Compiled
// once per process: every Recorder::start shares them instead of compiling them again.
const std::vector<Rule>& builtin_rules();

}  // namespace semtrace::privacy::detail
