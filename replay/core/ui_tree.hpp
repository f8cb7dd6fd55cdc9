// ui_tree.hpp — the UI tree a user saw at any instant of a session, rebuilt from its key frames and deltas.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
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

    // The tree as text, one node per line, children indented under their parent in the order
    // they first appeared: `[12] button 'Save'`, `[7] textbox 'Email' = <masked>`, with
    // `(checked)`, `(open)`, `(focused)` for the state bits semtrace's plugins set.
    std::vector<std::string> lines() const;

private:
    struct Entry {
        format::Node node;
        std::uint64_t order = 0;  // when it first appeared, for a stable order of siblings
    };
    std::unordered_map<std::uint64_t, Entry> nodes_;
    std::uint64_t next_order_ = 0;
};

// The tree as it was just after every event at or before `t_us` (microseconds since the
// session started): the last key frame before then, and the deltas after it.
Result<UiTree> tree_at(const format::SessionReader& reader, std::int64_t t_us);

}  // namespace semtrace::replay
