// ui_tree.hpp — the UI tree a user saw at any instant of a session, rebuilt from its key frames and deltas.
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "format/events.hpp"
#include "format/session_reader.hpp"
#include "semtrace/result.hpp"

namespace semtrace::replay {

class UiTree {
public:
    // A snapshot replaces the tree; a delta changes and removes nodes; other events change nothing.
    void apply(const format::Body& body);

    std::size_t size() const noexcept { return nodes_.size(); }
    const format::Node* find(std::uint64_t id) const;
    // Every node, in the order nodes first appeared (parents before the children they came with).
    std::vector<const format::Node*> nodes() const;

    // The tree as text, one node per line, children indented under their parent in the order
    // they first appeared: `[12] button 'Save'`, `[7] textbox 'Email' = <masked>`, with
    // `(checked)`, `(open)`, `(focused)` for the state bits semtrace's plugins set.
    std::vector<std::string> lines() const;
    // The same lines in one string, joined by '\n' (no newline at the end): what exports write.
    std::string text() const;
    // text() as a JSON string, quotes included. Each line is escaped once and kept until its
    // node changes: exports write the tree at every step, and most steps change a node or two.
    std::string json_text() const;
    // json_text() without a copy, valid until the tree next changes, and a hash of it that
    // equal texts share, combined from hashes kept with each line instead of read from its
    // bytes again: for a caller that keeps many (an export keeps every step's).
    struct JsonTextView {
        std::string_view text;
        std::uint64_t hash;
    };
    JsonTextView json_text_view() const;

private:
    struct Entry {
        format::Node node;
        std::uint64_t order = 0;   // when it first appeared, for a stable order of siblings
        mutable std::string line;       // describe_node(node), written when first asked for
        // As json_text() writes the line: "\\n", the indent of its depth, the line JSON-escaped.
        // Written when first asked for; kept until the node changes or moves to another depth.
        mutable std::string json_piece;
        mutable int json_piece_depth = -1;
        mutable std::uint64_t json_piece_hash = 0;
        // Its place in the layout (or none), and so in the layout's JSON text.
        mutable std::size_t slot = SIZE_MAX;
        mutable bool json_stale = false;  // changed since the text was written
    };
    // The nodes depth first, with their depths. Kept until a node is added, removed or moved:
    // most deltas change only names and values, and exports write the tree after each one.
    // With it, json_text() as last written, mended line by line: a delta's one or two changed
    // lines are spliced into it instead of the text being joined again from every line.
    struct Layout {
        std::vector<std::pair<const Entry*, int>> order;
        bool valid = false;
        std::string json;                  // json_text(), when json_valid
        std::vector<std::size_t> json_ends;  // where each slot's piece ends in it
        std::uint64_t json_hash = 0;
        bool json_valid = false;
        std::vector<const Entry*> stale;   // entries changed since, to splice in
        Layout() = default;
        Layout(const Layout&) {}  // a copy would point into the other tree: rebuilt on first use
        Layout& operator=(const Layout&) { return *this = Layout(); }
        Layout(Layout&& o) noexcept;
        Layout& operator=(Layout&& o) noexcept;
    };
    const std::vector<std::pair<const Entry*, int>>& layout() const;
    const std::string& line_of(const Entry& e) const;
    const std::string& json_piece_of(const Entry& e, int depth) const;
    void write_json() const;            // the layout's JSON text, from every line
    void splice_json(const Entry& e) const;  // one changed line into it

    std::unordered_map<std::uint64_t, Entry> nodes_;
    std::uint64_t next_order_ = 0;
    mutable Layout layout_;
};

// One node as one line of UiTree::lines(), without the indent: `[12] button 'Save'`.
std::string describe_node(const format::Node& node);

// What changed from one tree to another: nodes added and changed (as in `after`, in the order
// they first appeared) and removed (as in `before`). What an action led to.
struct TreeDiff {
    std::vector<const format::Node*> added, changed, removed;
};
TreeDiff diff_trees(const UiTree& before, const UiTree& after);

// The tree as it was just after every event at or before `t_us` (microseconds since the
// session started): the last key frame before then, and the deltas after it. Reads the
// session from its start: for one question. A TreeIndex answers many.
Result<UiTree> tree_at(const format::SessionReader& reader, std::int64_t t_us);

// Where a session's key frames are, found in one pass, so that the tree at any instant is
// rebuilt from the nearest key frame before it: what a replay tool asks while scrubbing.
class TreeIndex {
public:
    struct KeyFrame {
        std::uint64_t seq;
        std::int64_t t_us;
    };
    static Result<TreeIndex> build(const format::SessionReader& reader);
    // For a caller that passes over the session anyway: the snapshots' places, in session order.
    static TreeIndex from_key_frames(const format::SessionReader& reader, std::vector<KeyFrame> key_frames);
    Result<UiTree> tree_at(std::int64_t t_us) const;
    std::size_t key_frames() const noexcept { return key_frames_.size(); }

private:
    const format::SessionReader* reader_ = nullptr;
    std::vector<KeyFrame> key_frames_;  // in session order
};

}  // namespace semtrace::replay
