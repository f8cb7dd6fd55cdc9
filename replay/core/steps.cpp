// steps.cpp — for_each_step: one pass over a session, holding the tree before each action until the next one arrives.
#include <optional>

#include "steps.hpp"

namespace semtrace::replay {

Result<void> for_each_step(const format::SessionReader& reader, const std::function<bool(const Step&)>& visit) {
    UiTree tree;
    struct Pending {
        format::Event event;
        UiTree before;
    };
    std::optional<Pending> pending;
    std::uint64_t index = 0;
    bool stopped = false;
    auto emit = [&] {
        const auto& action = std::get<format::Action>(pending->event.body);
        stopped = !visit(Step{index++, &pending->event, &action, &pending->before, &tree});
        pending.reset();
        return !stopped;
    };
    auto read = reader.read(0, [&](const format::Event& e) {
        if (std::holds_alternative<format::Action>(e.body)) {
            if (pending && !emit()) return false;
            pending = Pending{e, tree};
            return true;
        }
        tree.apply(e.body);
        return true;
    });
    if (!read) return read.error();
    if (pending && !stopped) emit();
    return {};
}

}  // namespace semtrace::replay
