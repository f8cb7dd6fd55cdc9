// policy_parse.cpp — reads a policy file strictly: every error names the file, the field and what to write instead.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "privacy/policy.hpp"
#include "privacy/pseudonym.hpp"

namespace semtrace::privacy {

namespace {

using json = nlohmann::json;

// Thrown inside this file only; parse_policy turns it into an Error.
struct PolicyError {
    std::string message;
};

class Fields {
public:
    Fields(const json& object, std::string path, std::initializer_list<std::string_view> allowed)
        : object_(object), path_(std::move(path)) {
        if (!object.is_object()) fail(path_, "must be an object");
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (std::string_view a : allowed) known = known || a == it.key();
            if (!known) fail(at(it.key()), "unknown field (a misspelt rule would be silently ignored)");
        }
    }

    std::string at(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }
    const json* find(std::string_view key) const {
        auto it = object_.find(std::string(key));
        return it == object_.end() ? nullptr : &*it;
    }

    [[noreturn]] static void fail(const std::string& where, std::string_view why) {
        throw PolicyError{where + ": " + std::string(why)};
    }

    void read(std::string_view key, std::string& out) const {
        if (const json* v = find(key)) {
            if (!v->is_string()) fail(at(key), "must be a string");
            out = v->get<std::string>();
        }
    }
    void read(std::string_view key, bool& out) const {
        if (const json* v = find(key)) {
            if (!v->is_boolean()) fail(at(key), "must be true or false");
            out = v->get<bool>();
        }
    }
    void read(std::string_view key, std::vector<std::string>& out) const {
        const json* v = find(key);
        if (!v) return;
        if (!v->is_array()) fail(at(key), "must be an array of strings");
        for (std::size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string()) fail(at(key) + "[" + std::to_string(i) + "]", "must be a string");
            out.push_back((*v)[i].get<std::string>());
        }
    }

private:
    const json& object_;
    std::string path_;
};

CaptureMode parse_mode(const json& v, const std::string& where) {
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        if (s == "mask") return CaptureMode::mask;
        if (s == "redact") return CaptureMode::redact;
        if (s == "plain") return CaptureMode::plain;
    }
    Fields::fail(where, "must be \"mask\", \"redact\" or \"plain\"");
}

void check_glob(const std::string& glob, const std::string& where) {
    if (glob.empty()) Fields::fail(where, "is empty: a glob such as \"**/textbox 'Search'\"");
}

void parse_capture(const Fields& root, Policy& p) {
    const json* capture = root.find("capture");
    if (!capture) return;
    Fields c(*capture, "capture", {"default", "fields", "secret_fields"});
    if (const json* d = c.find("default")) p.default_mode = parse_mode(*d, "capture.default");
    if (const json* fields = c.find("fields")) {
        if (!fields->is_array()) Fields::fail("capture.fields", "must be an array of {\"match\", \"mode\"}");
        for (std::size_t i = 0; i < fields->size(); ++i) {
            std::string where = "capture.fields[" + std::to_string(i) + "]";
            Fields f((*fields)[i], where, {"match", "mode"});
            FieldRule rule;
            f.read("match", rule.match);
            check_glob(rule.match, where + ".match");
            const json* mode = f.find("mode");
            if (!mode) Fields::fail(where + ".mode", "is missing: \"mask\", \"redact\" or \"plain\"");
            rule.mode = parse_mode(*mode, where + ".mode");
            p.fields.push_back(std::move(rule));
        }
    }
    c.read("secret_fields", p.secret_fields);
    for (std::size_t i = 0; i < p.secret_fields.size(); ++i)
        check_glob(p.secret_fields[i], "capture.secret_fields[" + std::to_string(i) + "]");
}

bool valid_rule_name(std::string_view name) {
    if (name.empty()) return false;
    for (char ch : name)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
}

void parse_custom_rule(const json& v, const std::string& where, Policy& p) {
    Fields f(v, where, {"name", "pattern", "placeholder"});
    CustomRule rule;
    f.read("name", rule.name);
    f.read("pattern", rule.pattern);
    f.read("placeholder", rule.placeholder);
    if (!valid_rule_name(rule.name)) Fields::fail(where + ".name", "must be lowercase letters, digits and _");
    for (std::string_view builtin : builtin_detector_names())
        if (builtin == rule.name) Fields::fail(where + ".name", "\"" + rule.name + "\" is a built-in detector");
    for (const CustomRule& other : p.custom_rules)
        if (other.name == rule.name) Fields::fail(where + ".name", "\"" + rule.name + "\" is used twice");
    if (rule.pattern.empty()) Fields::fail(where + ".pattern", "is missing or empty");
    RE2::Options options;
    options.set_log_errors(false);
    RE2 re(rule.pattern, options);
    if (!re.ok()) Fields::fail(where + ".pattern", "is not a valid RE2 pattern: " + re.error());
    if (re.Match("", 0, 0, RE2::UNANCHORED, nullptr, 0))
        Fields::fail(where + ".pattern", "matches the empty string, so it would match everywhere");
    if (rule.placeholder.empty()) {
        for (char ch : rule.name) rule.placeholder += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
    }
    p.custom_rules.push_back(std::move(rule));
}

void parse_detectors(const Fields& root, Policy& p) {
    const json* detectors = root.find("detectors");
    if (!detectors) return;
    Fields d(*detectors, "detectors", {"disable", "custom"});
    d.read("disable", p.disabled_detectors);
    for (std::size_t i = 0; i < p.disabled_detectors.size(); ++i) {
        bool known = false;
        for (std::string_view name : builtin_detector_names()) known = known || name == p.disabled_detectors[i];
        if (!known) Fields::fail("detectors.disable[" + std::to_string(i) + "]",
                                 "\"" + p.disabled_detectors[i] + "\" is not a built-in detector (see docs/policy.md)");
    }
    if (const json* custom = d.find("custom")) {
        if (!custom->is_array()) Fields::fail("detectors.custom", "must be an array of {\"name\", \"pattern\"}");
        for (std::size_t i = 0; i < custom->size(); ++i)
            parse_custom_rule((*custom)[i], "detectors.custom[" + std::to_string(i) + "]", p);
    }
}

void parse_rest(const Fields& root, Policy& p) {
    if (const json* block = root.find("block")) {
        Fields b(*block, "block", {"windows", "screens", "locators", "urls", "domains"});
        b.read("windows", p.block.windows);
        b.read("screens", p.block.screens);
        b.read("locators", p.block.locators);
        b.read("urls", p.block.urls);
        b.read("domains", p.block.domains);
    }
    if (const json* urls = root.find("urls")) {
        Fields u(*urls, "urls", {"keep_query", "keep_fragment"});
        u.read("keep_query", p.urls.keep_query);
        u.read("keep_fragment", p.urls.keep_fragment);
    }
    if (const json* browser = root.find("browser")) {
        Fields b(*browser, "browser", {"record_origins"});
        b.read("record_origins", p.browser.record_origins);
        for (std::size_t i = 0; i < p.browser.record_origins.size(); ++i) {
            const std::string& o = p.browser.record_origins[i];
            if (o.find("://") == std::string::npos || o.find('/', o.find("://") + 3) != std::string::npos)
                Fields::fail("browser.record_origins[" + std::to_string(i) + "]",
                             "is \"" + o + "\": write an origin, scheme://host[:port], without a path");
        }
    }
    if (const json* pseudonyms = root.find("pseudonyms")) {
        Fields ps(*pseudonyms, "pseudonyms", {"key_env"});
        ps.read("key_env", p.pseudonym_key_env);
        if (p.pseudonym_key_env.empty()) Fields::fail("pseudonyms.key_env", "is empty: name an environment variable");
    }
}

Policy parse_document(const json& doc) {
    Fields root(doc, "", {"semtrace_policy", "id", "capture", "detectors", "block", "urls", "browser", "pseudonyms"});
    const json* version = root.find("semtrace_policy");
    if (!version) Fields::fail("semtrace_policy", "is missing: write \"semtrace_policy\": 1");
    if (!version->is_number_integer() || version->get<long long>() != policy_format_version)
        Fields::fail("semtrace_policy", "is " + version->dump() + "; this semtrace reads version 1");
    Policy p;
    root.read("id", p.id);
    if (p.id.empty()) Fields::fail("id", "is missing or empty: name the policy (it goes into every session header)");
    parse_capture(root, p);
    parse_detectors(root, p);
    parse_rest(root, p);
    return p;
}

// The default policy as a document, so that its hash is as meaningful as any file's.
constexpr std::string_view default_policy_text = R"({"semtrace_policy": 1, "id": "semtrace-default"})";

}  // namespace

const std::vector<std::string_view>& builtin_detector_names() {
    static const std::vector<std::string_view> names = {
        "email", "phone", "card", "iban", "ssn", "ipv4", "ipv6", "jwt",
        "private_key", "cloud_key", "source_token", "chat_token", "password", "token",
        "labelled_secret", "labelled_phone", "national_id", "labelled_id"};
    return names;
}

Result<Policy> parse_policy(std::string_view text, std::string_view origin) {
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return Error{std::string(origin) + ": not valid JSON (check quotes, commas and braces)"};
    try {
        Policy p = parse_document(doc);
        p.hash = blake2b_hex(text);
        return p;
    } catch (const PolicyError& e) {
        return Error{std::string(origin) + ": " + e.message};
    } catch (const std::exception& e) {
        return Error{std::string(origin) + ": " + e.what()};
    }
}

Result<Policy> load_policy(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{file.string() + ": cannot read the policy file"};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return Error{file.string() + ": read error"};
    return parse_policy(text.str(), file.string());
}

Result<Policy> policy_from(const std::filesystem::path& file) {
    return file.empty() ? Result<Policy>(default_policy()) : load_policy(file);
}

Policy default_policy() {
    auto p = parse_policy(default_policy_text, "built-in policy");
    return std::move(p).value();
}

}  // namespace semtrace::privacy
