// step_details.cpp — the event details panel: the action as recorded, its target in the tree before it, the tree changes after it.
#include <cstdio>
#include <variant>

#include <imgui.h>

#include "replay_window.hpp"
#include "step_details.hpp"

namespace semtrace::replay_app {

namespace {

std::string value_text(const format::Value& v) {
    switch (v.state) {
        case ValueState::plain: return "plain \"" + v.text + "\"";
        case ValueState::redacted: return "redacted \"" + v.text + "\" (what was found became a placeholder)";
        case ValueState::masked: return "masked: something was typed; nothing of it was kept";
        case ValueState::none: break;
    }
    return "none";
}

// At most `limit` lines of one kind of change, then how many more.
void list_changes(std::vector<std::string>& lines, const char* sign, const std::vector<const format::Node*>& nodes,
                  std::size_t limit) {
    for (std::size_t i = 0; i < nodes.size() && i < limit; ++i) lines.push_back(std::string("  ") + sign + " " + replay::describe_node(*nodes[i]));
    if (nodes.size() > limit) lines.push_back("    ... and " + std::to_string(nodes.size() - limit) + " more");
}

}  // namespace

Result<StepDetails> describe_step(const ReplaySession& session, std::uint64_t step) {
    const auto& steps = session.steps();
    StepDetails d{step, {}};
    if (step >= steps.size()) {
        d.lines.push_back("no actions in this session");
        return d;
    }
    const StepSummary& s = steps[step];
    auto event = session.event(s.seq);
    if (!event) return event.error();
    if (!event->has_value() || !std::holds_alternative<format::Action>((*event)->body))
        return Error{"event " + std::to_string(s.seq) + " is not the action the step list holds"};
    const format::Action& a = std::get<format::Action>((*event)->body);
    auto before = session.tree_at(s.t_us);
    if (!before) return before.error();
    std::int64_t until = step + 1 < steps.size() ? steps[step + 1].t_us - 1 : session.end_us();
    auto after = session.tree_at(std::max(until, s.t_us));
    if (!after) return after.error();

    char line[160];
    std::snprintf(line, sizeof line, "step %llu of %zu   at %.3f s   event %llu", static_cast<unsigned long long>(step),
                  steps.size(), static_cast<double>(s.t_us) / 1e6, static_cast<unsigned long long>(s.seq));
    d.lines.emplace_back(line);
    d.lines.push_back("action   " + std::string(name_of(a.type)));
    d.lines.push_back("target   " + (a.target.locator.empty() ? std::string("(none named)") : a.target.locator));
    if (a.target.node_id) {
        const format::Node* node = before->find(a.target.node_id);
        d.lines.push_back("node     " + (node ? replay::describe_node(*node)
                                              : "[" + std::to_string(a.target.node_id) + "] (not in the tree then)"));
    }
    if (a.target.bounds.known()) {
        std::snprintf(line, sizeof line, "bounds   x %.0f  y %.0f  %.0f x %.0f", static_cast<double>(a.target.bounds.x),
                      static_cast<double>(a.target.bounds.y), static_cast<double>(a.target.bounds.width),
                      static_cast<double>(a.target.bounds.height));
        d.lines.emplace_back(line);
    }
    d.lines.push_back("value    " + value_text(a.value));
    replay::TreeDiff diff = replay::diff_trees(before.value(), after.value());
    d.lines.push_back("led to   " + std::to_string(diff.added.size()) + " added, " + std::to_string(diff.changed.size()) +
                      " changed, " + std::to_string(diff.removed.size()) + " removed");
    list_changes(d.lines, "+", diff.added, 6);
    list_changes(d.lines, "~", diff.changed, 6);
    list_changes(d.lines, "-", diff.removed, 6);
    return d;
}

void draw_step_details(const StepDetails& details) {
    for (const std::string& line : details.lines) ImGui::TextUnformatted(line.c_str());
}

}  // namespace semtrace::replay_app
