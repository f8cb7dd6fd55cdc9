// redactor.cpp — the policy applied: block lists, secret fields, capture modes, URL rules and detectors.
#include <algorithm>
#include <unordered_map>
#include <utility>

#include <re2/re2.h>
#include <re2/set.h>

#include "privacy/redactor.hpp"
#include "privacy/ascii_fold.hpp"
#include "privacy/labelled_numbers.hpp"
#include "privacy/url_findings.hpp"

namespace semtrace::privacy {

// Named (not anonymous) because Redactor::Compiled holds GlobSets.
namespace detail {

// Globs become anchored RE2 patterns: `**` crosses steps, `*` and `?` stay within one.
std::string glob_to_re2(std::string_view glob, bool names_only) {
    std::string re;
    for (std::size_t i = 0; i < glob.size(); ++i) {
        char c = glob[i];
        if (c == '*' && i + 1 < glob.size() && glob[i + 1] == '*') {
            re += ".*";
            ++i;
        } else if (c == '*') {
            re += names_only ? ".*" : "[^/]*";
        } else if (c == '?') {
            re += names_only ? "." : "[^/]";
        } else {
            re += RE2::QuoteMeta(re2::StringPiece(&glob[i], 1));
        }
    }
    return re;
}

class GlobSet {
public:
    GlobSet(const std::vector<std::string>& globs, bool case_insensitive, bool names_only) {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_case_sensitive(!case_insensitive);
        set_ = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
        // Every character is quoted or translated, so Add cannot fail on a policy's glob.
        for (const std::string& g : globs) (void)set_->Add(glob_to_re2(g, names_only), nullptr);
        empty_ = globs.empty();
        if (!empty_) set_->Compile();
    }
    // Index of the first glob that matches, or -1.
    int first_match(std::string_view text) const {
        if (empty_) return -1;
        thread_local std::vector<int> hits;
        hits.clear();
        if (!set_->Match(re2::StringPiece(text.data(), text.size()), &hits)) return -1;
        int first = hits[0];
        for (int h : hits) first = std::min(first, h);
        return first;
    }
    bool matches(std::string_view text) const { return first_match(text) >= 0; }

private:
    std::unique_ptr<RE2::Set> set_;
    bool empty_ = true;
};

}  // namespace detail

namespace {

// The role and the quoted name of one step: "button 'Save'" -> {"button", "Save"}.
std::pair<std::string_view, std::string_view> split_step(std::string_view step) {
    std::size_t quote = step.find('\'');
    if (quote == std::string_view::npos) return {step, {}};
    std::string_view role = step.substr(0, quote);
    while (!role.empty() && role.back() == ' ') role.remove_suffix(1);
    std::string_view name = step.substr(quote + 1);
    if (!name.empty() && name.back() == '\'') name.remove_suffix(1);
    return {role, name};
}

bool is_typed(ActionType type) {
    switch (type) {
        case ActionType::select:
        case ActionType::toggle:
        case ActionType::scroll:
        case ActionType::shortcut:
        case ActionType::navigate: return false;
        default: return true;  // fill, custom, drag, drop and anything new: the strict side
    }
}

struct UrlParts {
    std::string_view base;  // scheme, host, path
    std::string_view query;
    std::string_view fragment;
    std::string_view host;
};

// Where the first `c` is in `url`, as written or as a character the detectors read as it
// (ascii_fold.hpp: a full-width '？'), and that character's length (0: none). A full-width '？'
// or '＃' starts no query in a browser, but what follows one is dropped as a query would be: a
// secret typed after it ("…/u/ＢＷｚｉｂＰ？１８ｖＯＳ") is kept no more than an ASCII one.
std::pair<std::size_t, std::size_t> find_delimiter(std::string_view url, char c) {
    for (std::size_t i = 0; i < url.size(); ++i) {
        if (url[i] == c) return {i, 1};
        if (detail::Fold f = detail::fold_at(url, i); f.length && f.ascii == c) return {i, f.length};
    }
    return {std::string_view::npos, 0};
}

UrlParts split_url(std::string_view url) {
    UrlParts p;
    if (auto [hash, n] = find_delimiter(url, '#'); n) p.fragment = url.substr(hash + n), url = url.substr(0, hash);
    if (auto [q, n] = find_delimiter(url, '?'); n) p.query = url.substr(q + n), url = url.substr(0, q);
    p.base = url;
    std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        std::string_view rest = url.substr(scheme + 3);
        std::string_view authority = rest.substr(0, rest.find('/'));
        std::size_t at = authority.rfind('@');
        if (at != std::string_view::npos) authority = authority.substr(at + 1);
        p.host = authority.substr(0, authority.find(':'));
    }
    return p;
}

bool looks_like_url(std::string_view s) {
    return s.find("://") != std::string_view::npos || (!s.empty() && s[0] == '/') || s.find('?') != std::string_view::npos;
}

// Calls visit(step) for each step of a locator ("window 'A/B'/button 'Save'" has two),
// honouring quotes, until visit returns false. No allocation: it runs for every event.
template <class Visit>
void for_each_step(std::string_view locator, Visit&& visit) {
    bool quoted = false;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < locator.size(); ++i) {
        char c = locator[i];
        if (c == '\\' && quoted) ++i;
        else if (c == '\'') quoted = !quoted;
        else if (c == '/' && !quoted) {
            if (!visit(locator.substr(begin, i - begin))) return;
            begin = i + 1;
        }
    }
    visit(locator.substr(std::min(begin, locator.size())));
}

std::string_view last_step(std::string_view locator) {
    std::string_view last;
    for_each_step(locator, [&](std::string_view step) {
        last = step;
        return true;
    });
    return last;
}

// What stands for a value the structure around it says is secret (a marker attribute keyed
// "pin"): labelled_secret's placeholder.
constexpr std::string_view withheld = "\u27e8SECRET\u27e9";

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

}  // namespace

struct Redactor::Compiled {
    Policy policy;
    Detectors detectors;
    detail::GlobSet fields, secrets, locators, windows, screens, urls;
    RE2 secret_names;  // field names that are secret whatever the policy says

    Compiled(Policy p, Detectors d)
        : policy(std::move(p)),
          detectors(std::move(d)),
          fields(globs_of(policy.fields), false, false),
          secrets(policy.secret_fields, true, false),
          locators(policy.block.locators, true, false),
          windows(policy.block.windows, true, true),
          screens(policy.block.screens, true, true),
          urls(policy.block.urls, true, false),
          secret_names(R"((?i)pass(word|wd|phrase|code)|\bpin\b|\bcvv|\bcvc|security code|secret|one[- ]time|)"
                       R"(\botp\b|\b2fa\b|api[ _-]?key|access[ _-]?key|\btoken\b|private key)") {}

    static std::vector<std::string> globs_of(const std::vector<FieldRule>& rules) {
        std::vector<std::string> globs;
        for (const FieldRule& r : rules) globs.push_back(r.match);
        return globs;
    }
};

Result<std::unique_ptr<Redactor>> Redactor::create(Policy policy) {
    auto detectors = Detectors::create(policy);
    if (!detectors) return detectors.error();
    try {
        auto compiled = std::make_unique<Compiled>(std::move(policy), std::move(detectors.value()));
        return std::unique_ptr<Redactor>(new Redactor(std::move(compiled)));
    } catch (const std::exception& e) {
        return Error{std::string("cannot compile the policy: ") + e.what()};
    }
}

Redactor::Redactor(std::unique_ptr<Compiled> compiled) : c_(std::move(compiled)) {}
Redactor::~Redactor() = default;

const Policy& Redactor::policy() const noexcept { return c_->policy; }

bool Redactor::blocked(std::string_view locator) const {
    bool found = false;
    for_each_step(locator, [&](std::string_view step) {
        std::size_t end = static_cast<std::size_t>(step.data() - locator.data()) + step.size();
        auto [role, name] = split_step(step);
        found = c_->locators.matches(locator.substr(0, end)) || (role == "window" && c_->windows.matches(name)) ||
                ((role == "screen" || role == "page") && c_->screens.matches(name));
        return !found;
    });
    return found;
}

bool Redactor::blocked_url(std::string_view url) const {
    UrlParts p = split_url(url);
    if (c_->urls.matches(p.base)) return true;
    for (const std::string& domain : c_->policy.block.domains) {
        if (p.host.size() < domain.size()) continue;
        std::string_view tail = p.host.substr(p.host.size() - domain.size());
        if (iequals(tail, domain) && (p.host.size() == domain.size() || p.host[p.host.size() - domain.size() - 1] == '.'))
            return true;
    }
    return false;
}

std::vector<std::string> Redactor::blocked_url_patterns() const {
    std::vector<std::string> patterns;
    for (const std::string& glob : c_->policy.block.urls) patterns.push_back(detail::glob_to_re2(glob, false));
    return patterns;
}

bool Redactor::secret(std::string_view locator) const {
    if (c_->secrets.matches(locator)) return true;
    auto [role, name] = split_step(last_step(locator));
    if (role == "password" || iequals(role, "passwordbox")) return true;
    return names_secret(name);
}

bool Redactor::names_secret(std::string_view name) const {
    return RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), c_->secret_names);
}

CaptureMode Redactor::capture_mode(std::string_view locator) const {
    int rule = c_->fields.first_match(locator);
    return rule < 0 ? c_->policy.default_mode : c_->policy.fields[static_cast<std::size_t>(rule)].mode;
}

// A URL in any string (a marker's "url" attribute, a node's text) is read as a navigate
// destination is, its percent-encoded parts decoded (url_findings.hpp).
std::string_view Redactor::scrub(std::string_view text, std::string& scratch) {
    find_with_urls(c_->detectors, text, findings_);
    return c_->detectors.replace(text, 0, findings_, scratch) ? std::string_view(scratch) : text;
}

// Read as scrub reads (its URLs and escaped words decoded), after `before`, which is not written.
std::string_view Redactor::scrub_after(std::string_view before, std::string_view text, std::string& scratch) {
    if (before.empty()) return scrub(text, scratch);
    thread_local std::string line;
    line.assign(before).append(text);
    find_with_urls(c_->detectors, line, findings_);
    return c_->detectors.replace(line, before.size(), findings_, scratch) ? std::string_view(scratch) : text;
}

Redactor::LocatorFacts& Redactor::facts(std::string_view locator) {
    constexpr std::size_t max_kept = 4096, longest_kept = 512;
    if (auto it = facts_.find(locator); it != facts_.end()) return it.value();
    LocatorFacts f;
    f.blocked = blocked(locator);
    f.secret = secret(locator);
    f.mode = capture_mode(locator);
    if (std::string_view name = split_step(last_step(locator)).second; detail::name_says_number(name))
        f.said_before = std::string(name) + ": ";
    std::string scratch;
    if (std::string_view stored = scrub(locator, scratch); stored.data() != locator.data()) f.stored = std::move(scratch);
    if (locator.size() > longest_kept) return uncached_ = std::move(f);
    if (facts_.size() >= max_kept) facts_.clear();
    // Out of memory, a table that cannot grow does not cost the event: it is judged as it would
    // be, and kept uncached. (The table may have rehashed before failing: still whole, and f is
    // only moved once its entry has room.)
    try {
        auto [entry, added] = facts_.try_emplace(std::string(locator));
        if (added) entry.value() = std::move(f);
        return entry.value();
    } catch (const std::bad_alloc&) {
        return uncached_ = std::move(f);
    }
}

CleanValue Redactor::typed(std::string_view locator, ValueState state, std::string_view text, std::string& scratch) {
    return typed(facts(locator), state, text, scratch);
}

CleanValue Redactor::typed(const LocatorFacts& at, ValueState state, std::string_view text, std::string& scratch) {
    if (state == ValueState::none) return {ValueState::none, {}};
    if (state == ValueState::masked || at.secret) return {ValueState::masked, {}};
    if (at.mode == CaptureMode::mask) return {ValueState::masked, {}};
    std::string_view clean = scrub_after(at.said_before, text, scratch);
    bool changed = clean.data() != text.data();
    bool redacted = changed || at.mode == CaptureMode::redact || state == ValueState::redacted;
    return {redacted ? ValueState::redacted : ValueState::plain, clean};
}

std::string_view Redactor::url(std::string_view url, std::string& scratch) {
    UrlParts p = split_url(url);
    std::string kept(p.base);
    char separator = '?';
    std::string_view query = p.query;
    while (!query.empty()) {
        std::string_view param = query.substr(0, query.find('&'));
        query.remove_prefix(std::min(query.size(), param.size() + 1));
        std::string_view key = param.substr(0, param.find('='));
        for (const std::string& allowed : c_->policy.urls.keep_query)
            if (key == allowed) {
                kept += separator;
                kept += param;
                separator = '&';
                break;
            }
    }
    if (c_->policy.urls.keep_fragment && !p.fragment.empty()) kept += '#', kept.append(p.fragment);
    find_in_url(c_->detectors, kept, findings_);
    c_->detectors.replace(kept, 0, findings_, scratch);
    return scratch;
}

CleanValue Redactor::action_value(ActionType type, std::string_view locator, ValueState state, std::string_view text,
                                  std::string& scratch) {
    return action_value(facts(locator), type, state, text, scratch);
}

CleanValue Redactor::action_value(const LocatorFacts& at, ActionType type, ValueState state, std::string_view text,
                                  std::string& scratch) {
    if (is_typed(type)) return typed(at, state, text, scratch);
    if (state == ValueState::none || state == ValueState::masked) return {state, {}};
    std::string_view clean = type == ActionType::navigate && looks_like_url(text) ? url(text, scratch)
                                                                                  : scrub(text, scratch);
    bool changed = clean != text;
    return {changed ? ValueState::redacted : state, clean};
}

std::optional<CleanAction> Redactor::action(ActionType type, std::string_view locator, ValueState state,
                                            std::string_view value, std::string& scratch_locator,
                                            std::string& scratch_value) {
    LocatorFacts& at = facts(locator);
    if (at.blocked || (type == ActionType::navigate && blocked_url(value))) return std::nullopt;
    if (at.stored) scratch_locator = *at.stored;  // a view of the cache could outlive its entry
    std::string_view stored_locator = at.stored ? std::string_view(scratch_locator) : locator;
    CleanValue clean = action_value(at, type, state, value, scratch_value);
    return CleanAction{stored_locator, clean, &at == &uncached_ ? nullptr : &at.memo};
}

bool Redactor::apply(format::Body& body) {
    if (auto* a = std::get_if<format::Action>(&body)) {
        std::string scratch_locator, scratch_value;
        auto clean = action(a->type, a->target.locator, a->value.state, a->value.text, scratch_locator, scratch_value);
        if (!clean) return false;
        format::Value value{clean->value.state, std::string(clean->value.text)};
        a->target.locator = std::string(clean->locator);
        a->value = std::move(value);
    } else if (auto* snapshot = std::get_if<format::Snapshot>(&body)) {
        apply(*snapshot);
    } else if (auto* delta = std::get_if<format::Delta>(&body)) {
        apply(*delta);
    } else if (auto* marker = std::get_if<format::Marker>(&body)) {
        apply(*marker);
    }
    return true;
}

// A text node whose name ends in a colon and the text node after it, under the same parent
// ("Your PIN:" then "4821", "Mobile:" then "9876543210"): the detectors read each name alone,
// where the second is any number or word, so the second is read as written after the first.
// Returns, per node, what it is read after ("Your PIN: "), empty for most; nothing at all when
// no name ends in a colon. Text roles only: "Password:" then a button "Show" names no secret.
std::vector<std::string> Redactor::labels_before(const std::vector<format::Node>& nodes) {
    auto text_role = [](std::string_view role) {
        for (std::string_view r : {"text", "statictext", "label", "cell", "gridcell", "paragraph", "output"})
            if (iequals(role, r)) return true;
        return false;
    };
    auto ends_in_colon = [](std::string_view name) {
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        return (!name.empty() && name.back() == ':') || name.ends_with("\uff1a");
    };
    // (Most trees hold no name ending in a colon: one look each, and no map.)
    if (std::none_of(nodes.begin(), nodes.end(), [&](const format::Node& n) { return ends_in_colon(n.name); })) return {};
    std::vector<std::string> before(nodes.size());
    std::unordered_map<std::uint64_t, std::size_t> last_child;  // parent -> the sibling seen last
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        auto [at, fresh] = last_child.try_emplace(nodes[i].parent, i);
        std::size_t label = at->second;
        at->second = i;
        if (!fresh && text_role(nodes[i].role) && text_role(nodes[label].role) && ends_in_colon(nodes[label].name))
            before[i] = nodes[label].name + " ";
    }
    return before;
}

// An empty key frame says the tree is empty, but not which: all are forgotten.
void Redactor::forget_trees_of(const std::vector<format::Node>& key_frame) {
    std::vector<std::uint64_t> trees;
    for (const format::Node& n : key_frame)
        if (std::find(trees.begin(), trees.end(), tree_of(n.id)) == trees.end()) trees.push_back(tree_of(n.id));
    if (trees.empty()) {
        tree_paths_.clear();
        return;
    }
    std::erase_if(tree_paths_, [&](const auto& entry) {
        return std::find(trees.begin(), trees.end(), tree_of(entry.first)) != trees.end();
    });
}

// Node paths are rebuilt from the parent links in the same event, and in a delta from the tree
// the session's events built (tree_paths_); a node whose parent is in neither is judged by its
// own step alone (and is then masked by default, the safe side).
std::size_t Redactor::clean_nodes(std::vector<format::Node>& nodes, bool key_frame) {
    if (key_frame) forget_trees_of(nodes);
    std::unordered_map<std::uint64_t, std::size_t> by_id;
    for (std::size_t i = 0; i < nodes.size(); ++i) by_id.emplace(nodes[i].id, i);
    std::vector<std::string> paths(nodes.size());
    std::vector<char> done(nodes.size(), 0);
    std::vector<char> on_chain(nodes.size(), 0);
    auto path_of = [&](std::size_t i) {
        std::vector<std::size_t> chain;  // walk up to a node whose path is known; a cycle ends the walk
        for (std::size_t at = i; !done[at] && !on_chain[at];) {
            chain.push_back(at);
            on_chain[at] = 1;
            auto parent = by_id.find(nodes[at].parent);
            if (nodes[at].parent == 0 || parent == by_id.end()) break;
            at = parent->second;
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            const format::Node& n = nodes[*it];
            auto parent = by_id.find(n.parent);
            std::string prefix;
            if (n.parent && parent != by_id.end()) {
                if (done[parent->second]) prefix = paths[parent->second] + "/";
            } else if (auto known = tree_paths_.find(n.parent); n.parent && known != tree_paths_.end()) {
                prefix = known->second + "/";
            }
            paths[*it] = prefix + n.role + (n.name.empty() ? "" : " '" + n.name + "'");
            done[*it] = 1;
        }
    };
    for (std::size_t i = 0; i < nodes.size(); ++i) path_of(i);
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (tree_paths_.size() < max_tree_nodes || tree_paths_.contains(nodes[i].id)) tree_paths_[nodes[i].id] = paths[i];
    std::size_t removed = 0, kept = 0;
    std::string scratch;
    const std::vector<std::string> read_after = labels_before(nodes);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string& path = paths[i];
        if (blocked(path)) {
            ++removed;
            continue;
        }
        format::Node n = std::move(nodes[i]);
        CleanValue v = typed(path, n.value.state, n.value.text, scratch);
        n.value = format::Value{v.state, std::string(v.text)};
        n.name = std::string(scrub_after(read_after.empty() ? std::string_view() : read_after[i], n.name, scratch));
        n.role = std::string(scrub(n.role, scratch));
        nodes[kept++] = std::move(n);
    }
    nodes.resize(kept);
    return removed;
}

std::size_t Redactor::apply(format::Snapshot& snapshot) { return clean_nodes(snapshot.nodes, true); }
std::size_t Redactor::apply(format::Delta& delta) {
    std::size_t blocked_nodes = clean_nodes(delta.upserts, false);
    for (std::uint64_t id : delta.removed) tree_paths_.erase(id);
    return blocked_nodes;
}

// An attribute whose key names a secret ({"pin", "4821"}, {"password", "hunter2"}) keeps its
// key and loses its value, as a field so named is never captured: the value alone reads as any
// word or number, and the detectors see it alone.
void Redactor::apply(format::Marker& marker) {
    std::string scratch;
    marker.name = std::string(scrub(marker.name, scratch));
    for (auto& [key, value] : marker.attributes) {
        bool secret_key = names_secret(key);
        key = std::string(scrub(key, scratch));
        value = secret_key && !value.empty() ? std::string(withheld) : std::string(scrub(value, scratch));
    }
}

}  // namespace semtrace::privacy
