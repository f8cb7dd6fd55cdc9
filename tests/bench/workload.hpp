// workload.hpp — a realistic day in a form-heavy app: Zipf-distributed locators of 20-80 chars, a dozen action types, snapshots.
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "format/events.hpp"

namespace semtrace::bench {

struct WorkItem {
    ActionType type;
    std::size_t locator;  // index into Workload::locators
    ValueState state;
    std::size_t value;  // index into Workload::values
};

class Workload {
public:
    explicit Workload(std::size_t count, std::uint32_t seed = 42) {
        std::mt19937 rng(seed);
        const char* roles[] = {"button", "textbox", "combobox", "checkbox", "link", "tab", "menuitem", "listitem"};
        const char* words[] = {"Save", "Customer", "Email", "Priority", "Notes", "Status", "Assign", "Queue",
                               "Refund", "Invoice", "Search", "Filter", "Next", "Back", "Close", "Details"};
        for (int i = 0; i < 400; ++i) {
            std::string l = "window 'Desk'/pane '" + std::string(words[rng() % 16]) + "'/" + roles[rng() % 8] + " '" +
                            words[rng() % 16] + " " + std::to_string(i) + "'";
            while (l.size() < 20 + rng() % 60) l += "/group";
            locators.push_back(l.substr(0, 80));
        }
        for (int i = 0; i < 50; ++i) values.push_back("Option " + std::to_string(i));
        // Zipf(1.1) over the locators: a few are used all day, most rarely.
        std::vector<double> weights;
        for (std::size_t i = 0; i < locators.size(); ++i) weights.push_back(1.0 / std::pow(double(i + 1), 1.1));
        std::discrete_distribution<std::size_t> zipf(weights.begin(), weights.end());
        const ActionType types[] = {ActionType::click, ActionType::click,  ActionType::click,    ActionType::fill,
                                    ActionType::fill,  ActionType::select, ActionType::toggle,   ActionType::focus,
                                    ActionType::scroll, ActionType::submit, ActionType::navigate, ActionType::shortcut,
                                    ActionType::open,  ActionType::close};
        for (std::size_t i = 0; i < count; ++i) {
            ActionType type = types[rng() % 14];
            ValueState state = ValueState::none;
            if (type == ActionType::fill) state = rng() % 4 ? ValueState::masked : ValueState::redacted;
            else if (type == ActionType::select || type == ActionType::toggle || type == ActionType::scroll ||
                     type == ActionType::navigate || type == ActionType::shortcut)
                state = ValueState::plain;
            items.push_back({type, zipf(rng), state, rng() % values.size()});
        }
    }

    format::ActionRef action(std::size_t i) const {
        const WorkItem& w = items[i % items.size()];
        return {w.type, locators[w.locator], 0, {}, w.state,
                w.state == ValueState::plain || w.state == ValueState::redacted ? std::string_view(values[w.value]) : ""};
    }

    // A key frame of the screen: 30 nodes.
    format::Snapshot snapshot(std::size_t i) const {
        format::Snapshot s;
        for (std::uint64_t n = 1; n <= 30; ++n)
            s.nodes.push_back({n, n / 8, "button", locators[(i + n) % locators.size()].substr(0, 24), {}, {0, float(n) * 20, 120, 18}, 0});
        return s;
    }

    std::vector<std::string> locators;
    std::vector<std::string> values;
    std::vector<WorkItem> items;
};

}  // namespace semtrace::bench
