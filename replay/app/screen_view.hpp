// screen_view.hpp — the reconstructed screen: the UI tree drawn as a wireframe at its recorded bounds.
#pragma once

#include <cstdint>

#include <imgui.h>

#include "ui_tree.hpp"

namespace semtrace::replay_app {

// The colour of the acted-on node's box: what screenshot tests look for.
inline constexpr ImU32 highlight_colour = IM_COL32(255, 196, 0, 255);

// Draws every node with bounds into [origin, origin + size), scaled to fit the recorded
// screen; the node `highlight` (0: none) is filled with highlight_colour. Masked and redacted
// values are shown as such, never as text they do not have.
void draw_screen(ImDrawList* draw, ImVec2 origin, ImVec2 size, const replay::UiTree& tree, std::uint64_t highlight);

}  // namespace semtrace::replay_app
