// semtrace/vocabulary.hpp — the words every session is made of: action types, value states, control types, bounds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace semtrace {

// What a person did to a target. Numbering is part of the file format: append only.
enum class ActionType : std::uint8_t {
    click = 0,
    double_click = 1,
    context_click = 2,
    fill = 3,
    toggle = 4,
    select = 5,
    submit = 6,
    navigate = 7,
    scroll = 8,
    drag = 9,
    drop = 10,
    focus = 11,
    shortcut = 12,  // a named command ("save"), never a key code
    open = 13,
    close = 14,
    custom = 15,
};
inline constexpr int action_type_count = 16;

// How much of a value was kept. Numbering is part of the file format: append only.
enum class ValueState : std::uint8_t {
    none = 0,      // the action carries no value (a click)
    plain = 1,     // kept as given (an option label, an allowed field)
    masked = 2,    // something was there; nothing of it is kept, not even its length
    redacted = 3,  // kept with typed placeholders such as ⟨EMAIL⟩
};

// Session bookkeeping written by the recorder itself. Numbering is part of the file format.
enum class ControlType : std::uint8_t {
    start = 0,
    pause = 1,
    resume = 2,
    dropped = 3,  // `count` events were lost because the buffer was full
    end = 4,
};
inline constexpr int control_type_count = 5;

// Screen rectangle of a target or node, in the app's logical pixels. All zero means unknown.
struct Bounds {
    float x = 0, y = 0, width = 0, height = 0;
    bool known() const noexcept { return width != 0 || height != 0 || x != 0 || y != 0; }
    friend bool operator==(const Bounds&, const Bounds&) = default;
};

std::string_view name_of(ActionType type) noexcept;
std::string_view name_of(ValueState state) noexcept;
std::string_view name_of(ControlType type) noexcept;

std::optional<ActionType> parse_action_type(std::string_view name) noexcept;
std::optional<ValueState> parse_value_state(std::string_view name) noexcept;
std::optional<ControlType> parse_control_type(std::string_view name) noexcept;

}  // namespace semtrace
