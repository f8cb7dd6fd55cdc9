// attach.cpp — attach and detach: the context hooks that run the plugin once per frame, and the registry of attached contexts.
#include <algorithm>
#include <memory>
#include <mutex>

#include "attachment.hpp"

namespace semtrace::imgui {

namespace detail {

namespace {

// Few contexts are ever attached (one per app window); a linear search beats hashing here,
// and item hooks look the context up for every widget.
std::mutex registry_mutex;
std::vector<std::unique_ptr<Attachment>> registry;

void on_new_frame(ImGuiContext*, ImGuiContextHook* hook) {
    auto* a = static_cast<Attachment*>(hook->UserData);
    a->frame.clear();
    a->frame_index.clear();
    ask_labels(*a);
}

void on_end_frame(ImGuiContext*, ImGuiContextHook* hook) {
    auto* a = static_cast<Attachment*>(hook->UserData);
    collect_labels(*a);
    name_items(*a);
    record_actions(*a);
    record_tree(*a);
    draw_badge(*a);
    a->last.swap(a->frame);
    a->last_index.swap(a->frame_index);
    ++a->frames_seen;
}

void on_shutdown(ImGuiContext* context, ImGuiContextHook*) { semtrace::imgui::detach(context); }

}  // namespace

// attach, detach and the frames of a context run on the thread that draws it; the item hooks
// read the registry without the lock for that reason (ImGui is single-threaded per context).
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
    detail::registry.erase(it);
}

bool attached(ImGuiContext* context) {
    std::lock_guard lock(detail::registry_mutex);
    return detail::find(context) != nullptr;
}

std::vector<SeenItem> items_seen(ImGuiContext* context) {
    std::lock_guard lock(detail::registry_mutex);
    std::vector<SeenItem> out;
    const detail::Attachment* a = detail::find(context);
    if (!a) return out;
    for (const detail::Item& item : a->last)
        out.push_back({item.id, item.seed, item.locator, item.role, detail::display_label(item.label), item.rect.Min.x,
                       item.rect.Min.y, item.rect.GetWidth(), item.rect.GetHeight()});
    return out;
}

}  // namespace semtrace::imgui
