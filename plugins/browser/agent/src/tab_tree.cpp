// tab_tree.cpp — TabTree: the replay's UiTree, known or not, and bounded.
#include "tab_tree.hpp"

namespace semtrace::agent {

void TabTree::replace(std::vector<format::Node> nodes) {
    known_ = true;
    tree_.apply(format::Snapshot{std::move(nodes)});
    if (tree_.size() > max_nodes) forget();
}

void TabTree::change(std::vector<format::Node> upserts, std::vector<std::uint64_t> removed) {
    if (!known_) return;  // a delta of a tree not known stays unknown: its next key frame tells
    tree_.apply(format::Delta{std::move(upserts), std::move(removed)});
    if (tree_.size() > max_nodes) forget();
}

void TabTree::clear() { replace({}); }

void TabTree::forget() {
    tree_ = replay::UiTree();
    known_ = false;
}

}  // namespace semtrace::agent
