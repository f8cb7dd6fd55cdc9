// cmd_cat.cpp — `semtrace cat`: a session's events as readable lines or as JSON lines.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "commands.hpp"
#include "event_json.hpp"
#include "format/session_reader.hpp"
#include "say.hpp"

namespace semtrace::cli {

namespace {

void append_value(std::string& out, const format::Value& v) {
    switch (v.state) {
        case ValueState::none: break;
        case ValueState::masked: out += "  = <masked>"; break;
        case ValueState::plain: out += "  = \"", out += v.text, out += '"'; break;
        case ValueState::redacted: out += "  = \"", out += v.text, out += "\" (redacted)"; break;
    }
}

void append_readable(std::string& out, const format::Event& e) {
    char head[64];
    int n = std::snprintf(head, sizeof head, "%8llu %10.3fs  ", static_cast<unsigned long long>(e.seq),
                          static_cast<double>(e.t_us) / 1e6);
    out.append(head, static_cast<std::size_t>(n));
    std::visit(
        [&](const auto& b) {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, format::Action>) {
                std::string_view type = name_of(b.type);
                out += type;
                out.append(type.size() < 14 ? 14 - type.size() : 1, ' ');
                out += b.target.locator;
                append_value(out, b.value);
            } else if constexpr (std::is_same_v<T, format::Snapshot>) {
                out += "snapshot      " + std::to_string(b.nodes.size()) + " nodes";
            } else if constexpr (std::is_same_v<T, format::Delta>) {
                out += "delta         " + std::to_string(b.upserts.size()) + " changed, " +
                       std::to_string(b.removed.size()) + " removed";
            } else if constexpr (std::is_same_v<T, format::Marker>) {
                out += "marker        ", out += b.name;
                for (const auto& [k, v] : b.attributes) out += ' ', out += k, out += '=', out += v;
            } else if constexpr (std::is_same_v<T, format::Control>) {
                out += "control       ", out += name_of(b.type);
                if (b.type == ControlType::dropped) out += ' ' + std::to_string(b.count) + " events lost";
            }
        },
        e.body);
    out += '\n';
}

bool write_out(std::string& buffer) {
    bool ok = std::fwrite(buffer.data(), 1, buffer.size(), stdout) == buffer.size();
    buffer.clear();
    return ok;
}

}  // namespace

int run_cat(const std::string& file, std::optional<std::int64_t> from_us, std::optional<std::int64_t> to_us, bool json) {
    auto reader = format::SessionReader::open(file);
    if (!reader) {
        say("semtrace cat: %s\n", reader.error().message.c_str());
        return exit_failed;
    }
    if (!reader->complete()) say("semtrace cat: warning: %s: %s\n", file.c_str(), reader->damage().c_str());
    std::string out;
    out.reserve(1 << 17);
    if (json) jsonl::append_session_line(out, reader->header(), reader->format_version());
    bool io_ok = true;
    auto visit = [&](const format::Event& e) {
        if (to_us && e.t_us > *to_us) return false;
        if (json) jsonl::append_event_line(out, e);
        else append_readable(out, e);
        if (out.size() >= (1 << 16)) io_ok = write_out(out);
        return io_ok;
    };
    auto ok = from_us ? reader->read_from_time(*from_us, visit) : reader->read(0, visit);
    if (io_ok) io_ok = write_out(out);
    if (!ok) {
        say("semtrace cat: %s\n", ok.error().message.c_str());
        return exit_failed;
    }
    if (!io_ok) {
        say("semtrace cat: cannot write to standard output\n");
        return exit_failed;
    }
    return exit_ok;
}

}  // namespace semtrace::cli
