// message.hpp — what the browser extension sends semtrace-agent, parsed and checked: one WebSocket text message (docs/browser.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "format/events.hpp"
#include "semtrace/result.hpp"
#include "semtrace/semtrace.hpp"

namespace semtrace::agent {

// Sizes past which a message is refused whole: generous for real pages, small enough that
// one message cannot make the agent hold much.
struct MessageLimits {
    static constexpr std::size_t bytes = 4 << 20;  // one WebSocket message
    static constexpr std::size_t text = 64 << 10;  // any string: a value, a name, a locator
    static constexpr std::size_t nodes = 50'000;   // in one snapshot or delta
    static constexpr std::size_t tab_id = 19;  // below every detector's stretch: see tab_id()
    static constexpr std::uint64_t t_ms = 4'102'444'800'000;  // 2100-01-01: within the system clock's nanoseconds
};

// The first message on a connection: who agreed to be recorded, under which policy.
struct Hello {
    Consent consent;
    std::string extension_version;
};

// Something that happened in one tab, numbered by the extension: `seq` grows by one per
// message of the tab and survives reconnections, so a resent message is recognised.
struct TabEvent {
    enum class Kind : std::uint8_t { action, snapshot, delta, close };
    std::string tab;   // [a-z-]{1,19}, chosen by the extension: no digits, so no detector ever rewrites it
    std::uint64_t seq = 0;
    std::string site;  // the page's host: the session's app name
    std::optional<std::uint64_t> t_ms;   // when it happened: the page's Date.now(); none, on arrival
    Kind kind = Kind::action;
    format::Action action;               // kind action; a value is plain or masked, never redacted
    std::vector<format::Node> nodes;     // snapshot and delta
    std::vector<std::uint64_t> removed;  // delta
};

using Message = std::variant<Hello, TabEvent>;

// Never throws; the error names the field: "nodes[3].bounds: must be 4 numbers".
Result<Message> parse_message(std::string_view text);

}  // namespace semtrace::agent
