// timeline.cpp — the timeline bar: ticks binned per pixel (a million actions cost one pass per resize), task spans, scrubbing.
#include <algorithm>

#include "replay_window.hpp"
#include "timeline.hpp"

namespace semtrace::replay_app {

void Timeline::count_ticks(const std::vector<StepSummary>& steps, std::int64_t end_us, int width) {
    ticks_.assign(static_cast<std::size_t>(std::max(width, 1)), 0);
    for (const StepSummary& s : steps) {
        double at = end_us > 0 ? static_cast<double>(s.t_us) / static_cast<double>(end_us) : 0.0;
        auto column = static_cast<std::size_t>(std::clamp(at * (width - 1), 0.0, static_cast<double>(width - 1)));
        ticks_[column] = 1;
    }
    ticks_width_ = width;
    ticks_steps_ = steps.size();
}

std::optional<std::int64_t> Timeline::draw(const std::vector<StepSummary>& steps, std::int64_t end_us, std::int64_t t_us,
                                           const replay::Annotations* annotations) {
    float width = std::max(ImGui::GetContentRegionAvail().x, 10.0f), height = 26;
    min_ = ImGui::GetCursorScreenPos();
    max_ = ImVec2(min_.x + width, min_.y + height);
    ImGui::InvisibleButton("timeline", ImVec2(width, height));
    int columns = static_cast<int>(width);
    if (columns != ticks_width_ || steps.size() != ticks_steps_) count_ticks(steps, end_us, columns);
    auto x_of = [&](std::int64_t t) {
        return min_.x + (end_us > 0 ? static_cast<float>(static_cast<double>(t) / static_cast<double>(end_us)) : 0.0f) * (width - 1);
    };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min_, max_, IM_COL32(35, 38, 45, 255));
    if (annotations)
        for (const replay::Task& task : annotations->tasks) {
            if (task.start_step >= steps.size()) continue;
            std::int64_t from = steps[task.start_step].t_us;
            std::int64_t to = steps[std::min<std::size_t>(task.end_step, steps.size() - 1)].t_us;
            draw->AddRectFilled(ImVec2(x_of(from), min_.y + 2), ImVec2(std::max(x_of(to), x_of(from) + 2), min_.y + 10),
                                task_span_colour);
        }
    for (int x = 0; x < columns; ++x)
        if (ticks_[static_cast<std::size_t>(x)])
            draw->AddRectFilled(ImVec2(min_.x + static_cast<float>(x), min_.y + 13),
                                ImVec2(min_.x + static_cast<float>(x) + 1, max_.y - 2), tick_colour);
    float cursor = x_of(t_us);
    draw->AddRectFilled(ImVec2(cursor - 1, min_.y), ImVec2(cursor + 1, max_.y), IM_COL32(255, 90, 80, 255));
    if (!ImGui::IsItemActive() || end_us <= 0) return std::nullopt;
    float f = std::clamp((ImGui::GetIO().MousePos.x - min_.x) / (width - 1), 0.0f, 1.0f);
    return static_cast<std::int64_t>(static_cast<double>(f) * static_cast<double>(end_us));
}

}  // namespace semtrace::replay_app
