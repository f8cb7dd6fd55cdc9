// event_json_write.cpp — writing events as JSON lines, fast: no DOM, one reused buffer.
#include <charconv>
#include <cstdio>

#include "event_json.hpp"
#include "json_text.hpp"

namespace semtrace::jsonl {

namespace {

template <class Number>
void append_number(std::string& out, Number n) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void append_bounds(std::string& out, const Bounds& b) {
    out += ",\"bounds\":[";
    append_number(out, b.x), out += ',', append_number(out, b.y), out += ',';
    append_number(out, b.width), out += ',', append_number(out, b.height), out += ']';
}

void append_value(std::string& out, const format::Value& v) {
    out += ",\"value\":{\"state\":\"";
    out += name_of(v.state);
    out += '"';
    if (v.state == ValueState::plain || v.state == ValueState::redacted) out += ",\"text\":", append_json_string(out, v.text);
    out += '}';
}

void append_node(std::string& out, const format::Node& n) {
    out += "{\"id\":", append_number(out, n.id);
    out += ",\"parent\":", append_number(out, n.parent);
    out += ",\"role\":", append_json_string(out, n.role);
    out += ",\"name\":", append_json_string(out, n.name);
    if (n.value.state != ValueState::none) append_value(out, n.value);
    if (n.bounds.known()) append_bounds(out, n.bounds);
    out += ",\"state\":", append_number(out, n.state);
    out += '}';
}

void append_nodes(std::string& out, std::string_view key, const std::vector<format::Node>& nodes) {
    out += ",\"", out += key, out += "\":[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i) out += ',';
        append_node(out, nodes[i]);
    }
    out += ']';
}

}  // namespace

void append_session_line(std::string& out, const format::SessionHeader& h, std::uint16_t format_version) {
    out += "{\"kind\":\"session\",\"session_id\":", append_json_string(out, h.session_id);
    out += ",\"app\":", append_json_string(out, h.app_name);
    out += ",\"app_version\":", append_json_string(out, h.app_version);
    out += ",\"sdk_version\":", append_json_string(out, h.sdk_version);
    out += ",\"format_version\":", append_number(out, format_version);
    out += ",\"start_unix_us\":", append_number(out, h.start_unix_us);
    out += "}\n";
}

void append_event_line(std::string& out, const format::Event& e) {
    out += "{\"seq\":", append_number(out, e.seq);
    out += ",\"t_us\":", append_number(out, e.t_us);
    out += ",\"kind\":\"", out += format::name_of(e.kind()), out += '"';
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, format::Action>) {
                out += ",\"type\":\"", out += name_of(body.type), out += "\",\"target\":{\"locator\":";
                append_json_string(out, body.target.locator);
                if (body.target.node_id) out += ",\"id\":", append_number(out, body.target.node_id);
                if (body.target.bounds.known()) append_bounds(out, body.target.bounds);
                out += '}';
                if (body.value.state != ValueState::none) append_value(out, body.value);
            } else if constexpr (std::is_same_v<T, format::Snapshot>) {
                append_nodes(out, "nodes", body.nodes);
            } else if constexpr (std::is_same_v<T, format::Delta>) {
                append_nodes(out, "upserts", body.upserts);
                out += ",\"removed\":[";
                for (std::size_t i = 0; i < body.removed.size(); ++i) {
                    if (i) out += ',';
                    append_number(out, body.removed[i]);
                }
                out += ']';
            } else if constexpr (std::is_same_v<T, format::Marker>) {
                out += ",\"name\":", append_json_string(out, body.name);
                out += ",\"attributes\":[";
                for (std::size_t i = 0; i < body.attributes.size(); ++i) {
                    if (i) out += ',';
                    out += '[', append_json_string(out, body.attributes[i].first), out += ',';
                    append_json_string(out, body.attributes[i].second), out += ']';
                }
                out += ']';
            } else if constexpr (std::is_same_v<T, format::Control>) {
                out += ",\"type\":\"", out += name_of(body.type), out += '"';
                if (body.type == ControlType::dropped) out += ",\"count\":", append_number(out, body.count);
            }
        },
        e.body);
    out += "}\n";
}

}  // namespace semtrace::jsonl
