// imgui.hpp — the Dear ImGui plugin: one attach call records an ImGui app semantically; no change to widget code.
//
// What the app does:
//   1. Builds Dear ImGui with IMGUI_ENABLE_TEST_ENGINE defined (one line in imconfig.h, or
//      -DIMGUI_ENABLE_TEST_ENGINE for every file that includes imgui.h), and links
//      libsemtrace_imgui, which defines the ImGuiTestEngineHook_* functions ImGui then calls.
//   2. After ImGui::CreateContext():  semtrace::imgui::attach(ImGui::GetCurrentContext(), recorder);
//   3. Before ImGui::DestroyContext() (or not at all: the plugin detaches itself on shutdown).
//
// What it records, from the frames the app draws: button clicks; checkbox, radio and menu
// toggles; selectable, combo and menu choices; text fills when committed (password fields
// masked, everything through the recorder's privacy policy); slider and drag values when let
// go; tree node and header open/close;
// tab selection; windows and popups opening and closing; focus changes between windows; and
// the visible UI tree (key frames and deltas, only when it changed).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "semtrace/semtrace.hpp"

struct ImGuiContext;

namespace semtrace::imgui {

enum class Corner : std::uint8_t { top_left, top_right, bottom_left, bottom_right };

struct Options {
    bool badge = true;                        // a small "REC" badge, "PAUSED" while paused
    Corner badge_corner = Corner::top_right;
    // The pause hotkey: Ctrl+Shift+ this key toggles Recorder::pause. An index into
    // ImGuiIO::KeysDown (the backend's key code, e.g. GLFW_KEY_P); -1: no hotkey.
    int pause_key = -1;
    std::chrono::milliseconds keyframe_interval{5000};  // a full tree at least this often when it changes
};

// Node::state bits in the UI trees the plugin records.
inline constexpr std::uint32_t node_checked = 1u << 0;  // a checkbox, radio or menu item that is on
inline constexpr std::uint32_t node_open = 1u << 1;     // a tree node, header or menu that is open
inline constexpr std::uint32_t node_focused = 1u << 2;  // the window with keyboard focus

// Fails when the context is already attached or null. The recorder must outlive the attachment.
Result<void> attach(ImGuiContext* context, Recorder& recorder, const Options& options = {});
// Safe to call on a context that is not attached. Called by the plugin itself when ImGui
// shuts the context down.
void detach(ImGuiContext* context);
bool attached(ImGuiContext* context);

// The app's own shortcut handler ran a command ("save"): recorded by its name, never its keys,
// in the window that has the keyboard focus. False when the context is not attached or the
// recorder did not take it (paused, stopped).
bool shortcut(ImGuiContext* context, std::string_view command);

// An item as the plugin saw it in the last complete frame: what recordings and robots refer to.
// Widgets ImGui reports no label for (combo boxes) have an empty locator until one is known.
struct SeenItem {
    std::uint32_t id = 0;    // the ImGuiID
    std::uint32_t seed = 0;  // the ID stack's top when drawn: a label L names it if ImHashStr(L, 0, seed) == id
    std::string locator;   // "window 'Ticket Desk'/button 'Save'"
    std::string role;
    std::string label;
    float x = 0, y = 0, width = 0, height = 0;  // screen coordinates
};
std::vector<SeenItem> items_seen(ImGuiContext* context);

}  // namespace semtrace::imgui
