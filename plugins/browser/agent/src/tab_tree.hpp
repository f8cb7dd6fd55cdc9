// tab_tree.hpp — a tab's UI tree as its page last sent it: what a session of the whole browser writes as a key frame when the person comes back to the tab.
#pragma once

#include <cstdint>
#include <vector>

#include "format/events.hpp"
#include "ui_tree.hpp"

namespace semtrace::agent {

// A session file has one tree at a time, as a person sees one tab at a time: in a session of
// the whole browser, the agent keeps every tab's tree here (in memory only, as the page sent
// it), so that the tab a person turns to can be written whole, as a key frame.
class TabTree {
public:
    // More than any page the recorder has met (a 60,000-node page has 7,500 tracked): past it
    // the tree is forgotten until the page's next key frame, so that one tab cannot hold much.
    static constexpr std::size_t max_nodes = 1 << 18;

    void replace(std::vector<format::Node> nodes);  // the page's key frame
    void change(std::vector<format::Node> upserts, std::vector<std::uint64_t> removed);  // its delta
    void clear();   // known, and empty: a new page, whose key frame is to come
    void forget();  // not known: until the page's next key frame (the agent restarted, or too many nodes)

    bool known() const noexcept { return known_; }
    // The nodes in the order they first came (so parents before their children, as the page
    // sends a node only once its parent is sent).
    std::vector<const format::Node*> nodes() const { return tree_.nodes(); }

private:
    replay::UiTree tree_;
    bool known_ = false;
};

}  // namespace semtrace::agent
