// frame_actions.cpp — the semantic actions in one ImGui frame: clicks, toggles, choices, committed edits, windows, focus, the pause hotkey.
#include <algorithm>
#include <cmath>

#include "attachment.hpp"

namespace semtrace::imgui::detail {

namespace {

Target target_of(const Item& item) {
    return Target::path(item.locator).with_id(item.id).with_bounds(
        {item.rect.Min.x, item.rect.Min.y, item.rect.GetWidth(), item.rect.GetHeight()});
}

// The text an InputText holds while it is active (ImGui keeps it as wide characters).
std::string active_text(const ImGuiContext& g) {
    const ImGuiInputTextState& s = g.InputTextState;
    std::string out(static_cast<std::size_t>(s.CurLenW) * 4 + 1, '\0');
    int n = ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), s.TextW.Data, s.TextW.Data + s.CurLenW);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// What an item turned out to be once used; it keeps that role from then on.
void rename(Attachment& a, Item& item, const char* role) {
    a.learned_roles[item.id] = role;
    if (item.role == role) return;
    item.role = role;
    item.locator = item.locator.substr(0, item.locator.rfind('/') + 1) + quoted_step(role, display_label(item.label));
}

void commit(Attachment& a, const PendingEdit& edit) {
    Target target = Target::path(edit.locator).with_id(edit.id);
    if (!edit.text_input && edit.text.empty()) a.recorder->fill(target, Value());  // moved and let go within a frame
    else if (edit.secret) a.recorder->fill(target, Value::masked());
    else a.recorder->fill(target, Value::plain(edit.text));
}

void pause_hotkey(Attachment& a) {
    int key = a.options.pause_key;
    const ImGuiIO& io = a.context->IO;
    if (key < 0 || key >= IM_ARRAYSIZE(io.KeysDown)) return;
    bool down = io.KeyCtrl && io.KeyShift && io.KeysDown[key];
    if (down && !a.pause_key_down) a.recorder->toggle_pause();
    a.pause_key_down = down;
}

// Top-level windows, modal dialogs and popups the user can see. Menus and combo lists are
// not: what is chosen in them is the action.
std::vector<OpenWindow> visible_windows(Attachment& a) {
    std::vector<OpenWindow> out;
    for (const ImGuiWindow* w : a.context->Windows) {
        if (!w->Active || w->Hidden) continue;
        if (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildMenu)) continue;
        bool popup = (w->Flags & ImGuiWindowFlags_Popup) && !(w->Flags & ImGuiWindowFlags_Modal);
        if (popup) {
            if (std::string_view(w->Name).substr(0, 8) == "##Combo_") continue;
            // Counted open once its name is known (a frame or two): never as an unnamed popup.
            for (const ImGuiPopupData& p : a.context->OpenPopupStack)
                if (p.Window == w && (label_of_id(a, p.PopupId), a.resolved_labels.count(p.PopupId)))
                    out.push_back({popup_locator(a, w, p.PopupId), w->ID});
            continue;
        }
        if (w->IsFallbackWindow || display_label(w->Name).empty()) continue;  // "Debug##Default", "##MainMenuBar"
        out.push_back({window_locator(w), w->ID});
    }
    return out;
}

bool contains(const std::vector<OpenWindow>& v, const std::string& locator) {
    return std::any_of(v.begin(), v.end(), [&](const OpenWindow& w) { return w.locator == locator; });
}

// A focus action is the user moving from one open window to another, by clicking into it.
// Focus that comes with a window opening, or returns to the window under a dialog, menu or
// combo when it closes, is part of that action. Recorded before what the click did there.
void focus_moves(Attachment& a) {
    const ImGuiWindow* nav = a.context->NavWindow;
    std::string focused = nav && !display_label(nav->RootWindow->Name).empty() ? window_locator(nav) : "";
    const ImGuiWindow* hovered = a.context->HoveredWindow;
    bool moved = !focused.empty() && focused != a.focused_window && !a.focused_window.empty() &&
                 contains(a.open_windows, focused) && hovered && window_locator(hovered) == focused;
    if (moved) a.recorder->focus(Target::path(focused).with_id(nav->RootWindow->ID));
    a.focused_window = focused;
}

// After the frame's actions: a menu item or button opens a window in the frame it is clicked.
void windows_opened_and_closed(Attachment& a) {
    std::vector<OpenWindow> now = visible_windows(a);
    for (const OpenWindow& w : a.open_windows)
        if (!contains(now, w.locator)) a.recorder->close(Target::path(w.locator).with_id(w.id));
    for (const OpenWindow& w : now)
        if (!contains(a.open_windows, w.locator)) a.recorder->open(Target::path(w.locator).with_id(w.id));
    a.open_windows = std::move(now);
}

// Selectables and radio buttons report "edited" when pressed; buttons do not.
void edited_choice(Attachment& a, Item& item) {
    if (item.role == "menu") return;  // opening a menu: what is chosen in it is the action
    if (item.role == "option") {
        if (ImGuiID combo = combo_of(a, item.popup_id)) a.pending_choices.push_back({combo, display_label(item.label), 0});
        return;
    }
    if (item.role == "listitem" || (item.status & ImGuiItemStatusFlags_ToggledSelection)) {
        a.recorder->select(target_of(item), display_label(item.label));
    } else {
        rename(a, item, "radio");  // a radio button: pressing it turns it on
        a.recorder->toggle(target_of(item), true);
    }
}

void item_action(Attachment& a, Item& item) {
    ImGuiContext& g = *a.context;
    ImGuiItemStatusFlags s = item.status;
    if ((s & ImGuiItemStatusFlags_Openable) && (s & ImGuiItemStatusFlags_ToggledOpen) && item.role == "treeitem") {
        if (s & ImGuiItemStatusFlags_Opened) a.recorder->open(target_of(item));
        else a.recorder->close(target_of(item));
    } else if ((s & ImGuiItemStatusFlags_Checkable) && (s & ImGuiItemStatusFlags_Edited)) {
        if (item.role == "menuitem") a.recorder->click(target_of(item));
        else a.recorder->toggle(target_of(item), (s & ImGuiItemStatusFlags_Checked) != 0);
    } else if (item.role == "textbox" || item.role == "slider") {
        if (g.ActiveId != item.id) {
            // Let go this frame: the value it was let go at is what it drew in this frame.
            auto pending = a.editing.find(item.id);
            if (pending != a.editing.end() && !pending->second.text_input && !item.value.empty())
                pending->second.text = item.value;
            return;
        }
        // Active without a text state: a slider or drag being moved, not text being typed.
        rename(a, item, g.InputTextState.ID == item.id ? "textbox" : "slider");
        PendingEdit& edit = a.editing[item.id];
        bool text = g.InputTextState.ID == item.id;
        edit.edited = edit.edited || (s & ImGuiItemStatusFlags_Edited);
        edit.id = item.id;
        edit.locator = item.locator;
        edit.text_input = text;
        if (!text && !item.value.empty()) edit.text = item.value;  // as the slider displays it
        if (text) {
            // InputInt and friends edit with ImGuiInputTextFlags_NoMarkEdited: compare with
            // the text the field held when it was activated instead.
            std::string now = active_text(g);
            const ImVector<char>& initial = g.InputTextState.InitialTextA;
            edit.edited = edit.edited || now != std::string(initial.Data ? initial.Data : "");
            edit.secret = g.InputTextState.Flags & ImGuiInputTextFlags_Password;
            edit.text = edit.secret ? std::string() : std::move(now);
        }
    } else if (s & ImGuiItemStatusFlags_Edited) {
        edited_choice(a, item);
    }
}

// Edits end when the widget lets go: Enter, Tab, a click elsewhere. A text field clicked into
// and left unchanged was not filled.
void edits_finished(Attachment& a) {
    const ImGuiContext& g = *a.context;
    for (auto it = a.editing.begin(); it != a.editing.end();) {
        if (g.ActiveId == it->first) {
            ++it;
            continue;
        }
        if (it->second.edited) commit(a, it->second);
        it = a.editing.erase(it);
    }
}

// A press released over the same button is a click; so is Enter or Space on the focused one.
void clicks(Attachment& a) {
    const ImGuiContext& g = *a.context;
    ImGuiID id = 0;
    if (g.IO.MouseReleased[0] && g.ActiveIdPreviousFrame != 0 && g.ActiveId == 0) id = g.ActiveIdPreviousFrame;
    if (g.NavActivatePressedId != 0) id = g.NavActivatePressedId;
    Item* found = id ? a.frame.find(id) : nullptr;
    if (!found) return;
    Item& item = *found;
    if (!item.labelled || !item.drawn || (item.status & ImGuiItemStatusFlags_Edited)) return;
    if (g.NavActivatePressedId == 0 && !item.rect.Contains(g.IO.MousePos)) return;  // dragged off: no click
    if (item.role == "button") a.recorder->click(target_of(item));
    else if (item.role == "tab") a.recorder->select(target_of(item), display_label(item.label));
}

void choices_waiting(Attachment& a) {
    for (auto it = a.pending_choices.begin(); it != a.pending_choices.end();) {
        std::string label = label_of_id(a, it->combo);
        bool resolved = a.resolved_labels.count(it->combo) > 0;
        if (!resolved && ++it->frames_waited < 10) {
            ++it;
            continue;
        }
        const Item* combo = a.frame.find(it->combo);
        if (!combo) combo = a.last.find(it->combo);
        std::string locator = (combo ? window_locator(combo->window) : window_locator(nullptr)) + "/" +
                              quoted_step("combobox", label);
        a.recorder->select(Target::path(locator).with_id(it->combo), it->choice);
        it = a.pending_choices.erase(it);
    }
}

}  // namespace

void record_actions(Attachment& a) {
    pause_hotkey(a);
    focus_moves(a);
    for (Item& item : a.frame)
        if (item.labelled && item.drawn) item_action(a, item);
    edits_finished(a);
    clicks(a);
    choices_waiting(a);
    windows_opened_and_closed(a);
}

// One scroll action per gesture: a window's scroll position moves, then stays still for a
// quarter of a second; the direction is where it ended up from where it started. Only the
// user's scrolling is a gesture (the wheel, a dragged scrollbar, keys): a log window that
// follows its last line moves by itself, and that is not an action.
void track_scrolling(Attachment& a) {
    constexpr int still_frames = 15;
    const ImGuiContext& g = *a.context;
    bool user = g.IO.MouseWheel != 0 || g.IO.MouseWheelH != 0 || g.ActiveId != 0 || g.NavMoveDir != ImGuiDir_None;
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup))) continue;
        auto it = a.scrolling.find(w->ID);
        if (it == a.scrolling.end()) {
            if (w->Scroll.x != 0 || w->Scroll.y != 0 || w->ScrollMax.y > 0 || w->ScrollMax.x > 0)
                a.scrolling.emplace(w->ID, Attachment::Scroll{w->Scroll, w->Scroll, still_frames + 1});
            continue;
        }
        Attachment::Scroll& s = it->second;
        bool moved = w->Scroll.x != s.last.x || w->Scroll.y != s.last.y;
        bool in_gesture = s.still <= still_frames;
        if (moved && !user && !in_gesture) {
            s.from = s.last = w->Scroll;  // the app scrolled it: no gesture begins
        } else if (moved) {
            if (!in_gesture) s.from = s.last;  // a new gesture starts where the last one ended
            s.last = w->Scroll;
            s.still = 0;
        } else if (++s.still == still_frames) {
            float dx = s.last.x - s.from.x, dy = s.last.y - s.from.y;
            const char* direction = std::abs(dy) >= std::abs(dx) ? (dy > 0 ? "down" : "up") : (dx > 0 ? "right" : "left");
            if (dx != 0 || dy != 0) a.recorder->scroll(Target::path(pane_locator(w)), direction);
        }
    }
}

void commit_edits(Attachment& a) {
    for (const auto& [id, edit] : a.editing)
        if (edit.edited) commit(a, edit);
    a.editing.clear();
}

}  // namespace semtrace::imgui::detail
