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
    {"E", "end the current task at this step (what lies beyond is let go)"},
    {"Delete", "delete the current task"},
    {"T", "write the task's goal instruction (Enter saves, Esc cancels)"},
    {"W", "write what this step does (its step instruction)"},
    {"O", "write notes on the task (Ctrl+Enter: new line)"},
    {"1 ... 5", "rate the current task"},
    {"S / F / A", "outcome: success, failure, abandoned"},
    {"V", "review state: draft, submitted, approved, rejected, in turn"},
    {"C / M / R / X", "label this step: correct, mistake, redundant, exploratory"},
    {"G", "mark or unmark this step as a milestone"},
    {"H", "hide or show this step in exports"},
    {"Ctrl+Z / Ctrl+Y", "undo / redo"},
    {"F1", "this help"},
};

class AnnotationPanel {
public:
    // New tasks carry `annotator`, the annotator's pseudonym (never a name).
    AnnotationPanel(replay::AnnotationEditor editor, std::string annotator)
        : editor_(std::move(editor)), annotator_(std::move(annotator)) {}
    // Reads the shortcuts (not while a text field has the keyboard); may move `step`.
    void handle_keys(std::uint64_t& step, std::uint64_t step_count);
    void draw(std::uint64_t step);
    const replay::AnnotationEditor& editor() const noexcept { return editor_; }

    const std::string& message() const noexcept { return message_; }

private:
    enum class Field { none, instruction, step_instruction, notes };
    int task_at(std::uint64_t step) const;        // the task holding step; -1: none
    int current_task(std::uint64_t step) const;   // that, or else the last task; -1: none
    void change(const std::function<void(replay::Annotations&)>& edit);
    void step_keys(std::uint64_t step);
    void draw_task(std::size_t task, std::uint64_t step);
    // A text field on one string of task `task`: saved, as one undoable change, when left with Enter or a click.
    void text_field(Field field, const char* hint, std::size_t task, std::string replay::Task::*member);
    void step_instruction_field(std::size_t task, std::uint64_t step);
    replay::AnnotationEditor editor_;
    std::string annotator_;
    std::string message_;  // the last refusal or save error, shown until the next change
    bool help_ = false;
    Field focus_ = Field::none;  // the field a shortcut asked for, focused in the next draw
};

}  // namespace semtrace::replay_app
