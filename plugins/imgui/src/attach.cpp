// attach.cpp — attach and detach: the context hooks that run the plugin once per frame, and the registry of attached contexts.
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <xxhash.h>

#include "attachment.hpp"

namespace semtrace::imgui {

namespace detail {

Item& Frame::add(ImGuiID id) {
    if (size_ && pool_[size_ - 1].id == id) return pool_[size_ - 1];
    if (size_ == pool_.size()) pool_.emplace_back();
    Item& item = pool_[size_++];
    item.id = id;
    item.window = nullptr;
    item.rect = ImRect();
    item.seed = 0;
    item.label.clear();
    item.status = 0;
    item.item_flags = 0;
    item.labelled = item.drawn = item.in_tab_bar = item.in_menu = false;
    item.popup_id = 0;
    item.log_start = -1;
    item.value.clear();
    item.role.clear();
    item.locator.clear();
    indexed_ = false;
    return item;
}

Item* Frame::find(ImGuiID id) {
    if (!indexed_) {
        std::size_t capacity = 16;
        while (capacity < size_ * 2) capacity *= 2;
        slots_.assign(capacity, 0);
        for (std::size_t i = 0; i < size_; ++i) {
            std::size_t s = pool_[i].id & (capacity - 1);
            while (slots_[s] && pool_[slots_[s] - 1].id != pool_[i].id) s = (s + 1) & (capacity - 1);
            if (!slots_[s]) slots_[s] = static_cast<std::uint32_t>(i + 1);  // the first of a repeated id
        }
        indexed_ = true;
    }
    for (std::size_t s = id & (slots_.size() - 1);; s = (s + 1) & (slots_.size() - 1)) {
        if (!slots_[s]) return nullptr;
        if (pool_[slots_[s] - 1].id == id) return &pool_[slots_[s] - 1];
    }
}

namespace {

// Few contexts are ever attached (one per app window); a linear search beats hashing here,
// and item hooks look the context up for every widget.
std::mutex registry_mutex;
std::vector<std::unique_ptr<Attachment>> registry;

// A value log left open (the slider's info never came): closed before the frame ends.
void stop_value_log(Attachment& a) {
    if (!a.logging) return;
    ImGui::LogFinish();  // nothing when ImGui's End() already closed it
    a.logging = false;
}

// Buttons, keys and typed characters this frame (not the mouse position: hovering is no action).
std::uint64_t input_state(const ImGuiIO& io) {
    // Packed by hand: a struct's padding bytes are not guaranteed to be the same twice.
    std::uint8_t small[9 + 3 * sizeof(float)] = {io.MouseDown[0], io.MouseDown[1], io.MouseDown[2], io.MouseDown[3],
                                                 io.MouseDown[4], io.KeyCtrl,      io.KeyShift,     io.KeyAlt,
                                                 io.KeySuper};
    float numbers[3] = {static_cast<float>(io.InputQueueCharacters.Size), io.MouseWheel, io.MouseWheelH};
    std::memcpy(small + 9, numbers, sizeof numbers);
    return XXH3_64bits(io.KeysDown, sizeof io.KeysDown) ^ XXH3_64bits(small, sizeof small);
}

void on_new_frame(ImGuiContext*, ImGuiContextHook* hook) {
    auto* a = static_cast<Attachment*>(hook->UserData);
    a->frame.clear();
    a->signature = 0;
    ask_labels(*a);
    bool quiet = a->steady_frames >= 2 && !a->dirty && input_state(a->context->IO) == a->last_input &&
                 a->editing.empty() && a->label_queries.empty() && a->pending_choices.empty();
    a->off = quiet && a->frames_seen % Attachment::check_every != 0;
    a->light = quiet && !a->off;
    a->context->TestEngineHookItems = !a->off;
}

// Nothing drawn differently, no input, no widget taken or let go, focus where it was, nothing
// pending: the frame holds no action and no tree change.
bool unchanged(Attachment& a) {
    const ImGuiContext& g = *a.context;
    std::uint64_t input = input_state(g.IO);
    bool same = !a.dirty && a.signature == a.last_signature && input == a.last_input &&
                g.ActiveId == a.last_active_id && g.NavWindow == a.last_nav_window && a.editing.empty() &&
                a.label_queries.empty() && a.pending_choices.empty();
    a.steady_frames = same ? a.steady_frames + 1 : 0;
    a.dirty = false;
    a.last_signature = a.signature;
    a.last_input = input;
    a.last_active_id = g.ActiveId;
    a.last_nav_window = g.NavWindow;
    return same;
}

void on_end_frame(ImGuiContext*, ImGuiContextHook* hook) {
    auto* a = static_cast<Attachment*>(hook->UserData);
    stop_value_log(*a);
    ++a->frames_seen;
    track_scrolling(*a);  // every frame, changed or not: a gesture ends with frames of stillness
    if (a->off) {
        const ImGuiContext& g = *a->context;
        if (input_state(g.IO) != a->last_input || g.ActiveId != a->last_active_id || g.NavWindow != a->last_nav_window)
            a->dirty = true;  // cannot happen without input, but if it does, the next frame looks
        draw_badge(*a);
        return;
    }
    if (a->light) {
        if (!unchanged(*a)) a->dirty = true;  // seen, not recorded: the next frame, a full one, will
        draw_badge(*a);
        return;
    }
    if (unchanged(*a)) {  // the last frame's items stand for this one: they are the same
        draw_badge(*a);
        return;
    }
    collect_labels(*a);
    name_items(*a);
    record_actions(*a);
    record_tree(*a);
    draw_badge(*a);
    std::swap(a->last, a->frame);
}

void on_shutdown(ImGuiContext* context, ImGuiContextHook*) { semtrace::imgui::detach(context); }

}  // namespace

// attach, detach and the frames of a context run on the thread that draws it (ImGui is
// single-threaded per context). The item hooks do not search: ImGuiContext::TestEngine holds
// the attachment (the slot Dear ImGui's own Test Engine would use).
Attachment* find(ImGuiContext* context) {
    for (const auto& a : registry)
        if (a->context == context) return a.get();
    return nullptr;
}

}  // namespace detail

Result<void> attach(ImGuiContext* context, Recorder& recorder, const Options& options) {
    if (!context) return Error{"semtrace::imgui::attach: the ImGui context is null"};
    std::lock_guard lock(detail::registry_mutex);
    if (detail::find(context)) return Error{"semtrace::imgui::attach: this ImGui context is already attached"};
    auto a = std::make_unique<detail::Attachment>();
    a->context = context;
    a->recorder = &recorder;
    a->options = options;
    auto add = [&](ImGuiContextHookType type, ImGuiContextHookCallback callback) {
        ImGuiContextHook hook;
        hook.Type = type;
        hook.Callback = callback;
        hook.UserData = a.get();
        a->hook_ids.push_back(ImGui::AddContextHook(context, &hook));
    };
    add(ImGuiContextHookType_NewFramePost, detail::on_new_frame);
    add(ImGuiContextHookType_EndFramePre, detail::on_end_frame);
    add(ImGuiContextHookType_Shutdown, detail::on_shutdown);
    context->TestEngineHookItems = true;  // ImGui calls the item hooks only when asked to
    context->TestEngine = a.get();        // the hooks find their attachment here, without a search
    detail::registry.push_back(std::move(a));
    return {};
}

void detach(ImGuiContext* context) {
    std::lock_guard lock(detail::registry_mutex);
    auto it = std::find_if(detail::registry.begin(), detail::registry.end(),
                           [&](const auto& a) { return a->context == context; });
    if (it == detail::registry.end()) return;
    detail::commit_edits(**it);  // what the user typed before the detach was seen
    for (ImGuiID id : (*it)->hook_ids) ImGui::RemoveContextHook(context, id);
    context->TestEngineHookItems = false;
    context->TestEngine = nullptr;
    detail::registry.erase(it);
}

bool attached(ImGuiContext* context) {
    std::lock_guard lock(detail::registry_mutex);
    return detail::find(context) != nullptr;
}

bool shortcut(ImGuiContext* context, std::string_view command) {
    std::lock_guard lock(detail::registry_mutex);
    detail::Attachment* a = detail::find(context);
    if (!a) return false;
    const ImGuiWindow* focused = context->NavWindow;
    std::string scope = focused && !detail::display_label_view(focused->RootWindow->Name).empty()
                            ? detail::window_locator(focused)
                            : "app";
    return a->recorder->shortcut(Target::path(scope), command);
}

std::vector<SeenItem> items_seen(ImGuiContext* context) {
    std::lock_guard lock(detail::registry_mutex);
    std::vector<SeenItem> out;
    const detail::Attachment* a = detail::find(context);
    if (!a) return out;
    for (const detail::Item& item : a->last)
        if (item.drawn) out.push_back({item.id, item.seed, item.locator, item.role, detail::display_label(item.label), item.rect.Min.x,
                       item.rect.Min.y, item.rect.GetWidth(), item.rect.GetHeight()});
    return out;
}

}  // namespace semtrace::imgui
