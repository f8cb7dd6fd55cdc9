// time_text.cpp — parse_duration_us: a number and an optional unit (s, ms, us, m, h) into microseconds.
#include <charconv>
#include <cmath>

#include "time_text.hpp"

namespace semtrace::replay {

std::optional<std::int64_t> parse_duration_us(std::string_view text) {
    double number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || !std::isfinite(number) || number < 0) return std::nullopt;
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    double scale = unit.empty() || unit == "s" ? 1e6 : unit == "ms" ? 1e3 : unit == "us" ? 1 : unit == "m" ? 60e6
                 : unit == "h"                  ? 3600e6
                                                : -1;
    if (scale < 0 || number * scale > 9e18) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(number * scale));
}

}  // namespace semtrace::replay
