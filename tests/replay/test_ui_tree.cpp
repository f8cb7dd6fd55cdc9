// test_ui_tree.cpp — the tree at any instant: key frames replace, deltas change and remove, text comes out indented.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <unordered_map>

#include "support/session_files.hpp"
#include "support/temp_dir.hpp"
#include "ui_tree.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

format::Node node(std::uint64_t id, std::uint64_t parent, const char* role, const char* name,
                  format::Value value = {}, std::uint32_t state = 0) {
    return format::Node{id, parent, role, name, std::move(value), Bounds{0, 0, 10, 10}, state};
}

// A session: a key frame at 1 s, a delta at 2 s, a marker at 3 s, a new key frame at 4 s.
std::vector<format::Event> screens() {
    format::Snapshot first{{node(1, 0, "window", "Editor"), node(2, 1, "button", "Save"),
                            node(3, 1, "textbox", "Email", {ValueState::masked, ""}),
                            node(4, 1, "checkbox", "Urgent", {}, 1)}};
    format::Delta change{{node(2, 1, "button", "Saved!"), node(5, 1, "dialog", "Done")}, {4}};
    format::Snapshot second{{node(9, 0, "window", "Settings"), node(10, 9, "slider", "Zoom", {ValueState::plain, "1.5"})}};
    return {{0, 0, format::Control{ControlType::start, 0}},
            {1, 1'000'000, first},
            {2, 2'000'000, change},
            {3, 3'000'000, format::Marker{"m", {}}},
            {4, 4'000'000, second},
            {5, 5'000'000, format::Control{ControlType::end, 0}}};
}

std::vector<std::string> tree_lines(const format::SessionReader& reader, std::int64_t t_us) {
    auto tree = replay::tree_at(reader, t_us);
    REQUIRE(tree.ok());
    return tree->lines();
}

}  // namespace

TEST_CASE("the tree at each instant: nothing before the first key frame, then key frames and deltas") {
    TempDir dir;
    auto file = write_session(dir / "s.semtrace", screens());
    auto reader = std::move(format::SessionReader::open(file).value());
    CHECK(tree_lines(reader, 500'000).empty());
    CHECK(tree_lines(reader, 1'000'000) == std::vector<std::string>{"[1] window 'Editor'", "  [2] button 'Save'",
                                                                  "  [3] textbox 'Email' = <masked>",
                                                                  "  [4] checkbox 'Urgent' (checked)"});
    CHECK(tree_lines(reader, 2'500'000) == std::vector<std::string>{"[1] window 'Editor'", "  [2] button 'Saved!'",
                                                                  "  [3] textbox 'Email' = <masked>",
                                                                  "  [5] dialog 'Done'"});
    CHECK(tree_lines(reader, 3'999'999) == tree_lines(reader, 2'000'000));  // a marker changes no tree
    CHECK(tree_lines(reader, 4'000'000) ==
          std::vector<std::string>{"[9] window 'Settings'", "  [10] slider 'Zoom' = \"1.5\""});
}

TEST_CASE("a node whose parent is not in the tree is shown as a root, and names are quoted safely") {
    replay::UiTree tree;
    tree.apply(format::Delta{{node(7, 99, "button", "It's"), node(8, 7, "text", "a\\b")}, {}});
    CHECK(tree.lines() == std::vector<std::string>{"[7] button 'It\\'s'", "  [8] text 'a\\\\b'"});
    CHECK(tree.find(8) != nullptr);
    CHECK(tree.find(99) == nullptr);
}

// The same nodes as one key frame, in the order they first appeared: a tree with nothing cached.
std::vector<std::string> rebuilt_lines(const replay::UiTree& tree) {
    format::Snapshot snap;
    for (const format::Node* n : tree.nodes()) snap.nodes.push_back(*n);
    replay::UiTree fresh;
    fresh.apply(snap);
    return fresh.lines();
}

// Names an export must escape: quotes, backslashes, newlines, controls, valid and broken UTF-8.
const char* const awkward_names[] = {"n0", "n1", "It's", "a\\b", "two\nlines", "tab\there", "q\"uote", "\x01ctl",
                                     "caf\xc3\xa9", "cut \xe2\x9f", "\xff"};

// json_text() keeps each line escaped until its node changes: it must still be the text's JSON.
// What an export keeps of it: the same text seen without a copy, and a hash that is the same for
// the same text (a tree rebuilt from nothing) and differs when the text does.
void check_json(const replay::UiTree& tree, std::unordered_map<std::uint64_t, std::string>& hashes, int delta) {
    std::string json = tree.json_text();
    REQUIRE_MESSAGE(json == nlohmann::json(tree.text()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "after delta ", delta);
    auto view = tree.json_text_view();
    REQUIRE(view.text == json);
    format::Snapshot same;
    for (const format::Node* n : tree.nodes()) same.nodes.push_back(*n);
    replay::UiTree rebuilt;
    rebuilt.apply(same);
    REQUIRE(rebuilt.json_text_view().hash == view.hash);
    auto [seen, fresh] = hashes.try_emplace(view.hash, json);
    REQUIRE_MESSAGE(seen->second == json, "two texts with one hash after delta ", delta);
}

TEST_CASE("a tree changed by 2,000 random deltas (renames, moves, removals, cycles) reads as if rebuilt each time, as text and as JSON; a copy is its own") {
    replay::UiTree tree;
    tree.apply(format::Snapshot{{node(1, 0, "window", "W")}});
    std::mt19937_64 rng(5);
    std::optional<replay::UiTree> copy;
    std::vector<std::string> copy_lines;
    std::unordered_map<std::uint64_t, std::string> hashes;  // json_text_view().hash -> the text
    for (int i = 0; i < 2000; ++i) {
        format::Delta d;
        for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) {
            std::uint64_t id = 1 + rng() % 30, parent = rng() % 31;  // parent 0 or absent: a root; may make cycles
            d.upserts.push_back(format::Node{id, parent, "button", awkward_names[rng() % std::size(awkward_names)], {}, {}, 0});
        }
        if (rng() % 4 == 0) d.removed.push_back(1 + rng() % 30);
        tree.apply(d);
        std::string text = tree.text();
        auto lines = tree.lines();
        REQUIRE_MESSAGE(lines == rebuilt_lines(tree), "after delta ", i);
        std::string joined;
        for (const auto& l : lines) joined += (joined.empty() ? "" : "\n") + l;
        REQUIRE(text == joined);
        check_json(tree, hashes, i);
        if (i == 1000) copy = tree, copy_lines = lines;
    }
    CHECK(copy->lines() == copy_lines);  // the original changed a thousand times since
    copy->apply(format::Delta{{node(40, 0, "dialog", "Late")}, {}});
    CHECK(copy->lines() == rebuilt_lines(*copy));
}

TEST_CASE("a tree renamed in place (the layout kept, lines spliced into its JSON) reads as if rebuilt, after one delta or several") {
    // Most deltas rename nodes or change their values where they are: the tree mends the JSON
    // text it wrote last instead of joining it again. Checked after 0 to 3 deltas at a time.
    format::Snapshot start;
    start.nodes.push_back(node(1, 0, "window", "W"));
    for (std::uint64_t id = 2; id <= 30; ++id) start.nodes.push_back(node(id, 1 + (id - 2) / 5, "button", ("n" + std::to_string(id)).c_str()));
    replay::UiTree tree;
    tree.apply(start);
    std::mt19937_64 rng(9);
    std::unordered_map<std::uint64_t, std::string> hashes;
    for (int i = 0; i < 3000; ++i) {
        format::Delta d;
        for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) {
            const format::Node* was = tree.find(1 + rng() % 30);
            format::Node changed = *was;
            changed.name = awkward_names[rng() % std::size(awkward_names)];
            if (rng() % 3 == 0) changed.name += std::string(rng() % 40, 'x');  // longer and shorter lines
            if (rng() % 4 == 0) changed.value = {ValueState::plain, "v\"" + std::to_string(i)};
            d.upserts.push_back(changed);
        }
        tree.apply(d);
        if (rng() % 3 != 0) continue;  // several deltas between looks, sometimes
        check_json(tree, hashes, i);
    }
}

TEST_CASE("a TreeIndex rebuilds the same tree as a read from the start, from the nearest key frame, at 100 random instants") {
    TempDir dir;
    // A longer session: a key frame every 50 events, deltas in between that rename and remove.
    std::vector<format::Event> events{{0, 0, format::Control{ControlType::start, 0}}};
    std::uint64_t seq = 1;
    for (int i = 0; i < 1000; ++i) {
        std::int64_t t = 1000 * (i + 1);
        std::string label = "Item " + std::to_string(i);
        if (i % 50 == 0) {
            events.push_back({seq++, t, format::Snapshot{{node(1, 0, "window", "W"), node(2, 1, "button", "Start")}}});
        } else {
            format::Delta d{{format::Node{static_cast<std::uint64_t>(10 + i % 7), 1, "button", label, {}, {}, 0}}, {}};
            if (i % 5 == 0) d.removed.push_back(static_cast<std::uint64_t>(10 + (i + 3) % 7));
            events.push_back({seq++, t, d});
        }
    }
    auto file = write_session(dir / "long.semtrace", events);
    auto reader = std::move(format::SessionReader::open(file).value());
    auto index = replay::TreeIndex::build(reader);
    REQUIRE(index.ok());
    CHECK(index->key_frames() == 20);
    std::vector<std::int64_t> instants{0L, 999L, 1000L, 1500L, 50'000L, 50'999L, 51'000L, 999'000L, 1'000'000L, 5'000'000L};
    std::mt19937_64 rng(11);
    for (int i = 0; i < 100; ++i) instants.push_back(static_cast<std::int64_t>(rng() % 1'001'000));
    for (std::int64_t t : instants) {
        auto indexed = index->tree_at(t);
        REQUIRE(indexed.ok());
        CHECK_MESSAGE(indexed->lines() == tree_lines(reader, t), "at ", t);
    }
}

TEST_CASE("what an action led to: the nodes added, changed and removed between two trees") {
    TempDir dir;
    auto reader = format::SessionReader::open(write_session(dir / "s.semtrace", screens()));
    REQUIRE(reader.ok());
    auto before = replay::tree_at(reader.value(), 1'500'000).value();
    auto after = replay::tree_at(reader.value(), 2'500'000).value();
    replay::TreeDiff diff = replay::diff_trees(before, after);
    auto described = [](const std::vector<const format::Node*>& nodes) {
        std::vector<std::string> out;
        for (const format::Node* n : nodes) out.push_back(replay::describe_node(*n));
        return out;
    };
    CHECK(described(diff.added) == std::vector<std::string>{"[5] dialog 'Done'"});
    CHECK(described(diff.changed) == std::vector<std::string>{"[2] button 'Saved!'"});
    CHECK(described(diff.removed) == std::vector<std::string>{"[4] checkbox 'Urgent' (checked)"});
    replay::TreeDiff none = replay::diff_trees(after, after);
    CHECK((none.added.empty() && none.changed.empty() && none.removed.empty()));
}
