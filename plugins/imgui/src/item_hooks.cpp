// item_hooks.cpp — the ImGuiTestEngineHook_* functions ImGui (built with IMGUI_ENABLE_TEST_ENGINE) calls for every item it draws.
#include <cctype>
#include <cstring>
#include <xxhash.h>

#include "attachment.hpp"

using semtrace::imgui::detail::Attachment;
using semtrace::imgui::detail::Item;

namespace {

// ItemInfo follows the ItemAdd of its item, at most a few items later (a tree node's arrow, an
// input's buttons); a tab reports it just before. Items that never get their ItemAdd (ImGui
// reports info for some items it clips) stay not drawn and are left out.
Item& item_for_info(Attachment& a, ImGuiID id) {
    Item* begin = a.frame.begin();
    for (Item* it = a.frame.end(); it != begin && a.frame.end() - it < 8;)
        if ((--it)->id == id) return *it;
    return a.frame.add(id);
}

// What a slider drew since its ItemAdd: its value, then its label ("1.350 Font scale").
std::string value_drawn(const ImGuiContext& g, const Item& item) {
    std::string_view drawn(g.LogBuffer.begin() + item.log_start,
                           static_cast<std::size_t>(g.LogBuffer.size() - item.log_start));
    auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    drawn = trim(drawn);
    std::string_view label = semtrace::imgui::detail::display_label_view(item.label);
    if (!label.empty() && drawn.size() >= label.size() && drawn.substr(drawn.size() - label.size()) == label)
        drawn = trim(drawn.substr(0, drawn.size() - label.size()));
    if (drawn.size() >= 2 && drawn.front() == '{' && drawn.back() == '}')  // how a log marks a slider's value
        drawn = trim(drawn.substr(1, drawn.size() - 2));
    return std::string(drawn);
}

// The frame's signature mixes the same values in full and in quiet frames, so the two compare.
void mix_added(Attachment& a, ImGuiID id, const ImRect& bb) {
    semtrace::imgui::detail::mix(a.signature, id);
    std::uint32_t corners[4];
    std::memcpy(corners, &bb, sizeof corners);
    semtrace::imgui::detail::mix(a.signature, (std::uint64_t{corners[0]} << 32) ^ corners[1]);
    semtrace::imgui::detail::mix(a.signature, (std::uint64_t{corners[2]} << 32) ^ corners[3]);
}

// Hovering changes nothing worth recording: not part of the signature.
void mix_info(Attachment& a, std::string_view label, ImGuiItemStatusFlags flags) {
    constexpr ImGuiItemStatusFlags hover = ImGuiItemStatusFlags_HoveredRect | ImGuiItemStatusFlags_HoveredWindow;
    semtrace::imgui::detail::mix(a.signature,
                                 XXH3_64bits(label.data(), label.size()) ^ static_cast<std::uint32_t>(flags & ~hover));
}

// What the user cannot see is not recorded: ImGui's own visibility test (IsClippedEx), done
// before ImGui does it so that a list of 10,000 rows costs what its visible rows cost.
bool clipped(const ImGuiContext& g, const ImRect& bb, ImGuiID id) {
    const ImGuiWindow* w = g.CurrentWindow;
    return w && !w->ClipRect.Overlaps(bb) && id != g.ActiveId && id != g.NavId;
}

}  // namespace

// Every item with an id, with its bounding box, in the window being drawn.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    if (id == 0 || clipped(*ctx, bb, id)) return;  // most items of a long window: nothing else to do
    auto* a = static_cast<Attachment*>(ctx->TestEngine);
    if (!a) return;
    if (a->light) {  // a quiet frame: only the signature, to learn whether it really was
        mix_added(*a, id, bb);
        return;
    }
    Item& item = a->frame.add(id);
    item.window = ctx->CurrentWindow;
    item.rect = bb;
    item.drawn = true;
    // Sliders and drags report that their value changed, not the value. While one is being
    // moved, ImGui's own text log (to a buffer) is on from its ItemAdd to its ItemInfo: the
    // value is read where the slider drew it. Not when the app logs; auto-open depth 0, so the
    // log opens no tree node.
    if (id == ctx->ActiveId && !ctx->LogEnabled) {
        auto editing = a->editing.find(id);
        if (editing != a->editing.end() && !editing->second.text_input) {
            ImGui::LogToBuffer(0);
            a->logging = true;
            item.log_start = 0;
        }
    }
    mix_added(*a, id, bb);
    if (item.window && !item.window->IDStack.empty()) item.seed = item.window->IDStack.back();
}

// The label and state of the widgets that report them (buttons, checkboxes, inputs, trees, ...).
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    auto* a = static_cast<Attachment*>(ctx->TestEngine);
    if (!a || id == 0) return;
    if (a->light) {
        mix_info(*a, label ? std::string_view(label) : std::string_view(), flags);
        return;
    }
    Item& item = item_for_info(*a, id);
    if (!item.window) item.window = ctx->CurrentWindow;
    item.label = label ? label : "";
    item.status = flags;
    if (item.log_start >= 0 && a->logging && ctx->LogEnabled) {
        item.value = value_drawn(*ctx, item);
        ImGui::LogFinish();
        a->logging = false;
    }
    mix_info(*a, item.label, flags);
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
    auto* a = static_cast<Attachment*>(ctx->TestEngine);
    if (!a) return nullptr;
    const Item* item = a->last.find(id);
    return item ? item->label.c_str() : nullptr;
}
