// naming.cpp — what to call an item: its role, its label without ImGui's ## suffixes, and its locator through windows, menus and combos.
#include <cmath>
#include <cstring>

#include "attachment.hpp"

namespace semtrace::imgui::detail {

namespace {

bool is_combo_window(const ImGuiWindow* w) { return w && std::strncmp(w->Name, "##Combo_", 8) == 0; }

const Item* item_by_id(const Attachment& a, ImGuiID id) {
    if (const Item* item = a.frame.find(id)) return item;
    return a.last.find(id);
}

std::string role_of(const Attachment& a, const Item& item) {
    const ImGuiWindow* w = item.window;
    bool in_menu = item.in_menu;
    if (item.in_tab_bar) return "tab";
    if (item.status & ImGuiItemStatusFlags_Openable) return in_menu ? "menu" : "treeitem";
    if (item.status & ImGuiItemStatusFlags_Checkable) return in_menu ? "menuitem" : "checkbox";
    if (auto learned = a.learned_roles.find(item.id); learned != a.learned_roles.end()) return learned->second;
    if ((item.item_flags & ImGuiItemFlags_Inputable) || a.context->InputTextState.ID == item.id) return "textbox";
    if (is_combo_window(w)) return "option";
    // A selectable spans the width it is given and is a text line tall (a list row); a button
    // or radio is a frame tall (text plus frame padding), whatever its width.
    const ImGuiContext& g = *a.context;
    bool frame_tall = std::abs(item.rect.GetHeight() - (g.FontSize + g.Style.FramePadding.y * 2)) < 0.5f;
    bool spans = w && item.rect.Max.x >= w->WorkRect.Max.x - 1.0f && item.rect.GetWidth() > w->WorkRect.GetWidth() * 0.5f;
    return spans && !frame_tall ? "listitem" : "button";
}

}  // namespace

std::string_view display_label_view(std::string_view label) {
    if (auto hidden = label.find("##"); hidden != std::string_view::npos) return label.substr(0, hidden);
    return label;
}

std::string quoted_step(std::string_view role, std::string_view name) {
    std::string step(role);
    step += " '";
    for (char c : name) {
        if (c == '\'' || c == '\\') step += '\\';
        step += c;
    }
    step += '\'';
    return step;
}

ImGuiID combo_of(const Attachment& a, ImGuiID popup_id) {
    if (popup_id == 0) return 0;
    for (const auto* items : {&a.frame, &a.last})
        for (const Item& item : *items)
            if (ImHashStr("##ComboPopup", 0, item.id) == popup_id) return item.id;
    return 0;
}

std::string window_locator(const ImGuiWindow* window) {
    if (!window) return quoted_step("window", "");
    const ImGuiWindow* root = window->RootWindow ? window->RootWindow : window;
    if (std::strcmp(root->Name, "##MainMenuBar") == 0) return quoted_step("menubar", "main");
    bool modal = root->Flags & ImGuiWindowFlags_Modal;
    return quoted_step(modal ? "dialog" : "window", display_label(root->Name));
}

// The same item drawn the same way as in the last frame keeps its locator: most frames build
// no string at all.
bool reuse_locator(Attachment& a, Item& item) {
    const Item* found = a.last.find(item.id);
    if (!found) return false;
    const Item& p = *found;
    if (p.locator.empty() || p.role != item.role || p.window != item.window || p.label != item.label ||
        p.popup_id != item.popup_id || display_label_view(item.label).empty())
        return false;
    item.locator.assign(p.locator);  // into the capacity the pooled item already has
    return true;
}

// A popup opened with OpenPopup("str_id") is named after str_id, read back from its id.
std::string popup_locator(Attachment& a, const ImGuiWindow* popup, ImGuiID popup_id) {
    const ImGuiWindow* under = popup->ParentWindow ? popup->ParentWindow : popup;
    std::string name = popup_id ? label_of_id(a, popup_id) : "";
    return window_locator(under) + "/" + quoted_step("popup", name);
}

// Child windows are named "Parent/child_0123ABCD" (or "Parent/0123ABCD" without a name).
std::string pane_locator(const ImGuiWindow* window) {
    if (!(window->Flags & ImGuiWindowFlags_ChildWindow)) return window_locator(window);
    std::string_view name = window->Name;
    name = name.substr(name.rfind('/') + 1);
    if (name.size() >= 9 && name[name.size() - 9] == '_') name = name.substr(0, name.size() - 9);
    else if (name.size() == 8) name = {};
    return window_locator(window) + "/" + quoted_step("pane", display_label_view(name));
}

void name_items(Attachment& a) {
    // Owners first: a menu's items are named after the menu, which is drawn before them.
    for (Item& item : a.frame) {
        if (!item.labelled || !item.drawn) continue;
        item.role = role_of(a, item);
        const ImGuiWindow* w = item.window;
        bool in_popup = w && (w->Flags & ImGuiWindowFlags_Popup) && !(w->Flags & ImGuiWindowFlags_Modal);
        if (!in_popup && reuse_locator(a, item)) continue;
        std::string parent;
        if (in_popup) {
            if (is_combo_window(w)) {
                if (ImGuiID combo = combo_of(a, item.popup_id))
                    if (const Item* owner = item_by_id(a, combo))
                        parent = window_locator(owner->window) + "/" + quoted_step("combobox", label_of_id(a, combo));
            } else if (const Item* owner = item_by_id(a, item.popup_id); owner && !owner->locator.empty()) {
                parent = owner->locator;  // a menu's items: "menubar 'main'/menu 'File'/menuitem 'Save'"
            }
            if (parent.empty()) parent = popup_locator(a, w, item.popup_id);
        } else {
            parent = window_locator(w);
        }
        // InputInt, InputFloat: an unlabelled text field under PushID(label); named after that.
        // (Only text fields: an unlabelled button such as ArrowButton("##left") is not named
        // after whatever pushed the ID it sits under.)
        std::string name = display_label(item.label);
        if (name.empty() && item.seed && item.role == "textbox") name = label_of_id(a, item.seed);
        item.locator = parent + "/" + quoted_step(item.role, name);
    }
}

// --- labels ImGui does not report (combo boxes), through the ID stack tool's hook ------------

// Queries run one at a time, one stage per frame. The hook fires when the app's own code
// computes the id from its label (BeginCombo does, every frame the combo is drawn).
void ask_labels(Attachment& a) {
    if (a.label_queries.empty()) return;
    ImGuiContext& g = *a.context;
    ImGuiStackTool& tool = g.DebugStackTool;
    if (g.FrameCount == tool.LastActiveFrame + 1) return;  // the app's own Stack Tool window is using it
    LabelQuery& q = a.label_queries.front();
    if (q.stage == 0) {
        tool.StackLevel = -1;
        tool.Results.resize(0);
    } else {
        tool.StackLevel = tool.Results.Size - 1;
        ImGuiStackLevelInfo& info = tool.Results[tool.StackLevel];
        info.QueryFrameCount = 1;
        info.QuerySuccess = false;
        info.Desc[0] = 0;
    }
    tool.QueryId = q.id;
    g.DebugHookIdInfo = q.id;
}

void collect_labels(Attachment& a) {
    if (a.label_queries.empty()) return;
    ImGuiContext& g = *a.context;
    ImGuiStackTool& tool = g.DebugStackTool;
    LabelQuery& q = a.label_queries.front();
    g.DebugHookIdInfo = 0;
    bool done = false;
    if (q.stage == 0 && tool.StackLevel == 0 && tool.Results.Size > 0 && tool.Results.back().ID == q.id) {
        q.stage = 1;
        q.frames = 0;
    } else if (q.stage == 1 && tool.Results.Size > 0 && tool.Results.back().QuerySuccess) {
        std::string desc = tool.Results.back().Desc;  // "\"Priority\"" for a string id
        if (desc.size() >= 2 && desc.front() == '"' && desc.back() == '"') desc = desc.substr(1, desc.size() - 2);
        a.resolved_labels[q.id] = display_label(desc);
        done = true;
    }
    // An item that is no longer drawn never answers: give up after a few frames.
    if (!done && ++q.frames > 4) {
        a.resolved_labels.emplace(q.id, "");
        done = true;
    }
    if (done) a.label_queries.erase(a.label_queries.begin());
}

std::string label_of_id(Attachment& a, ImGuiID id) {
    if (auto it = a.resolved_labels.find(id); it != a.resolved_labels.end()) return it->second;
    bool asked = false;
    for (const LabelQuery& q : a.label_queries) asked = asked || q.id == id;
    if (!asked) a.label_queries.push_back({id, 0, 0});
    return "";
}

}  // namespace semtrace::imgui::detail
