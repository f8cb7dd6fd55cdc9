// detectors.cpp — the built-in detectors (RE2 patterns confirmed by checksums and parsers) and the policy's rules.
#include <algorithm>

#include <re2/re2.h>
#include <re2/set.h>

#include "privacy/detectors.hpp"
#include "privacy/detectors_builtin.hpp"

namespace semtrace::privacy {

struct Detectors::Table {
    std::vector<detail::Rule> rules;
    std::unique_ptr<RE2::Set> prefilter;  // one DFA pass says which pattern rules can match at all
    std::vector<std::size_t> set_to_rule;
};

namespace {

// Runs one pattern rule over the text; a candidate its check rejects is skipped whole, so
// a hostile string costs one pass per rule, never one per starting position.
void run_pattern(const detail::Rule& rule, std::uint16_t index, std::string_view text, std::vector<Finding>& out) {
    std::size_t pos = 0;
    re2::StringPiece match;
    while (pos < text.size() &&
           rule.re->Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED, &match, 1)) {
        auto begin = static_cast<std::size_t>(match.data() - text.data());
        std::size_t end = begin + match.size();
        if (end == begin) {
            pos = begin + 1;
            continue;
        }
        std::size_t accepted = end;
        if (!rule.check || rule.check(text, begin, accepted)) out.push_back({begin, accepted, index});
        pos = end;
    }
}

// Keeps sorted, non-overlapping findings; of two that overlap the longer stays.
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
            if (found[i].end - found[i].begin > last.end - last.begin) last = found[i];
            else last.end = std::max(last.end, found[i].end);
            continue;
        }
        found[kept++] = found[i];
    }
    found.resize(kept);
}

bool disabled(const Policy& policy, std::string_view name) {
    return std::find(policy.disabled_detectors.begin(), policy.disabled_detectors.end(), name) !=
           policy.disabled_detectors.end();
}

}  // namespace

Result<Detectors> Detectors::create(const Policy& policy) {
    auto table = std::make_unique<Table>();
    for (const detail::Rule& rule : detail::builtin_rules())
        if (!disabled(policy, rule.name)) table->rules.push_back(rule);
    for (const CustomRule& custom : policy.custom_rules) {
        detail::Rule rule;
        rule.name = custom.name;
        rule.placeholder = "\u27e8" + custom.placeholder + "\u27e9";
        rule.pattern = custom.pattern;
        table->rules.push_back(std::move(rule));
    }
    table->prefilter = std::make_unique<RE2::Set>(detail::pattern_options(), RE2::UNANCHORED);
    for (std::size_t i = 0; i < table->rules.size(); ++i) {
        detail::Rule& rule = table->rules[i];
        if (rule.pattern.empty()) continue;  // a hand-written scanner
        if (!rule.re) rule.re = std::make_shared<RE2>(rule.pattern, detail::pattern_options());
        if (!rule.re->ok()) return Error{"detector " + rule.name + ": invalid pattern: " + rule.re->error()};
        std::string error;
        if (table->prefilter->Add(rule.pattern, &error) < 0)
            return Error{"detector " + rule.name + ": invalid pattern: " + error};
        table->set_to_rule.push_back(i);
    }
    if (!table->prefilter->Compile()) return Error{"detectors: the patterns need more memory than allowed"};
    return Detectors(std::move(table));
}

Detectors::Detectors(std::unique_ptr<Table> table) : table_(std::move(table)) {}
Detectors::Detectors(Detectors&&) noexcept = default;
Detectors& Detectors::operator=(Detectors&&) noexcept = default;
Detectors::~Detectors() = default;

void Detectors::find(std::string_view text, std::vector<Finding>& out) const {
    out.clear();
    if (text.empty()) return;
    thread_local std::vector<int> hits;
    hits.clear();
    RE2::Set::ErrorInfo error{};
    if (!table_->prefilter->Match(re2::StringPiece(text.data(), text.size()), &hits, &error) &&
        error.kind != RE2::Set::kNoError) {
        // The prefilter's DFA ran out of memory on this text: run every pattern instead.
        hits.clear();
        for (std::size_t i = 0; i < table_->set_to_rule.size(); ++i) hits.push_back(static_cast<int>(i));
    }
    for (std::size_t i = 0; i < table_->rules.size(); ++i) {
        const detail::Rule& rule = table_->rules[i];
        auto index = static_cast<std::uint16_t>(i);
        if (rule.scan) rule.scan(text, index, out);
    }
    for (int hit : hits) {
        std::size_t i = table_->set_to_rule[static_cast<std::size_t>(hit)];
        run_pattern(table_->rules[i], static_cast<std::uint16_t>(i), text, out);
    }
    resolve_overlaps(out);
}

std::size_t Detectors::redact(std::string_view text, std::string& out, std::vector<Finding>& scratch) const {
    find(text, scratch);
    out.clear();
    std::size_t at = 0;
    for (const Finding& f : scratch) {
        out.append(text.substr(at, f.begin - at));
        out.append(placeholder(f));
        at = f.end;
    }
    out.append(text.substr(at));
    return scratch.size();
}

std::string_view Detectors::name(const Finding& f) const { return table_->rules[f.detector].name; }
std::string_view Detectors::placeholder(const Finding& f) const { return table_->rules[f.detector].placeholder; }

}  // namespace semtrace::privacy
