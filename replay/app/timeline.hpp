// timeline.hpp — the timeline: action ticks, task spans, the current instant; click or drag to scrub.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <imgui.h>

#include "annotations.hpp"

namespace semtrace::replay_app {

struct StepSummary;

// Colours the timeline draws with: what screenshot tests look for.
inline constexpr ImU32 task_span_colour = IM_COL32(70, 140, 230, 255);
inline constexpr ImU32 tick_colour = IM_COL32(200, 200, 200, 255);

class Timeline {
public:
    // Draws the bar across the available width; returns the instant the user clicked or dragged to.
    std::optional<std::int64_t> draw(const std::vector<StepSummary>& steps, std::int64_t end_us, std::int64_t t_us,
                                     const replay::Annotations* annotations);
    ImVec2 min() const noexcept { return min_; }  // where it was drawn last
    ImVec2 max() const noexcept { return max_; }

private:
    void count_ticks(const std::vector<StepSummary>& steps, std::int64_t end_us, int width);
    std::vector<std::uint8_t> ticks_;  // per pixel column: an action falls in it; counted once per width
    int ticks_width_ = -1;
    std::size_t ticks_steps_ = 0;
    ImVec2 min_{}, max_{};
};

}  // namespace semtrace::replay_app
