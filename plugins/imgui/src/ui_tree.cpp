// ui_tree.cpp — the visible UI tree (windows and their labelled items) as key frames and deltas, written only when it changed.
#include <string_view>

#include "attachment.hpp"

namespace semtrace::imgui::detail {

namespace {

struct TreeNode {
    std::uint64_t id = 0, parent = 0;
    std::string role, name, value;
    ImRect rect;
    std::uint32_t state = 0;
};

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return (h ^ 0xff) * 1099511628211ull;
}

std::uint64_t hash_of(const TreeNode& n) {
    std::uint64_t h = 14695981039346656037ull;
    h = fnv1a(h, n.role);
    h = fnv1a(h, n.name);
    h = fnv1a(h, n.value);
    const float numbers[] = {n.rect.Min.x, n.rect.Min.y, n.rect.Max.x, n.rect.Max.y};
    h = fnv1a(h, std::string_view(reinterpret_cast<const char*>(numbers), sizeof numbers));
    return fnv1a(h, std::string_view(reinterpret_cast<const char*>(&n.state), sizeof n.state)) ^ n.parent;
}

// Windows first, then their items; an item's parent is its top-level window. Checked and open
// are state bits. No values: typed text reaches the file only in fills, through the policy.
std::vector<TreeNode> visible_tree(const Attachment& a) {
    std::vector<TreeNode> nodes;
    const ImGuiContext& g = *a.context;
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || w->IsFallbackWindow) continue;
        if (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip)) continue;
        TreeNode n;
        n.id = w->ID;
        bool popup = (w->Flags & ImGuiWindowFlags_Popup) && !(w->Flags & ImGuiWindowFlags_Modal);
        n.role = (w->Flags & ImGuiWindowFlags_Modal) ? "dialog" : (w->Flags & ImGuiWindowFlags_ChildMenu) ? "menu"
                 : popup ? "listbox" : "window";
        n.name = display_label(w->Name);
        n.rect = w->Rect();
        if (g.NavWindow && g.NavWindow->RootWindow == w) n.state |= node_focused;
        nodes.push_back(std::move(n));
    }
    for (const Item& item : a.frame) {
        if (!item.window) continue;
        auto resolved = a.resolved_labels.find(item.id);  // combo boxes, once their label is known
        bool combo = !item.labelled && resolved != a.resolved_labels.end() && !resolved->second.empty();
        if (!item.labelled && !combo) continue;
        TreeNode n;
        n.id = item.id;
        n.parent = item.window->RootWindow ? item.window->RootWindow->ID : item.window->ID;
        n.role = combo ? "combobox" : item.role;
        n.name = combo ? resolved->second : display_label(item.label);
        n.rect = item.rect;
        if (item.status & ImGuiItemStatusFlags_Checked) n.state |= node_checked;
        if (item.status & ImGuiItemStatusFlags_Opened) n.state |= node_open;
        nodes.push_back(std::move(n));
    }
    return nodes;
}

Node to_node(const TreeNode& n) {
    return Node{n.id,
                n.parent,
                n.role,
                n.name,
                n.value.empty() ? Value() : Value::plain(n.value),
                {n.rect.Min.x, n.rect.Min.y, n.rect.GetWidth(), n.rect.GetHeight()},
                n.state};
}

}  // namespace

void record_tree(Attachment& a) {
    std::vector<TreeNode> nodes = visible_tree(a);
    std::unordered_map<std::uint64_t, std::uint64_t> hashes;
    hashes.reserve(nodes.size());
    std::vector<Node> changed;
    for (const TreeNode& n : nodes) {
        std::uint64_t h = hash_of(n);
        hashes[n.id] = h;
        auto it = a.tree_hashes.find(n.id);
        if (it == a.tree_hashes.end() || it->second != h) changed.push_back(to_node(n));
    }
    std::vector<std::uint64_t> removed;
    for (const auto& [id, h] : a.tree_hashes)
        if (!hashes.count(id)) removed.push_back(id);
    if (changed.empty() && removed.empty()) return;  // the usual frame: nothing to write

    double now = a.context->Time;
    bool big = changed.size() + removed.size() > nodes.size() / 2;
    bool due = now - a.last_keyframe_time >= std::chrono::duration<double>(a.options.keyframe_interval).count();
    if (big || due) {
        std::vector<Node> all;
        all.reserve(nodes.size());
        for (const TreeNode& n : nodes) all.push_back(to_node(n));
        a.recorder->snapshot(all);
        a.last_keyframe_time = now;
    } else {
        a.recorder->delta(changed, removed);
    }
    a.tree_hashes = std::move(hashes);
}

}  // namespace semtrace::imgui::detail
