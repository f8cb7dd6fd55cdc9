// time_text.hpp — times as people type them on a command line: "12.5", "12.5s", "250ms", "2m", "1h".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace semtrace::replay {

// Microseconds; nothing for text that is not a non-negative time with a known unit.
std::optional<std::int64_t> parse_duration_us(std::string_view text);

}  // namespace semtrace::replay
