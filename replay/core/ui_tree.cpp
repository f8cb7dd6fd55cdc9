// ui_tree.cpp — UiTree: applying key frames and deltas, and writing the tree as indented text.
#include <algorithm>
#include <functional>

#include "ui_tree.hpp"

namespace semtrace::replay {

namespace {

// Node::state bits, as semtrace's plugins set them (semtrace/imgui.hpp).
constexpr std::uint32_t checked = 1u << 0, open = 1u << 1, focused = 1u << 2;

// Built by appending: GCC 12 at -O3 reports a false -Wrestrict (bug 105329) on chains of
// std::string + const char*, which -Werror turns into a broken release build.
void append_quoted(std::string& out, const std::string& s) {
    out += '\'';
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
}

void append_node(std::string& line, const format::Node& n) {
    line += '[';
    line += std::to_string(n.id);
    line += "] ";
    line += n.role.empty() ? std::string_view("node") : std::string_view(n.role);
    if (!n.name.empty()) {
        line += ' ';
        append_quoted(line, n.name);
    }
    switch (n.value.state) {
        case ValueState::plain:
        case ValueState::redacted:
            line += " = \"";
            line += n.value.text;
            line += n.value.state == ValueState::redacted ? "\" (redacted)" : "\"";
            break;
        case ValueState::masked: line += " = <masked>"; break;
        case ValueState::none: break;
    }
    if (n.state & checked) line += " (checked)";
    if (n.state & open) line += " (open)";
    if (n.state & focused) line += " (focused)";
}

}  // namespace

std::string describe_node(const format::Node& n) {
    std::string line;
    line.reserve(64);
    append_node(line, n);
    return line;
}

void UiTree::apply(const format::Body& body) {
    auto upsert = [&](const format::Node& n) {
        auto [it, added] = nodes_.try_emplace(n.id);
        it->second.node = n;
        if (added) it->second.order = next_order_++;
    };
    if (const auto* s = std::get_if<format::Snapshot>(&body)) {
        nodes_.clear();
        for (const format::Node& n : s->nodes) upsert(n);
    } else if (const auto* d = std::get_if<format::Delta>(&body)) {
        for (const format::Node& n : d->upserts) upsert(n);
        for (std::uint64_t id : d->removed) nodes_.erase(id);
    }
}

const format::Node* UiTree::find(std::uint64_t id) const {
    auto it = nodes_.find(id);
    return it == nodes_.end() ? nullptr : &it->second.node;
}

std::vector<const format::Node*> UiTree::nodes() const {
    std::vector<const Entry*> entries;
    entries.reserve(nodes_.size());
    for (const auto& [id, e] : nodes_) entries.push_back(&e);
    std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) { return a->order < b->order; });
    std::vector<const format::Node*> out;
    out.reserve(entries.size());
    for (const Entry* e : entries) out.push_back(&e->node);
    return out;
}

// Children by parent in order of appearance, then a walk from each root: `visit(entry, depth)`.
void UiTree::walk(const std::function<void(const format::Node&, int)>& visit) const {
    // A node whose parent is not in the tree is a root.
    std::unordered_map<std::uint64_t, std::vector<const Entry*>> children;
    std::vector<const Entry*> roots;
    for (const auto& [id, e] : nodes_) {
        if (e.node.parent != 0 && nodes_.count(e.node.parent)) children[e.node.parent].push_back(&e);
        else roots.push_back(&e);
    }
    auto by_order = [](const Entry* a, const Entry* b) { return a->order < b->order; };
    std::sort(roots.begin(), roots.end(), by_order);
    for (auto& [id, list] : children) std::sort(list.begin(), list.end(), by_order);
    std::vector<std::pair<const Entry*, int>> stack;  // depth first, in order: pushed in reverse
    for (auto r = roots.rbegin(); r != roots.rend(); ++r) stack.push_back({*r, 0});
    while (!stack.empty()) {
        auto [e, depth] = stack.back();
        stack.pop_back();
        visit(e->node, depth);
        if (depth >= 256) continue;  // a cycle in a damaged file: stop, do not go round forever
        if (auto it = children.find(e->node.id); it != children.end())
            for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) stack.push_back({*c, depth + 1});
    }
}

std::vector<std::string> UiTree::lines() const {
    std::vector<std::string> out;
    walk([&](const format::Node& n, int depth) {
        std::string line(static_cast<std::size_t>(depth) * 2, ' ');
        append_node(line, n);
        out.push_back(std::move(line));
    });
    return out;
}

std::string UiTree::text() const {
    std::string out;
    out.reserve(nodes_.size() * 40);
    walk([&](const format::Node& n, int depth) {
        if (!out.empty()) out += '\n';
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
        append_node(out, n);
    });
    return out;
}

namespace {

Result<UiTree> tree_from(const format::SessionReader& reader, std::uint64_t seq, std::int64_t t_us) {
    UiTree tree;
    auto read = reader.read(seq, [&](const format::Event& e) {
        if (e.t_us > t_us) return false;
        tree.apply(e.body);
        return true;
    });
    if (!read) return read.error();
    return tree;
}

}  // namespace

Result<UiTree> tree_at(const format::SessionReader& reader, std::int64_t t_us) { return tree_from(reader, 0, t_us); }

Result<TreeIndex> TreeIndex::build(const format::SessionReader& reader) {
    TreeIndex index;
    index.reader_ = &reader;
    auto read = reader.read(0, [&](const format::Event& e) {
        if (e.kind() == format::EventKind::snapshot) index.key_frames_.push_back({e.seq, e.t_us});
        return true;
    });
    if (!read) return read.error();
    return index;
}

TreeIndex TreeIndex::from_key_frames(const format::SessionReader& reader, std::vector<KeyFrame> key_frames) {
    TreeIndex index;
    index.reader_ = &reader;
    index.key_frames_ = std::move(key_frames);
    return index;
}

Result<UiTree> TreeIndex::tree_at(std::int64_t t_us) const {
    // The last key frame at or before t; several at the same instant: the last of them.
    auto after = std::upper_bound(key_frames_.begin(), key_frames_.end(), t_us,
                                  [](std::int64_t t, const KeyFrame& k) { return t < k.t_us; });
    std::uint64_t from = after == key_frames_.begin() ? 0 : std::prev(after)->seq;
    return tree_from(*reader_, from, t_us);
}

TreeDiff diff_trees(const UiTree& before, const UiTree& after) {
    TreeDiff diff;
    for (const format::Node* n : after.nodes()) {
        const format::Node* was = before.find(n->id);
        if (!was) diff.added.push_back(n);
        else if (!(*was == *n)) diff.changed.push_back(n);
    }
    for (const format::Node* n : before.nodes())
        if (!after.find(n->id)) diff.removed.push_back(n);
    return diff;
}

}  // namespace semtrace::replay
