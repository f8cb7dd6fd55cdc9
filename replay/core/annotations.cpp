// annotations.cpp — binding annotations to their session, checking them, and the editor with autosave, undo and redo.
#include <cstdio>
#include <fstream>
#include <xxhash.h>

#include "annotations.hpp"

namespace semtrace::replay {

Result<std::string> session_content_hash(const std::filesystem::path& session) {
    std::ifstream in(session, std::ios::binary);
    if (!in) return Error{session.string() + ": cannot read"};
    XXH3_state_t* state = XXH3_createState();
    if (!state) return Error{"out of memory for a hash state"};
    XXH3_128bits_reset(state);
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) XXH3_128bits_update(state, buffer, static_cast<std::size_t>(in.gcount()));
    XXH128_hash_t h = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return std::string(hex);
}

std::filesystem::path sidecar_path(const std::filesystem::path& session) {
    std::filesystem::path p = session;
    p.replace_extension(".annot.json");
    return p;
}

std::string check_annotations(const Annotations& a) {
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
        const Task& t = a.tasks[i];
        std::string where = "tasks[" + std::to_string(i) + "]";
        if (t.end_step < t.start_step)
            return where + " ends at step " + std::to_string(t.end_step) + " before it starts at " +
                   std::to_string(t.start_step);
        if (t.rating < 0 || t.rating > 5) return where + ".rating is " + std::to_string(t.rating) + ": use 1 to 5, or 0";
        auto outside = [&](std::uint64_t step) { return step < t.start_step || step > t.end_step; };
        auto refuse = [&](const char* field, std::uint64_t step) {
            return where + "." + field + " holds step " + std::to_string(step) + ", outside the task (steps " +
                   std::to_string(t.start_step) + "-" + std::to_string(t.end_step) + ")";
        };
        for (std::uint64_t m : t.milestones)
            if (outside(m)) return refuse("milestones", m);
        for (const auto& [step, label] : t.labels)
            if (outside(step)) return refuse("labels", step);
        for (const auto& [step, text] : t.step_instructions)
            if (outside(step)) return refuse("step_instructions", step);
        for (std::size_t j = 0; j < i; ++j)
            if (!t.id.empty() && a.tasks[j].id == t.id) return where + ".id \"" + t.id + "\" is used twice";
    }
    return {};
}

Result<AnnotationEditor> AnnotationEditor::open(const std::filesystem::path& session) {
    auto hash = session_content_hash(session);
    if (!hash) return hash.error();
    AnnotationEditor editor;
    editor.sidecar_ = sidecar_path(session);
    auto loaded = load_annotations(editor.sidecar_, hash.value());
    if (!loaded) return loaded.error();
    editor.history_.push_back(std::move(loaded.value()));
    return editor;
}

Result<void> AnnotationEditor::change(const std::function<void(Annotations&)>& edit) {
    Annotations next = history_[at_];
    edit(next);
    next.session = history_[at_].session;  // an edit cannot move annotations to another session
    if (next == history_[at_]) return {};  // nothing changed: no save, no undo step
    if (std::string why = check_annotations(next); !why.empty()) return Error{why};
    if (auto saved = save_annotations(sidecar_, next); !saved) return saved;
    history_.resize(at_ + 1);  // a new change ends the redo branch
    history_.push_back(std::move(next));
    ++at_;
    return {};
}

Result<void> AnnotationEditor::undo() {
    if (!can_undo()) return Error{"nothing to undo"};
    if (auto saved = save_annotations(sidecar_, history_[at_ - 1]); !saved) return saved;
    --at_;
    return {};
}

Result<void> AnnotationEditor::redo() {
    if (!can_redo()) return Error{"nothing to redo"};
    if (auto saved = save_annotations(sidecar_, history_[at_ + 1]); !saved) return saved;
    ++at_;
    return {};
}

}  // namespace semtrace::replay
