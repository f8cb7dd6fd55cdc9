// screen_view.cpp — draw_screen: boxes at recorded bounds with role and name, the current action's target filled.
#include <algorithm>
#include <string>

#include "screen_view.hpp"

namespace semtrace::replay_app {

namespace {

std::string caption(const format::Node& n) {
    std::string s = n.role;
    if (!n.name.empty()) {
        s += " '";
        s += n.name;
        s += '\'';
    }
    if (n.value.state == ValueState::masked) s += " <masked>";
    else if (n.value.state == ValueState::redacted) s += " \"" + n.value.text + "\" (redacted)";
    else if (n.value.state == ValueState::plain) s += " \"" + n.value.text + "\"";
    return s;
}

}  // namespace

void draw_screen(ImDrawList* draw, ImVec2 origin, ImVec2 size, const replay::UiTree& tree, std::uint64_t highlight) {
    // The recorded screen's extent: what must fit.
    float max_x = 1, max_y = 1;
    auto nodes = tree.nodes();
    for (const format::Node* n : nodes) {
        max_x = std::max(max_x, n->bounds.x + n->bounds.width);
        max_y = std::max(max_y, n->bounds.y + n->bounds.height);
    }
    float scale = std::min(size.x / max_x, size.y / max_y);
    auto at = [&](float x, float y) { return ImVec2(origin.x + x * scale, origin.y + y * scale); };
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(24, 24, 28, 255));
    for (const format::Node* n : nodes) {
        if (!n->bounds.known()) continue;
        ImVec2 min = at(n->bounds.x, n->bounds.y), max = at(n->bounds.x + n->bounds.width, n->bounds.y + n->bounds.height);
        bool target = n->id == highlight;
        if (target) draw->AddRectFilled(min, max, highlight_colour);
        bool window = n->role == "window" || n->role == "dialog";
        draw->AddRect(min, max, window ? IM_COL32(120, 140, 200, 255) : IM_COL32(150, 150, 150, 255));
        std::string text = caption(*n);
        draw->PushClipRect(min, max, true);
        draw->AddText(ImVec2(min.x + 3, min.y + 2), target ? IM_COL32(0, 0, 0, 255) : IM_COL32(230, 230, 230, 255),
                      text.c_str());
        draw->PopClipRect();
    }
}

}  // namespace semtrace::replay_app
