// badge.cpp — the recording indicator: a small "REC" badge (or "PAUSED") the person being recorded can always see.
#include "attachment.hpp"

namespace semtrace::imgui::detail {

void draw_badge(Attachment& a) {
    if (!a.options.badge) return;
    ImGuiContext& g = *a.context;
    bool paused = a.recorder->paused();
    const char* text = paused ? "PAUSED" : "REC";
    ImVec2 size = ImGui::CalcTextSize(text);
    const float pad = 4.0f, margin = 6.0f, dot = size.y * 0.5f;
    ImVec2 box(size.x + dot * 2 + pad * 3, size.y + pad * 2);
    ImVec2 display = g.IO.DisplaySize;
    bool right = a.options.badge_corner == Corner::top_right || a.options.badge_corner == Corner::bottom_right;
    bool bottom = a.options.badge_corner == Corner::bottom_left || a.options.badge_corner == Corner::bottom_right;
    ImVec2 min(right ? display.x - box.x - margin : margin, bottom ? display.y - box.y - margin : margin);
    ImVec2 max(min.x + box.x, min.y + box.y);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRectFilled(min, max, IM_COL32(20, 20, 20, 200), 4.0f);
    ImU32 colour = paused ? IM_COL32(200, 200, 200, 255) : IM_COL32(230, 40, 40, 255);
    draw->AddCircleFilled(ImVec2(min.x + pad + dot, min.y + box.y * 0.5f), dot * 0.8f, colour);
    draw->AddText(ImVec2(min.x + pad * 2 + dot * 2, min.y + pad), IM_COL32(255, 255, 255, 255), text);
}

}  // namespace semtrace::imgui::detail
