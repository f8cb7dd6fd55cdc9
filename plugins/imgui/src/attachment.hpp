// attachment.hpp — one attached ImGui context: the items of the frame being drawn and of the last one, and what is in progress.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "semtrace/imgui.hpp"

namespace semtrace::imgui::detail {

// An item as the ImGuiTestEngineHook_* functions reported it during one frame.
struct Item {
    ImGuiID id = 0;
    ImGuiWindow* window = nullptr;  // the window it was drawn in (maybe a child or a popup)
    ImRect rect;
    ImGuiID seed = 0;               // the ID stack's top when it was drawn: id == ImHashStr(label, seed)
    std::string label;              // as the app passed it: "Save##toolbar"
    ImGuiItemStatusFlags status = 0;
    ImGuiItemFlags item_flags = 0;
    bool labelled = false;          // ItemInfo came: widgets that ImGui reports with a label
    bool drawn = false;             // ItemAdd came and it was not clipped (tabs report info first)
    bool in_tab_bar = false;
    bool in_menu = false;     // in a menu bar or a menu
    ImGuiID popup_id = 0;     // the popup it was drawn in (menus: the id of the menu item that opened it)
    int log_start = -1;             // where its text starts in ImGui's log buffer (sliders being moved)
    std::string value;              // a slider's or drag's value as displayed, read from that log
    std::string role;               // decided at the end of the frame (naming.cpp)
    std::string locator;
};

// The items of one frame. Item objects are reused from frame to frame, their strings keeping
// their capacity: a UI that does not change allocates nothing per frame.
class Frame {
public:
    void clear() noexcept {
        size_ = 0;
        indexed_ = false;
    }
    Item& add(ImGuiID id);  // a new item, or the last one when ImGui reports the same id again
    Item* back() noexcept { return size_ ? &pool_[size_ - 1] : nullptr; }
    Item* find(ImGuiID id);
    const Item* find(ImGuiID id) const { return const_cast<Frame*>(this)->find(id); }
    std::size_t size() const noexcept { return size_; }
    Item* begin() noexcept { return pool_.data(); }
    Item* end() noexcept { return pool_.data() + size_; }
    const Item* begin() const noexcept { return pool_.data(); }
    const Item* end() const noexcept { return pool_.data() + size_; }

private:
    std::vector<Item> pool_;
    std::size_t size_ = 0;
    // Open addressing, built on the first find after adds: item position + 1, 0 for empty.
    // ImGuiIDs are hashes already; rebuilding it allocates nothing once it has grown.
    std::vector<std::uint32_t> slots_;
    bool indexed_ = false;
};

// A value being edited: written once, when the widget lets go of it (not on every keystroke).
// A window or popup the user can see, as open and close actions name it.
struct OpenWindow {
    std::string locator;
    ImGuiID id = 0;  // its node's id in the UI tree
};

struct PendingEdit {
    ImGuiID id = 0;  // the item's, which is its node's id in the UI tree
    std::string locator;
    std::string text;
    bool text_input = false;  // InputText (the text is known); otherwise a slider or drag
    bool secret = false;      // ImGuiInputTextFlags_Password
    bool edited = false;      // changed while active: a field clicked into and left is not a fill
};

// Resolving the label of an item ImGui does not report one for (combo boxes), through the ID
// stack tool's hook: one stage per frame.
struct LabelQuery {
    ImGuiID id = 0;
    int stage = 0;   // 0: ask for the ID stack, 1: ask for the last level's text
    int frames = 0;  // at this stage
};

// A choice in a combo whose label is still being resolved.
struct PendingChoice {
    ImGuiID combo = 0;
    std::string choice;
    int frames_waited = 0;
};

struct Attachment {
    ImGuiContext* context = nullptr;
    Recorder* recorder = nullptr;
    Options options;
    std::vector<ImGuiID> hook_ids;

    Frame frame;  // this frame's items, in the order they were drawn
    Frame last;   // the last complete frame's

    std::unordered_map<ImGuiID, PendingEdit> editing;
    // Roles the hooks cannot tell apart until the item is used: a multi-line text input looks
    // like any item until it is edited, a radio button like a button until it is pressed.
    std::unordered_map<ImGuiID, std::string> learned_roles;
    std::unordered_map<ImGuiID, std::string> resolved_labels;  // ids ImGui gives no label for
    std::vector<LabelQuery> label_queries;
    std::vector<PendingChoice> pending_choices;

    // What the frame showed and what the user did, mixed as the hooks see it: when neither
    // changed since the last frame, nothing can have happened and the frame costs only the hooks.
    std::uint64_t signature = 0, last_signature = 1;
    std::uint64_t last_input = 0;
    ImGuiID last_active_id = 0;
    const ImGuiWindow* last_nav_window = nullptr;
    // After a few unchanged frames, a frame without input starts quiet. Most quiet frames turn
    // ImGui's item hooks off altogether; one in `check_every` keeps them on, only to mix the
    // signature. A change one of those sees, or any input, makes the next frame a full one,
    // which records it: what the app changes by itself is recorded within a few frames.
    static constexpr std::uint64_t check_every = 8;
    int steady_frames = 0;
    bool light = false;  // hooks mix the signature only
    bool off = false;    // hooks not called
    bool dirty = false;  // a quiet frame saw a change it could not record

    std::vector<OpenWindow> open_windows;  // the visible windows and popups, last frame

    // A scroll gesture: from where, to where, how many frames it has been still.
    struct Scroll {
        ImVec2 from, last;
        int still = 0;
    };
    std::unordered_map<ImGuiID, Scroll> scrolling;  // windows and child windows being scrolled
    std::string focused_window;
    bool pause_key_down = false;
    bool logging = false;  // ImGui's text log is on for this frame: a slider or drag is being moved

    // The UI tree as last recorded (ui_tree.cpp).
    std::unordered_map<std::uint64_t, std::uint64_t> tree_hashes;  // node id -> hash of its content
    std::uint64_t tree_hash = 0;                                   // of the whole tree
    double last_keyframe_time = -1e9;
    std::uint64_t frames_seen = 0;
};

Attachment* find(ImGuiContext* context);

inline void mix(std::uint64_t& signature, std::uint64_t value) {
    signature = (signature ^ value) * 0x9E3779B97F4A7C15ull;
    signature ^= signature >> 29;
}

// naming.cpp
std::string_view display_label_view(std::string_view label);  // "Save##toolbar" -> "Save", "A###id" -> "A"
inline std::string display_label(std::string_view label) { return std::string(display_label_view(label)); }
std::string window_locator(const ImGuiWindow* window);   // "window 'Ticket Desk'"
std::string popup_locator(Attachment& a, const ImGuiWindow* popup, ImGuiID popup_id);  // "window 'A'/popup 'menu'"
std::string pane_locator(const ImGuiWindow* window);     // a child window: "window 'Ticket Desk'/pane 'list'"
std::string quoted_step(std::string_view role, std::string_view name);  // "button 'Save'"
void name_items(Attachment& a);                          // role and locator of every labelled item
void ask_labels(Attachment& a);                          // NewFrame: arm this frame's label query
void collect_labels(Attachment& a);                      // EndFrame: read what the query found
// The string an id was made from (a combo box's label, the label InputInt pushes), through the
// ID stack tool; "" until resolved, a frame or two after the first ask.
std::string label_of_id(Attachment& a, ImGuiID id);
ImGuiID combo_of(const Attachment& a, ImGuiID popup_id);  // the combo box that opened a popup

// frame_actions.cpp: the semantic actions one frame holds.
void record_actions(Attachment& a);
void commit_edits(Attachment& a);  // every pending edit, now (detach)
void track_scrolling(Attachment& a);  // every frame: one scroll action per gesture
// ui_tree.cpp: key frames and deltas of the visible tree, only when it changed.
void record_tree(Attachment& a);
// badge.cpp
void draw_badge(Attachment& a);

}  // namespace semtrace::imgui::detail
