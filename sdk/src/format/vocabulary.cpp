// vocabulary.cpp — names of action types, value states and control types, both ways.
#include "semtrace/vocabulary.hpp"

#include <array>

namespace semtrace {
namespace {

constexpr std::array<std::string_view, action_type_count> action_names = {
    "click", "double_click", "context_click", "fill",  "toggle", "select", "submit", "navigate",
    "scroll", "drag",        "drop",          "focus", "shortcut", "open", "close",  "custom",
};
constexpr std::array<std::string_view, 4> value_state_names = {"none", "plain", "masked", "redacted"};
constexpr std::array<std::string_view, control_type_count> control_names = {"start", "pause", "resume",
                                                                            "dropped", "end"};

template <class Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<Enum>(i);
    return std::nullopt;
}

template <std::size_t N>
std::string_view name_at(const std::array<std::string_view, N>& names, std::size_t index) {
    return index < N ? names[index] : std::string_view("unknown");
}

}  // namespace

std::string_view name_of(ActionType type) noexcept { return name_at(action_names, static_cast<std::size_t>(type)); }
std::string_view name_of(ValueState state) noexcept { return name_at(value_state_names, static_cast<std::size_t>(state)); }
std::string_view name_of(ControlType type) noexcept { return name_at(control_names, static_cast<std::size_t>(type)); }

std::optional<ActionType> parse_action_type(std::string_view name) noexcept {
    return find_name<ActionType>(action_names, name);
}
std::optional<ValueState> parse_value_state(std::string_view name) noexcept {
    return find_name<ValueState>(value_state_names, name);
}
std::optional<ControlType> parse_control_type(std::string_view name) noexcept {
    return find_name<ControlType>(control_names, name);
}

}  // namespace semtrace
