// test_steps.cpp — each action paired with the tree the user saw before it and the tree the app answered with.
#include <doctest/doctest.h>

#include "steps.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

format::Node named(std::uint64_t id, std::uint64_t parent, const char* role, const char* name) {
    return format::Node{id, parent, role, name, {}, {}, 0};
}

format::Event action(std::uint64_t seq, std::int64_t t, ActionType type, const char* locator, std::uint64_t node) {
    return {seq, t, format::Action{type, format::Target{locator, node, {}}, {}}};
}

}  // namespace

TEST_CASE("steps: the tree before each action, and every change the app made until the next one") {
    TempDir dir;
    std::vector<format::Event> events{
        {0, 0, format::Control{ControlType::start, 0}},
        {1, 10, format::Snapshot{{named(1, 0, "window", "Editor"), named(2, 1, "button", "Save")}}},
        action(2, 20, ActionType::click, "window 'Editor'/button 'Save'", 2),
        {3, 30, format::Delta{{named(3, 1, "dialog", "Saved")}, {}}},   // the app answers
        {4, 35, format::Marker{"app.saved", {}}},
        {5, 40, format::Delta{{named(4, 3, "button", "OK")}, {}}},
        action(6, 50, ActionType::click, "window 'Editor'/dialog 'Saved'/button 'OK'", 4),
        {7, 60, format::Delta{{}, {3, 4}}},
        action(8, 70, ActionType::close, "window 'Editor'", 1),  // the last step: after = the end
        {9, 80, format::Control{ControlType::end, 0}},
    };
    auto file = write_session(dir / "s.semtrace", events);
    auto reader = std::move(format::SessionReader::open(file).value());
    std::vector<std::vector<std::string>> before, after;
    std::vector<std::uint64_t> targets;
    auto ok = replay::for_each_step(reader, [&](const replay::Step& s) {
        CHECK(s.index == before.size());
        before.push_back(s.before->lines());
        after.push_back(s.after->lines());
        targets.push_back(s.action->target.node_id);
        CHECK(s.before->find(s.action->target.node_id) != nullptr);  // the user saw what they acted on
        return true;
    });
    REQUIRE(ok.ok());
    REQUIRE(before.size() == 3);
    CHECK(targets == std::vector<std::uint64_t>{2, 4, 1});
    CHECK(before[0] == std::vector<std::string>{"[1] window 'Editor'", "  [2] button 'Save'"});
    CHECK(after[0] == std::vector<std::string>{"[1] window 'Editor'", "  [2] button 'Save'", "  [3] dialog 'Saved'",
                                               "    [4] button 'OK'"});
    CHECK(before[1] == after[0]);
    CHECK(after[1] == std::vector<std::string>{"[1] window 'Editor'", "  [2] button 'Save'"});
    CHECK(after[2] == before[2]);  // nothing changed after the last action
}

TEST_CASE("steps: stopping early, and a session without actions") {
    TempDir dir;
    auto file = write_session(dir / "s.semtrace", {{0, 0, format::Control{ControlType::start, 0}},
                                                    action(1, 5, ActionType::click, "a", 0),
                                                    action(2, 6, ActionType::click, "b", 0),
                                                    action(3, 7, ActionType::click, "c", 0)});
    auto reader = std::move(format::SessionReader::open(file).value());
    int seen = 0;
    REQUIRE(replay::for_each_step(reader, [&](const replay::Step&) { return ++seen < 2; }).ok());
    CHECK(seen == 2);

    auto empty = write_session(dir / "e.semtrace", {{0, 0, format::Control{ControlType::start, 0}}});
    auto quiet = std::move(format::SessionReader::open(empty).value());
    seen = 0;
    REQUIRE(replay::for_each_step(quiet, [&](const replay::Step&) { return ++seen > 0; }).ok());
    CHECK(seen == 0);
}
