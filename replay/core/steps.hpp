// steps.hpp — a session as steps: each action with the UI tree just before it and the tree it led to.
#pragma once

#include <cstdint>
#include <functional>

#include "format/events.hpp"
#include "format/session_reader.hpp"
#include "semtrace/result.hpp"
#include "ui_tree.hpp"

namespace semtrace::replay {

// One action of a session. `before` is the tree as the user saw it when acting; `after` is
// the tree once the app had answered: every tree change up to the next action (or the end).
// These are exactly the (state, action, next state) triples a trajectory export writes.
struct Step {
    std::uint64_t index = 0;  // 0, 1, 2, ... over the session's actions
    const format::Event* event = nullptr;
    const format::Action* action = nullptr;
    const UiTree* before = nullptr;
    const UiTree* after = nullptr;
};

// Calls visit for each step in session order until it returns false. The step's pointers are
// valid during the call.
Result<void> for_each_step(const format::SessionReader& reader, const std::function<bool(const Step&)>& visit);

}  // namespace semtrace::replay
