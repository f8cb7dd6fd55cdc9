// message.cpp — parse_message: strict JSON checks of every field of the extension's messages, with the field named in errors.
#include <cmath>
#include <nlohmann/json.hpp>

#include "message.hpp"

namespace semtrace::agent {

namespace {

using json = nlohmann::json;

struct Refused {
    std::string why;
};

[[noreturn]] void refuse(const std::string& field, const std::string& why) { throw Refused{field + ": " + why}; }

const json& need(const json& object, const char* field) {
    auto it = object.find(field);
    if (it == object.end()) refuse(field, "is missing");
    return *it;
}

std::string text(const json& v, const std::string& field, std::size_t max = MessageLimits::text) {
    if (!v.is_string()) refuse(field, "must be a string");
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > max) refuse(field, "is longer than " + std::to_string(max) + " bytes");
    return s;
}

std::uint64_t whole(const json& v, const std::string& field) {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
        refuse(field, "must be a whole number, 0 or more");
    return v.get<std::uint64_t>();
}

Bounds bounds(const json& v, const std::string& field) {
    if (!v.is_array() || v.size() != 4) refuse(field, "must be 4 numbers: x, y, width, height");
    float b[4];
    for (int i = 0; i < 4; ++i) {
        if (!v[i].is_number() || !std::isfinite(v[i].get<double>())) refuse(field, "must be 4 finite numbers");
        b[i] = static_cast<float>(v[i].get<double>());
    }
    return {b[0], b[1], b[2], b[3]};
}

// {"state": "plain" | "masked", "text": "..."}: the page never sends "redacted" (the agent's
// policy does that), and a masked value carries no text.
format::Value value(const json& v, const std::string& field) {
    if (!v.is_object()) refuse(field, "must be {\"state\", \"text\"}");
    std::string s = text(need(v, "state"), field + ".state", 16);
    if (s == "plain") return {ValueState::plain, text(need(v, "text"), field + ".text")};
    if (s != "masked") refuse(field + ".state", "is \"" + s + "\"; must be \"plain\" or \"masked\"");
    return {ValueState::masked, {}};
}

void only(const json& object, const std::string& where, std::initializer_list<const char*> known) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool ok = false;
        for (const char* k : known) ok = ok || it.key() == k;
        if (!ok) refuse(where.empty() ? it.key() : where + "." + it.key(), "is not a field of this message");
    }
}

format::Node node(const json& v, const std::string& field) {
    if (!v.is_object()) refuse(field, "must be an object");
    only(v, field, {"id", "parent", "role", "name", "value", "bounds", "state"});
    format::Node n;
    n.id = whole(need(v, "id"), field + ".id");
    if (n.id == 0) refuse(field + ".id", "must not be 0");
    if (v.contains("parent")) n.parent = whole(v["parent"], field + ".parent");
    n.role = text(need(v, "role"), field + ".role", 64);
    if (v.contains("name")) n.name = text(v["name"], field + ".name");
    if (v.contains("value")) n.value = value(v["value"], field + ".value");
    if (v.contains("bounds")) n.bounds = bounds(v["bounds"], field + ".bounds");
    if (v.contains("state")) n.state = static_cast<std::uint32_t>(std::min<std::uint64_t>(whole(v["state"], field + ".state"), UINT32_MAX));
    return n;
}

std::vector<format::Node> nodes(const json& v, const std::string& field) {
    if (!v.is_array()) refuse(field, "must be an array of nodes");
    if (v.size() > MessageLimits::nodes) refuse(field, "has more than " + std::to_string(MessageLimits::nodes) + " nodes");
    std::vector<format::Node> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(node(v[i], field + "[" + std::to_string(i) + "]"));
    return out;
}

Hello hello(const json& m) {
    only(m, "", {"type", "consent", "extension"});
    const json& c = need(m, "consent");
    if (!c.is_object()) refuse("consent", "must be an object");
    only(c, "consent", {"subject", "given_at", "text_version", "policy_id"});
    Hello h;
    h.consent.subject = text(need(c, "subject"), "consent.subject", 256);
    h.consent.given_at = text(need(c, "given_at"), "consent.given_at", 64);
    h.consent.text_version = text(need(c, "text_version"), "consent.text_version", 64);
    h.consent.policy_id = text(need(c, "policy_id"), "consent.policy_id", 256);
    if (m.contains("extension")) h.extension_version = text(m["extension"], "extension", 64);
    return h;
}

// Tab ids go into the session's acknowledgement markers, which the privacy engine scrubs like
// any marker: lower-case letters and '-', shorter than the shortest stretch a detector acts on
// (a token's 20 characters), pass it unchanged whatever the policy.
std::string tab_id(const json& v) {
    std::string tab = text(v, "tab", MessageLimits::tab_id);
    if (tab.empty()) refuse("tab", "is empty");
    for (char c : tab)
        if (!(c >= 'a' && c <= 'z') && c != '-') refuse("tab", "may hold only a-z and '-' (at most 19)");
    return tab;
}

TabEvent tab_event(const json& m, const std::string& type) {
    TabEvent e;
    e.tab = tab_id(need(m, "tab"));
    e.seq = whole(need(m, "seq"), "seq");
    if (e.seq == 0) refuse("seq", "must start at 1");
    if (m.contains("site")) e.site = text(m["site"], "site", 256);
    if (m.contains("t")) {
        e.t_ms = whole(m["t"], "t");
        if (*e.t_ms > MessageLimits::t_ms) refuse("t", "must be milliseconds since 1970 (the page's Date.now()), before 2100");
    }
    if (type == "action") {
        only(m, "", {"type", "tab", "seq", "site", "t", "action", "target", "value"});
        std::string name = text(need(m, "action"), "action", 32);
        auto a = parse_action_type(name);
        if (!a) refuse("action", "is \"" + name + "\", not an action type (click, fill, select, ...)");
        e.action.type = *a;
        const json& t = need(m, "target");
        if (!t.is_object()) refuse("target", "must be {\"locator\", \"id\", \"bounds\"}");
        only(t, "target", {"locator", "id", "bounds"});
        e.action.target.locator = text(need(t, "locator"), "target.locator");
        if (t.contains("id")) e.action.target.node_id = whole(t["id"], "target.id");
        if (t.contains("bounds")) e.action.target.bounds = bounds(t["bounds"], "target.bounds");
        if (m.contains("value")) e.action.value = value(m["value"], "value");
    } else if (type == "snapshot" || type == "delta") {
        only(m, "", {"type", "tab", "seq", "site", "t", "nodes", "removed"});
        e.kind = type == "snapshot" ? TabEvent::Kind::snapshot : TabEvent::Kind::delta;
        e.nodes = nodes(need(m, "nodes"), "nodes");
        if (m.contains("removed")) {
            if (e.kind == TabEvent::Kind::snapshot) refuse("removed", "is not a field of a snapshot");
            const json& r = m["removed"];
            if (!r.is_array() || r.size() > MessageLimits::nodes) refuse("removed", "must be an array of node ids");
            for (std::size_t i = 0; i < r.size(); ++i) e.removed.push_back(whole(r[i], "removed[" + std::to_string(i) + "]"));
        }
    } else {
        only(m, "", {"type", "tab", "seq", "site", "t"});
        e.kind = TabEvent::Kind::close;
    }
    return e;
}

}  // namespace

Result<Message> parse_message(std::string_view text_in) {
    if (text_in.size() > MessageLimits::bytes)
        return Error{"message: is larger than " + std::to_string(MessageLimits::bytes) + " bytes"};
    json m = json::parse(text_in, nullptr, false);
    if (m.is_discarded()) return Error{"message: is not JSON"};
    if (!m.is_object()) return Error{"message: must be a JSON object"};
    try {
        std::string type = text(need(m, "type"), "type", 32);
        if (type == "hello") return Message{hello(m)};
        if (type == "action" || type == "snapshot" || type == "delta" || type == "close") return Message{tab_event(m, type)};
        refuse("type", "is \"" + type + "\"; must be hello, action, snapshot, delta or close");
    } catch (const Refused& r) {
        return Error{r.why};
    } catch (const json::exception& e) {  // a number too large for its type, say
        return Error{std::string("message: ") + e.what()};
    }
}

}  // namespace semtrace::agent
