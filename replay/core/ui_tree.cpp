// ui_tree.cpp — UiTree: applying key frames and deltas, and writing the tree as indented text.
#include <algorithm>
#include <charconv>

#include <xxhash.h>

#include "json_text.hpp"
#include "ui_tree.hpp"

namespace semtrace::replay {

namespace {

// Node::state bits, as semtrace's plugins set them (semtrace/imgui.hpp).
constexpr std::uint32_t checked = 1u << 0, open = 1u << 1, focused = 1u << 2;

// One node's line, written through a pointer into room made at once for its longest form (a
// line is rewritten whenever its node changes: appending its dozen pieces one at a time was
// most of an export's cost of keeping the tree's text). `p` has room for line_room(n) bytes.
std::size_t line_room(const format::Node& n) {
    return 80 + std::max<std::size_t>(n.role.size(), 4) + 2 * n.name.size() + n.value.text.size();
}

char* write_node(char* p, const format::Node& n) {
    auto put = [&](std::string_view piece) { p = std::copy(piece.begin(), piece.end(), p); };
    *p++ = '[';
    p = std::to_chars(p, p + 24, n.id).ptr;
    put("] ");
    put(n.role.empty() ? std::string_view("node") : std::string_view(n.role));
    if (!n.name.empty()) {
        put(" '");
        for (char c : n.name) {  // quotes and backslashes escaped, so that the name ends where it seems to
            if (c == '\'' || c == '\\') *p++ = '\\';
            *p++ = c;
        }
        *p++ = '\'';
    }
    switch (n.value.state) {
        case ValueState::plain:
        case ValueState::redacted:
            put(" = \"");
            put(n.value.text);
            put(n.value.state == ValueState::redacted ? "\" (redacted)" : "\"");
            break;
        case ValueState::masked: put(" = <masked>"); break;
        case ValueState::none: break;
    }
    if (n.state & checked) put(" (checked)");
    if (n.state & open) put(" (open)");
    if (n.state & focused) put(" (focused)");
    return p;
}

// Most lines are short: written on the stack and copied once, not into a string resized (and
// so cleared) first.
void append_node(std::string& line, const format::Node& n) {
    std::size_t room = line_room(n);
    if (room <= 512) {
        char buffer[512];
        line.append(buffer, static_cast<std::size_t>(write_node(buffer, n) - buffer));
        return;
    }
    std::size_t used = line.size();
    line.resize(used + room);
    line.resize(static_cast<std::size_t>(write_node(line.data() + used, n) - line.data()));
}

}  // namespace

std::string describe_node(const format::Node& n) {
    std::string line;
    line.reserve(64);
    append_node(line, n);
    return line;
}

UiTree::Layout::Layout(Layout&& o) noexcept { *this = std::move(o); }

UiTree::Layout& UiTree::Layout::operator=(Layout&& o) noexcept {
    order = std::move(o.order);
    valid = std::exchange(o.valid, false);
    json = std::move(o.json);
    json_ends = std::move(o.json_ends);
    json_hash = o.json_hash;
    json_valid = std::exchange(o.json_valid, false);
    stale = std::move(o.stale);
    return *this;
}

void UiTree::apply(const format::Body& body) {
    auto upsert = [&](const format::Node& n) {
        auto [it, added] = nodes_.try_emplace(n.id);
        Entry& e = it->second;
        if (added) e.order = next_order_++;
        if (added || e.node.parent != n.parent) layout_.valid = false;
        e.node = n;
        e.line.clear();
        e.json_piece.clear();
        if (layout_.valid && layout_.json_valid && !std::exchange(e.json_stale, true)) layout_.stale.push_back(&e);
    };
    if (const auto* s = std::get_if<format::Snapshot>(&body)) {
        nodes_.clear();
        layout_.valid = false;
        for (const format::Node& n : s->nodes) upsert(n);
    } else if (const auto* d = std::get_if<format::Delta>(&body)) {
        for (const format::Node& n : d->upserts) upsert(n);
        for (std::uint64_t id : d->removed)
            if (nodes_.erase(id)) layout_.valid = false;
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

// Depth first from each root (a node whose parent is not in the tree), siblings in order of
// appearance: children are linked as first-child and next-sibling lists over the entries in
// that order, found by id in a sorted table, so that no map is built per layout.
const std::vector<std::pair<const UiTree::Entry*, int>>& UiTree::layout() const {
    if (layout_.valid) return layout_.order;
    std::vector<const Entry*> entries;
    entries.reserve(nodes_.size());
    for (const auto& [id, e] : nodes_) entries.push_back(&e);
    std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) { return a->order < b->order; });
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_id;  // id, place in `entries`
    by_id.reserve(entries.size());
    for (std::uint32_t i = 0; i < entries.size(); ++i) by_id.push_back({entries[i]->node.id, i});
    std::sort(by_id.begin(), by_id.end());
    constexpr std::uint32_t none = UINT32_MAX;
    std::vector<std::uint32_t> first_child(entries.size(), none), next_sibling(entries.size(), none);
    std::uint32_t first_root = none;
    for (std::uint32_t i = static_cast<std::uint32_t>(entries.size()); i-- > 0;) {  // backwards: lists in order
        std::uint64_t parent = entries[i]->node.parent;
        auto p = std::lower_bound(by_id.begin(), by_id.end(), std::pair<std::uint64_t, std::uint32_t>{parent, 0});
        std::uint32_t& head = parent != 0 && p != by_id.end() && p->first == parent ? first_child[p->second] : first_root;
        next_sibling[i] = head;
        head = i;
    }
    // Nodes in a cycle of parents (a damaged file) are no root's descendants: left out, as before.
    for (const Entry* e : entries) e->slot = SIZE_MAX, e->json_stale = false;
    layout_.json_valid = false;  // (entries in `stale` may be gone: nothing is spliced)
    layout_.stale.clear();
    layout_.order.clear();
    std::vector<std::pair<std::uint32_t, int>> stack;
    if (first_root != none) stack.push_back({first_root, 0});
    while (!stack.empty()) {
        auto [i, depth] = stack.back();
        stack.pop_back();
        entries[i]->slot = layout_.order.size();
        layout_.order.push_back({entries[i], depth});
        if (next_sibling[i] != none) stack.push_back({next_sibling[i], depth});
        if (first_child[i] != none && depth < 256) stack.push_back({first_child[i], depth + 1});
    }
    layout_.valid = true;
    return layout_.order;
}

const std::string& UiTree::line_of(const Entry& e) const {
    if (e.line.empty()) append_node(e.line, e.node);
    return e.line;
}

const std::string& UiTree::json_piece_of(const Entry& e, int depth) const {
    if (e.json_piece.empty() || e.json_piece_depth != depth) {
        const std::string& line = line_of(e);
        std::size_t indent = static_cast<std::size_t>(depth) * 2;
        e.json_piece.resize(2 + indent);
        e.json_piece[0] = '\\', e.json_piece[1] = 'n';
        std::fill_n(e.json_piece.begin() + 2, indent, ' ');
        jsonl::append_json_chars(e.json_piece, line);
        e.json_piece_depth = depth;
        e.json_piece_hash = XXH3_64bits(e.json_piece.data(), e.json_piece.size());
    }
    return e.json_piece;
}

std::vector<std::string> UiTree::lines() const {
    std::vector<std::string> out;
    for (const auto& [e, depth] : layout()) {
        std::string line(static_cast<std::size_t>(depth) * 2, ' ');
        line += line_of(*e);
        out.push_back(std::move(line));
    }
    return out;
}

std::string UiTree::text() const {
    std::string out;
    bool first = true;
    for (const auto& [e, depth] : layout()) {
        if (!std::exchange(first, false)) out += '\n';
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
        out += line_of(*e);
    }
    return out;
}

namespace {

// A piece's share of the text's hash: its own hash mixed with its place (as in splitmix64), so
// that the same lines at the same depths in the same order, and only they, sum to the same.
std::uint64_t hash_share(std::uint64_t piece_hash, std::size_t slot) {
    std::uint64_t h = piece_hash + 0x9E3779B97F4A7C15ull * (slot + 1);
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

// The first line's piece goes in without its leading "\\n".
std::string_view in_text(const std::string& piece, std::size_t slot) {
    return std::string_view(piece).substr(slot == 0 ? 2 : 0);
}

}  // namespace

void UiTree::write_json() const {
    Layout& l = layout_;
    l.json.assign(1, '"');
    l.json_ends.clear();
    l.json_hash = 0;
    for (const auto& [e, depth] : l.order) {
        l.json += in_text(json_piece_of(*e, depth), e->slot);
        l.json_ends.push_back(l.json.size());
        l.json_hash += hash_share(e->json_piece_hash, e->slot);
        e->json_stale = false;
    }
    l.json += '"';
    l.json_valid = true;
}

void UiTree::splice_json(const Entry& e) const {
    Layout& l = layout_;
    e.json_stale = false;
    if (e.slot == SIZE_MAX) return;  // not shown (in a cycle)
    std::size_t start = e.slot == 0 ? 1 : l.json_ends[e.slot - 1];
    // The piece in the text is the line as it was: its hash is the one kept until the line is
    // written again, just below.
    std::uint64_t old_hash = e.json_piece_hash;
    std::string_view piece = in_text(json_piece_of(e, l.order[e.slot].second), e.slot);
    l.json.replace(start, l.json_ends[e.slot] - start, piece);
    std::size_t end = start + piece.size();
    if (end != l.json_ends[e.slot]) {
        std::size_t old_end = l.json_ends[e.slot];
        for (std::size_t i = e.slot; i < l.json_ends.size(); ++i) l.json_ends[i] = l.json_ends[i] - old_end + end;
    }
    l.json_hash += hash_share(e.json_piece_hash, e.slot) - hash_share(old_hash, e.slot);
}

UiTree::JsonTextView UiTree::json_text_view() const {
    layout();  // first: rebuilding it forgets the text
    if (!layout_.json_valid) write_json();
    for (const Entry* e : layout_.stale) splice_json(*e);
    layout_.stale.clear();
    return {layout_.json, layout_.json_hash};
}

std::string UiTree::json_text() const { return std::string(json_text_view().text); }

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
