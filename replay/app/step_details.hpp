// step_details.hpp — the event details panel: the current action in full, the node it acted on, and what it led to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "semtrace/result.hpp"

namespace semtrace::replay_app {

class ReplaySession;

// The panel's lines for one step, computed when the step changes (a seek and two trees).
struct StepDetails {
    std::uint64_t step = 0;
    std::vector<std::string> lines;
};

Result<StepDetails> describe_step(const ReplaySession& session, std::uint64_t step);
void draw_step_details(const StepDetails& details);

}  // namespace semtrace::replay_app
