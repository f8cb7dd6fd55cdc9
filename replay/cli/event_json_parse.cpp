// event_json_parse.cpp — reading one JSON line into an event, strictly: unknown fields and wrong types are errors.
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "event_json.hpp"

namespace semtrace::jsonl {

namespace {

using json = nlohmann::json;

struct Bad {
    std::string why;
};

void only_keys(const json& j, std::initializer_list<std::string_view> allowed, std::string_view where) {
    if (!j.is_object()) throw Bad{std::string(where) + " must be an object"};
    for (const auto& [key, _] : j.items()) {
        bool known = false;
        for (auto a : allowed) known = known || key == a;
        if (!known) throw Bad{"unknown field \"" + key + "\" in " + std::string(where)};
    }
}

const json& field(const json& j, const char* key, std::string_view where) {
    auto it = j.find(key);
    if (it == j.end()) throw Bad{std::string(where) + " needs \"" + key + "\""};
    return *it;
}

std::string text(const json& j, const char* key, std::string_view where) {
    const json& v = field(j, key, where);
    if (!v.is_string()) throw Bad{std::string(where) + "." + key + " must be a string"};
    return v.get<std::string>();
}

template <class T>
T number(const json& j, const char* key, std::string_view where, T fallback, bool required) {
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) throw Bad{std::string(where) + " needs \"" + key + "\""};
        return fallback;
    }
    if constexpr (std::is_unsigned_v<T>) {
        if (!it->is_number_unsigned()) throw Bad{std::string(where) + "." + key + " must be a non-negative integer"};
        auto v = it->get<std::uint64_t>();
        if (v > std::numeric_limits<T>::max()) throw Bad{std::string(where) + "." + key + " is too large"};
        return static_cast<T>(v);
    } else {
        if (!it->is_number_integer()) throw Bad{std::string(where) + "." + key + " must be an integer"};
        return it->get<T>();
    }
}

Bounds bounds_of(const json& j, std::string_view where) {
    auto it = j.find("bounds");
    if (it == j.end()) return {};
    if (!it->is_array() || it->size() != 4) throw Bad{std::string(where) + ".bounds must be [x, y, width, height]"};
    for (const auto& n : *it)
        if (!n.is_number()) throw Bad{std::string(where) + ".bounds must hold numbers"};
    return Bounds{(*it)[0].get<float>(), (*it)[1].get<float>(), (*it)[2].get<float>(), (*it)[3].get<float>()};
}

format::Value value_of(const json& j, std::string_view where) {
    auto it = j.find("value");
    if (it == j.end()) return {};
    std::string what = std::string(where) + ".value";
    only_keys(*it, {"state", "text"}, what);
    auto state = parse_value_state(text(*it, "state", what));
    if (!state) throw Bad{what + ".state must be none, plain, masked or redacted"};
    format::Value v{*state, {}};
    bool has_text = *state == ValueState::plain || *state == ValueState::redacted;
    if (has_text) v.text = text(*it, "text", what);
    else if (it->contains("text")) throw Bad{what + ": a " + std::string(name_of(*state)) + " value carries no text"};
    return v;
}

std::vector<format::Node> nodes_of(const json& j, const char* key) {
    const json& list = field(j, key, "event");
    if (!list.is_array()) throw Bad{std::string(key) + " must be an array"};
    std::vector<format::Node> nodes;
    nodes.reserve(list.size());
    for (const json& n : list) {
        only_keys(n, {"id", "parent", "role", "name", "value", "bounds", "state"}, "node");
        nodes.push_back(format::Node{number<std::uint64_t>(n, "id", "node", 0, true),
                                     number<std::uint64_t>(n, "parent", "node", 0, false), text(n, "role", "node"),
                                     text(n, "name", "node"), value_of(n, "node"), bounds_of(n, "node"),
                                     number<std::uint32_t>(n, "state", "node", 0, false)});
    }
    return nodes;
}

format::Body body_of(const json& j, std::string_view kind) {
    if (kind == "action") {
        only_keys(j, {"seq", "t_us", "kind", "type", "target", "value"}, "action");
        auto type = parse_action_type(text(j, "type", "action"));
        if (!type) throw Bad{"unknown action type \"" + j["type"].get<std::string>() + "\""};
        const json& t = field(j, "target", "action");
        only_keys(t, {"locator", "id", "bounds"}, "target");
        return format::Action{*type,
                              {text(t, "locator", "target"), number<std::uint64_t>(t, "id", "target", 0, false),
                               bounds_of(t, "target")},
                              value_of(j, "action")};
    }
    if (kind == "snapshot") {
        only_keys(j, {"seq", "t_us", "kind", "nodes"}, "snapshot");
        return format::Snapshot{nodes_of(j, "nodes")};
    }
    if (kind == "delta") {
        only_keys(j, {"seq", "t_us", "kind", "upserts", "removed"}, "delta");
        format::Delta d{nodes_of(j, "upserts"), {}};
        const json& removed = field(j, "removed", "delta");
        if (!removed.is_array()) throw Bad{"removed must be an array of node ids"};
        for (const json& id : removed) {
            if (!id.is_number_unsigned()) throw Bad{"removed must be an array of node ids"};
            d.removed.push_back(id.get<std::uint64_t>());
        }
        return d;
    }
    if (kind == "marker") {
        only_keys(j, {"seq", "t_us", "kind", "name", "attributes"}, "marker");
        format::Marker m{text(j, "name", "marker"), {}};
        if (auto it = j.find("attributes"); it != j.end()) {
            if (!it->is_array()) throw Bad{"marker.attributes must be an array of [key, value] pairs"};
            for (const json& pair : *it) {
                if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
                    throw Bad{"marker.attributes must be an array of [key, value] pairs"};
                m.attributes.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
            }
        }
        return m;
    }
    if (kind == "control") {
        only_keys(j, {"seq", "t_us", "kind", "type", "count"}, "control");
        auto type = parse_control_type(text(j, "type", "control"));
        if (!type) throw Bad{"unknown control type \"" + j["type"].get<std::string>() + "\""};
        return format::Control{*type, number<std::uint64_t>(j, "count", "control", 0, false)};
    }
    throw Bad{"unknown kind \"" + std::string(kind) + "\" (expected session, action, snapshot, delta, marker or control)"};
}

}  // namespace

Result<Line> parse_line(std::string_view line) {
    try {
        json j = json::parse(line);
        if (!j.is_object()) return Error{"expected a JSON object"};
        std::string kind = text(j, "kind", "line");
        Line out;
        if (kind == "session") {
            only_keys(j, {"kind", "session_id", "app", "app_version", "sdk_version", "format_version", "start_unix_us"},
                      "session");
            out.is_session = true;
            out.session.app_name = text(j, "app", "session");
            if (j.contains("app_version")) out.session.app_version = text(j, "app_version", "session");
            return out;
        }
        out.event.t_us = number<std::int64_t>(j, "t_us", "event", 0, true);
        if (out.event.t_us < 0) return Error{"t_us must not be negative"};
        out.event.body = body_of(j, kind);
        return out;
    } catch (const json::parse_error& e) {
        return Error{std::string("not valid JSON: ") + e.what()};
    } catch (const json::exception& e) {
        return Error{e.what()};
    } catch (const Bad& bad) {
        return Error{bad.why};
    }
}

}  // namespace semtrace::jsonl
