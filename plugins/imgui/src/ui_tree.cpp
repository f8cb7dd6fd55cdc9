// ui_tree.cpp — the visible UI tree (windows and their labelled items) as key frames and deltas, written only when it changed.
#include <string_view>
#include <unordered_set>
#include <xxhash.h>

#include "attachment.hpp"

namespace semtrace::imgui::detail {

namespace {

// A node as it is recorded; its strings point into the frame's items and ImGui's windows,
// which outlive the recording call (the recorder copies them).
struct TreeNode {
    std::uint64_t id = 0, parent = 0;
    std::string_view role, name;
    ImRect rect;
    std::uint32_t state = 0;
};

// Everything a node shows, hashed with XXH3 (a few ns for a node): the tree is compared, not
// re-sent, every frame.
std::uint64_t hash_of(const TreeNode& n) {
    struct Fixed {
        std::uint64_t id, parent;
        float x0, y0, x1, y1;
        std::uint32_t state, role_size;
    } fixed{n.id, n.parent, n.rect.Min.x, n.rect.Min.y, n.rect.Max.x, n.rect.Max.y, n.state,
            static_cast<std::uint32_t>(n.role.size())};
    std::uint64_t h = XXH3_64bits(&fixed, sizeof fixed);
    h = XXH3_64bits_withSeed(n.role.data(), n.role.size(), h);
    return XXH3_64bits_withSeed(n.name.data(), n.name.size(), h);
}

std::string_view window_role(const ImGuiWindow* w) {
    if (w->Flags & ImGuiWindowFlags_Modal) return "dialog";
    if (w->Flags & ImGuiWindowFlags_ChildMenu) return "menu";
    if (w->Flags & ImGuiWindowFlags_Popup) return "listbox";
    return "window";
}

// Windows first, then their items; an item's parent is its top-level window. Checked and open
// are state bits. No values: typed text reaches the file only in fills, through the policy.
void visible_tree(const Attachment& a, std::vector<TreeNode>& nodes) {
    const ImGuiContext& g = *a.context;
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || w->IsFallbackWindow) continue;
        if (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip)) continue;
        bool main_menu = std::string_view(w->Name) == "##MainMenuBar";
        TreeNode n{w->ID, 0, main_menu ? std::string_view("menubar") : window_role(w),
                   main_menu ? std::string_view("main") : display_label_view(w->Name), w->Rect(), 0};
        if (g.NavWindow && g.NavWindow->RootWindow == w) n.state |= node_focused;
        nodes.push_back(n);
    }
    for (const Item& item : a.frame) {
        if (!item.window || !item.drawn) continue;
        auto resolved = a.resolved_labels.find(item.id);  // combo boxes, once their label is known
        bool combo = !item.labelled && resolved != a.resolved_labels.end() && !resolved->second.empty();
        if (!item.labelled && !combo) continue;
        TreeNode n{item.id, item.window->RootWindow ? item.window->RootWindow->ID : item.window->ID,
                   combo ? std::string_view("combobox") : std::string_view(item.role),
                   combo ? std::string_view(resolved->second) : display_label_view(item.label), item.rect, 0};
        if (item.status & ImGuiItemStatusFlags_Checked) n.state |= node_checked;
        if (item.status & ImGuiItemStatusFlags_Opened) n.state |= node_open;
        nodes.push_back(n);
    }
}

Node to_node(const TreeNode& n) {
    return Node{n.id, n.parent, n.role, n.name, Value(), {n.rect.Min.x, n.rect.Min.y, n.rect.GetWidth(), n.rect.GetHeight()},
                n.state};
}

}  // namespace

void record_tree(Attachment& a) {
    thread_local std::vector<TreeNode> nodes;
    thread_local std::vector<Node> changed;
    nodes.clear();
    changed.clear();
    visible_tree(a, nodes);
    thread_local std::vector<std::uint64_t> hashes;
    hashes.clear();
    for (const TreeNode& n : nodes) hashes.push_back(hash_of(n));
    std::uint64_t whole = XXH3_64bits(hashes.data(), hashes.size() * sizeof(std::uint64_t));
    if (whole == a.tree_hash && !a.tree_hashes.empty()) return;  // the usual frame: nothing changed
    a.tree_hash = whole;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const TreeNode& n = nodes[i];
        std::uint64_t h = hashes[i];
        auto [it, added] = a.tree_hashes.try_emplace(n.id, h);
        if (added || it->second != h) changed.push_back(to_node(n));
        it->second = h;
    }
    // More nodes recorded than drawn: some are gone.
    std::vector<std::uint64_t> removed;
    if (a.tree_hashes.size() > nodes.size()) {
        std::unordered_set<std::uint64_t> present;
        for (const TreeNode& n : nodes) present.insert(n.id);
        for (auto it = a.tree_hashes.begin(); it != a.tree_hashes.end();) {
            if (present.count(it->first)) {
                ++it;
            } else {
                removed.push_back(it->first);
                it = a.tree_hashes.erase(it);
            }
        }
    }
    if (changed.empty() && removed.empty()) return;

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
}

}  // namespace semtrace::imgui::detail
