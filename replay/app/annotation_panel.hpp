// annotation_panel.hpp — the annotator's panel and keyboard shortcuts: tasks, ratings, step labels, hidden steps, undo.
#pragma once

#include <cstdint>
#include <string>

#include "annotations.hpp"

namespace semtrace::replay_app {

// Every shortcut, as docs/replay.md and the F1 help list them.
struct Shortcut {
    const char* keys;
    const char* what;
};
inline constexpr Shortcut shortcuts[] = {
    {"Space", "play / pause"},
    {"[ / ]", "half / double speed"},
    {"I", "skip idle time while playing (on by default)"},
    {"/", "search the steps"},
    {"Down / J", "next step"},
    {"Up / K", "previous step"},
    {"N", "new task starting at this step"},
    {"E", "end the current task at this step"},
    {"1 ... 5", "rate the current task"},
    {"S / F / A", "outcome: success, failure, abandoned"},
    {"C / M / R / X", "label this step: correct, mistake, redundant, exploratory"},
    {"H", "hide or show this step in exports"},
    {"Ctrl+Z / Ctrl+Y", "undo / redo"},
    {"F1", "this help"},
};

class AnnotationPanel {
public:
    explicit AnnotationPanel(replay::AnnotationEditor editor) : editor_(std::move(editor)) {}
    // Reads the shortcuts (not while a text field has the keyboard); may move `step`.
    void handle_keys(std::uint64_t& step, std::uint64_t step_count);
    void draw(std::uint64_t step);
    const replay::AnnotationEditor& editor() const noexcept { return editor_; }

private:
    int current_task(std::uint64_t step) const;  // -1: none
    void change(const std::function<void(replay::Annotations&)>& edit);
    replay::AnnotationEditor editor_;
    std::string message_;  // the last refusal or save error, shown until the next change
    bool help_ = false;
};

}  // namespace semtrace::replay_app
