// item_hooks.cpp — the ImGuiTestEngineHook_* functions ImGui (built with IMGUI_ENABLE_TEST_ENGINE) calls for every item it draws.
#include "attachment.hpp"

using semtrace::imgui::detail::Attachment;
using semtrace::imgui::detail::Item;

namespace {

Item& item_for(Attachment& a, ImGuiID id) {
    auto [it, added] = a.frame_index.try_emplace(id, a.frame.size());
    if (added) a.frame.emplace_back().id = id;
    return a.frame[it->second];
}

}  // namespace

// Every item with an id, with its bounding box, in the window being drawn.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    Attachment* a = semtrace::imgui::detail::find(ctx);
    if (!a || id == 0) return;
    Item& item = item_for(*a, id);
    item.window = ctx->CurrentWindow;
    item.rect = bb;
    if (item.window && !item.window->IDStack.empty()) item.seed = item.window->IDStack.back();
}

// The label and state of the widgets that report them (buttons, checkboxes, inputs, trees, ...).
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    Attachment* a = semtrace::imgui::detail::find(ctx);
    if (!a || id == 0) return;
    Item& item = item_for(*a, id);
    if (!item.window) item.window = ctx->CurrentWindow;
    item.label = label ? label : "";
    item.status = flags;
    item.item_flags = ctx->LastItemData.InFlags;
    item.labelled = true;
    item.in_tab_bar = ctx->CurrentTabBar != nullptr;
    // Known now, gone by the end of the frame: a click in a menu closes it (the popup being
    // drawn stays on BeginPopupStack until its End, even once closed).
    if (const ImGuiWindow* w = ctx->CurrentWindow) {
        item.in_menu = (w->Flags & ImGuiWindowFlags_ChildMenu) || w->DC.NavLayerCurrent == ImGuiNavLayer_Menu;
        if (w->Flags & ImGuiWindowFlags_Popup)
            for (const ImGuiPopupData& p : ctx->BeginPopupStack)
                if (p.Window == w) item.popup_id = p.PopupId;
    }
}

// ImGui's test log: not recorded (it may carry anything the app prints).
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

// ImGui's Stack Tool asks the test engine for an item's label: the one seen in the last frame.
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* ctx, ImGuiID id) {
    Attachment* a = semtrace::imgui::detail::find(ctx);
    if (!a) return nullptr;
    auto it = a->last_index.find(id);
    return it == a->last_index.end() ? nullptr : a->last[it->second].label.c_str();
}
