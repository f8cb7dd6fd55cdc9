// detectors.cpp — runs the built-in detectors over their candidate spans and the policy's rules over the text; resolves overlaps.
#include <algorithm>

#include <re2/re2.h>
#include <re2/set.h>

#include "privacy/detectors.hpp"
#include "privacy/ascii_fold.hpp"
#include "privacy/candidates.hpp"
#include "privacy/detectors_builtin.hpp"

namespace semtrace::privacy {

struct Detectors::Table {
    std::vector<detail::Rule> rules;
    std::size_t first_custom = 0;         // rules[first_custom...] come from the policy
    std::vector<int> from_builtin;        // builtin_rules() index -> index in rules, -1 if disabled
    std::unique_ptr<RE2::Set> prefilter;  // one DFA pass says which custom rules can match at all
    std::vector<std::size_t> set_to_rule;
};

namespace {

bool disabled(const Policy& policy, std::string_view name) {
    return std::find(policy.disabled_detectors.begin(), policy.disabled_detectors.end(), name) !=
           policy.disabled_detectors.end();
}

}  // namespace

// Keeps sorted, non-overlapping findings: two that overlap become one over both, named by the
// longer. (Keeping the longer alone left the other's first part in the text: an SSN's "020-73-"
// where a card number began inside it.)
void resolve_overlaps(std::vector<Finding>& found) {
    // On equal spans the specific detector (lower index: "source_token") beats the generic one ("token").
    std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        if (a.end != b.end) return a.end > b.end;
        return a.detector < b.detector;
    });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (kept > 0 && found[i].begin < found[kept - 1].end) {
            Finding& last = found[kept - 1];
            const std::size_t begin = last.begin, end = std::max(last.end, found[i].end);  // sorted: last begins first
            if (found[i].end - found[i].begin > last.end - last.begin) last.detector = found[i].detector;
            last.begin = begin;
            last.end = end;
            continue;
        }
        found[kept++] = found[i];
    }
    found.resize(kept);
}

Result<Detectors> Detectors::create(const Policy& policy) {
    auto table = std::make_unique<Table>();
    for (const detail::Rule& rule : detail::builtin_rules()) {
        bool on = !disabled(policy, rule.name);
        table->from_builtin.push_back(on ? static_cast<int>(table->rules.size()) : -1);
        if (on) table->rules.push_back(rule);
    }
    table->first_custom = table->rules.size();
    for (const CustomRule& custom : policy.custom_rules) {
        detail::Rule rule;
        rule.name = custom.name;
        rule.placeholder = "\u27e8" + custom.placeholder + "\u27e9";
        rule.pattern = custom.pattern;
        table->rules.push_back(std::move(rule));
    }
    table->prefilter = std::make_unique<RE2::Set>(detail::pattern_options(), RE2::UNANCHORED);
    for (std::size_t i = table->first_custom; i < table->rules.size(); ++i) {
        detail::Rule& rule = table->rules[i];
        rule.re = std::make_shared<RE2>(rule.pattern, detail::pattern_options());
        if (!rule.re->ok()) return Error{"detector " + rule.name + ": invalid pattern: " + rule.re->error()};
        std::string error;
        if (table->prefilter->Add(rule.pattern, &error) < 0)
            return Error{"detector " + rule.name + ": invalid pattern: " + error};
        table->set_to_rule.push_back(i);
    }
    if (!table->set_to_rule.empty() && !table->prefilter->Compile())
        return Error{"detectors: the policy's rules need more memory than allowed"};
    return Detectors(std::move(table));
}

Detectors::Detectors(std::unique_ptr<Table> table) : table_(std::move(table)) {}
Detectors::Detectors(Detectors&&) noexcept = default;
Detectors& Detectors::operator=(Detectors&&) noexcept = default;
Detectors::~Detectors() = default;

// Inlined: it runs for every text, twice for the few that fold.
[[gnu::always_inline]] inline bool Detectors::find_builtin(std::string_view text, std::vector<Finding>& out) const {
    thread_local detail::NumberText numbers;  // the text as the number rules read it, made once if asked for
    numbers.reset(text);
    thread_local std::vector<detail::Candidate> candidates;
    if (detail::find_candidates(text, numbers, candidates)) return true;  // read again, folded
    for (const detail::Candidate& c : candidates) {
        int i = table_->from_builtin[static_cast<std::size_t>(c.detector)];
        if (i < 0) continue;
        detail::run_rule(table_->rules[static_cast<std::size_t>(i)], static_cast<std::uint16_t>(i), text, numbers, c.begin,
                         c.end, out);
    }
    return false;
}

// Built-in rules run only over their candidate spans (one pass finds them); the policy's rules,
// whose needs we cannot know, over the whole text behind one RE2::Set pass. A text typed in
// full-width forms or with Arabic-script digits (the candidate pass says so) is read again
// folded to ASCII (ascii_fold.hpp), by the policy's rules as written too.
void Detectors::find(std::string_view text, std::vector<Finding>& out) const {
    out.clear();
    if (text.empty()) return;
    if (find_builtin(text, out)) {
        thread_local detail::FoldedText folded;  // (here: most texts never touch it)
        folded.reset(text);
        out.clear();
        find_builtin(folded.text(), out);
        find_custom(folded.text(), out);
        resolve_overlaps(out);  // in the folded text, so that the longer is named as in its ASCII
        for (Finding& f : out) f.begin = folded.original(f.begin), f.end = folded.original(f.end);
    }
    find_custom(text, out);
    resolve_overlaps(out);
}

void Detectors::find_custom(std::string_view text, std::vector<Finding>& out) const {
    if (table_->set_to_rule.empty()) return;
    thread_local std::vector<int> hits;
    hits.clear();
    RE2::Set::ErrorInfo error{};
    if (!table_->prefilter->Match(re2::StringPiece(text.data(), text.size()), &hits, &error) &&
        error.kind != RE2::Set::kNoError) {
        // The prefilter's DFA ran out of memory on this text: run every custom rule instead.
        hits.clear();
        for (std::size_t i = 0; i < table_->set_to_rule.size(); ++i) hits.push_back(static_cast<int>(i));
    }
    for (int hit : hits) {
        std::size_t i = table_->set_to_rule[static_cast<std::size_t>(hit)];
        detail::run_rule(table_->rules[i], static_cast<std::uint16_t>(i), text, out);
    }
}

std::size_t Detectors::redact(std::string_view text, std::string& out, std::vector<Finding>& scratch) const {
    find(text, scratch);
    return replace(text, 0, scratch, out);
}

std::size_t Detectors::replace(std::string_view text, std::size_t from, const std::vector<Finding>& found,
                               std::string& out) const {
    out.clear();
    std::size_t at = from, replaced = 0;
    for (const Finding& f : found) {
        if (f.end <= from) continue;  // in the words before alone
        out.append(text.substr(at, f.begin > at ? f.begin - at : 0));
        out.append(placeholder(f));
        at = f.end;
        ++replaced;
    }
    out.append(text.substr(at));
    return replaced;
}

std::string_view Detectors::name(const Finding& f) const { return table_->rules[f.detector].name; }
std::string_view Detectors::placeholder(const Finding& f) const { return table_->rules[f.detector].placeholder; }

}  // namespace semtrace::privacy
