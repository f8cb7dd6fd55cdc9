// annotations.hpp — the annotation model: tasks cut from a session, labelled steps, review state; saved beside the session.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "semtrace/result.hpp"

namespace semtrace::replay {

enum class Outcome : std::uint8_t { unset, success, failure, abandoned };
enum class StepLabel : std::uint8_t { correct, mistake, redundant, exploratory };
enum class Review : std::uint8_t { draft, submitted, approved, rejected };

// The names the sidecar and the exports use ("success", "mistake", "approved"), and back.
const char* name_of(Outcome outcome);
const char* name_of(StepLabel label);
const char* name_of(Review review);
std::optional<Outcome> parse_outcome(std::string_view name);
std::optional<StepLabel> parse_label(std::string_view name);
std::optional<Review> parse_review(std::string_view name);

// One task an annotator cut from a session: steps [start_step, end_step] (action indices, as
// for_each_step numbers them). docs/annotations.md describes every field.
struct Task {
    std::string id;
    std::uint64_t start_step = 0;
    std::uint64_t end_step = 0;
    std::string instruction;                              // the goal, as a person would say it
    std::map<std::uint64_t, std::string> step_instructions;  // what a step does, where written
    std::vector<std::uint64_t> milestones;
    Outcome outcome = Outcome::unset;
    int rating = 0;                                       // 1-5; 0: not rated
    std::map<std::uint64_t, StepLabel> labels;
    std::string notes;
    Review review = Review::draft;
    std::string annotator;                                // a pseudonym, never a name
    friend bool operator==(const Task&, const Task&) = default;
};

struct Annotations {
    std::string session;                   // the session file's content hash: what these belong to
    std::vector<Task> tasks;
    std::set<std::uint64_t> hidden_steps;  // left out of exports
    friend bool operator==(const Annotations&, const Annotations&) = default;
};

// XXH3-128 of the session file's bytes, as 32 hex digits.
Result<std::string> session_content_hash(const std::filesystem::path& session);
// "recording.semtrace" -> "recording.annot.json", in the same folder.
std::filesystem::path sidecar_path(const std::filesystem::path& session);

// A missing sidecar gives empty annotations for that session. A sidecar made for another
// session (its hash differs) is refused, never attached; so is one that does not parse.
Result<Annotations> load_annotations(const std::filesystem::path& sidecar, const std::string& session_hash);
// Written to a temporary file, flushed, then renamed over the sidecar: a crash leaves the old
// file or the new one, never half of one.
Result<void> save_annotations(const std::filesystem::path& sidecar, const Annotations& annotations);

// Every change is checked, saved at once (autosave) and can be undone and redone.
class AnnotationEditor {
public:
    static Result<AnnotationEditor> open(const std::filesystem::path& session);
    const Annotations& annotations() const noexcept { return history_[at_]; }
    // Applies `edit` to a copy; if the result is valid it becomes current and is saved.
    Result<void> change(const std::function<void(Annotations&)>& edit);
    Result<void> undo();
    Result<void> redo();
    bool can_undo() const noexcept { return at_ > 0; }
    bool can_redo() const noexcept { return at_ + 1 < history_.size(); }

private:
    std::filesystem::path sidecar_;
    std::vector<Annotations> history_;  // history_[at_] is current
    std::size_t at_ = 0;
};

// Why a set of annotations is not valid ("tasks[1].rating is 7: use 1 to 5, or 0"), or "".
std::string check_annotations(const Annotations& annotations);

}  // namespace semtrace::replay
