// policy.hpp — the privacy policy as data: what may be captured, what is detected, what is never recorded.
//
// The file format (JSON, "semtrace_policy": 1) is documented in docs/policy.md. Parsing is strict:
// an unknown field is an error naming it, because a misspelt rule that is silently ignored is a
// privacy failure nobody notices.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "semtrace/result.hpp"

namespace semtrace::privacy {

// How much of a typed value is kept.
enum class CaptureMode : std::uint8_t {
    mask,    // "something was typed": no text, no length
    redact,  // the text, with what the detectors find replaced by placeholders such as ⟨EMAIL⟩
    plain,   // the text as typed; the detectors still run over it
};

struct FieldRule {
    std::string match;  // locator glob: * within a step, ** across steps
    CaptureMode mode = CaptureMode::mask;
};

struct CustomRule {
    std::string name;         // [a-z0-9_]+, unique
    std::string pattern;      // RE2 syntax (linear time)
    std::string placeholder;  // written as ⟨PLACEHOLDER⟩
};

struct BlockList {
    std::vector<std::string> windows;   // globs over the name of a `window '...'` step
    std::vector<std::string> screens;   // globs over the name of a `screen '...'` or `page '...'` step
    std::vector<std::string> locators;  // locator globs
    std::vector<std::string> urls;      // globs over a URL without its query and fragment
    std::vector<std::string> domains;   // a host and its subdomains
};

struct UrlRules {
    std::vector<std::string> keep_query;  // query parameters kept (values still pass the detectors)
    bool keep_fragment = false;
};

// What the browser extension may record (plugins/browser): nothing unless listed.
struct BrowserRules {
    std::vector<std::string> record_origins;  // "scheme://host[:port]"; "*" matches within one label or the port
};

struct Policy {
    std::string id;
    CaptureMode default_mode = CaptureMode::mask;
    std::vector<FieldRule> fields;            // first match wins
    std::vector<std::string> secret_fields;   // locator globs never captured in any mode
    std::vector<std::string> disabled_detectors;
    std::vector<CustomRule> custom_rules;
    BlockList block;
    UrlRules urls;
    BrowserRules browser;
    std::string pseudonym_key_env = "SEMTRACE_PSEUDONYM_KEY";
    std::string hash;  // BLAKE2b-256 of the policy text, 64 hex digits (set by parse_policy)
};

inline constexpr int policy_format_version = 1;

// The names `detectors.disable` accepts.
const std::vector<std::string_view>& builtin_detector_names();

// Parses a policy; `origin` names it in errors ("policy.json: capture.fields[2].mode: ...").
Result<Policy> parse_policy(std::string_view json, std::string_view origin);
Result<Policy> load_policy(const std::filesystem::path& file);

// The strictest setting, used when no policy is given: mask all typed text, every detector on.
Policy default_policy();

// The policy in `file`, or the built-in one when `file` is empty (Options::policy_file, --policy).
Result<Policy> policy_from(const std::filesystem::path& file);

}  // namespace semtrace::privacy
