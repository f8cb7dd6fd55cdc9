// replay_window.hpp — a session opened for replay (its steps and key frames), and the window that shows it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "annotation_panel.hpp"
#include "step_details.hpp"
#include "timeline.hpp"
#include "format/session_reader.hpp"
#include "semtrace/result.hpp"
#include "ui_tree.hpp"

namespace semtrace::replay_app {

struct StepSummary {
    std::int64_t t_us = 0;
    std::string line;          // "12.500s  click  window 'Editor'/button 'Save'"
    std::uint64_t target = 0;  // the node acted on, 0 if the action named none
    std::uint64_t seq = 0;     // the action's event
};

class ReplaySession {
public:
    static Result<std::unique_ptr<ReplaySession>> open(const std::filesystem::path& file);
    const std::vector<StepSummary>& steps() const noexcept { return steps_; }
    std::int64_t end_us() const noexcept { return end_us_; }
    const std::filesystem::path& file() const noexcept { return file_; }
    // For a file whose recorder died: what was recovered and what was dropped; "" for a whole file.
    const std::string& recovery_note() const noexcept { return recovery_note_; }
    Result<replay::UiTree> tree_at(std::int64_t t_us) const { return index_.tree_at(t_us); }
    Result<std::optional<format::Event>> event(std::uint64_t seq) const { return reader_.event_at(seq); }

private:
    explicit ReplaySession(format::SessionReader reader) : reader_(std::move(reader)) {}
    std::filesystem::path file_;
    format::SessionReader reader_;
    replay::TreeIndex index_;  // points at reader_: a ReplaySession does not move
    std::vector<StepSummary> steps_;
    std::int64_t end_us_ = 0;
    std::string recovery_note_;
};

// The step list, a timeline and the reconstructed screen, in one full-window ImGui window.
class ReplayWindow {
public:
    // `annotator`: the pseudonym new tasks carry. A sidecar that cannot be used is said on stderr
    // and in the panel; the session still replays.
    ReplayWindow(const ReplaySession& session, std::optional<std::int64_t> at_us, std::string annotator = {});
    void draw();

    void seek(std::int64_t t_us) { show(t_us); }  // as a click on the timeline does
    const AnnotationPanel* panel() const noexcept { return panel_ ? &*panel_ : nullptr; }
    const std::string& annotation_error() const noexcept { return annotation_error_; }
    std::int64_t time_us() const noexcept { return t_us_; }
    std::uint64_t step() const noexcept { return step_; }
    bool playing() const noexcept { return playing_; }
    double speed() const noexcept { return speed_; }
    bool skipping_idle() const noexcept { return skip_idle_; }
    std::size_t steps_shown() const noexcept { return shown_.size(); }
    const StepDetails& details() const noexcept { return details_; }
    const Timeline& timeline() const noexcept { return timeline_; }

private:
    void playback();  // Space, [ ], I; and time moving while playing
    void draw_steps();
    void draw_step_marks(std::size_t step) const;
    void refilter();  // the steps whose line holds the search text, any case
    void show(std::int64_t t_us, std::optional<std::uint64_t> step = std::nullopt);
    void show_step(std::uint64_t step);
    const ReplaySession& session_;
    std::optional<AnnotationPanel> panel_;  // none when the sidecar could not be opened (status_ says why)
    std::string annotation_error_;
    std::uint64_t step_ = 0;                // the last step at or before t_us_
    std::int64_t t_us_ = 0;
    replay::UiTree tree_;
    std::uint64_t highlight_ = 0;
    Timeline timeline_;
    StepDetails details_;  // of step_; details_error_ if it could not be read
    std::string details_error_;
    std::string status_;
    bool playing_ = false;
    double speed_ = 1.0;
    bool skip_idle_ = true;  // while playing, a pause of more than two seconds between steps is jumped over
    char search_[128] = {};
    std::vector<std::size_t> shown_;
};

}  // namespace semtrace::replay_app
