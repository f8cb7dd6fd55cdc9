// trajectories.hpp — a session's annotated tasks as trajectories: each step's observation (the UI tree), action, label.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annotations.hpp"
#include "format/events.hpp"
#include "ui_tree.hpp"
#include "semtrace/result.hpp"

namespace semtrace::dataset {

// The UI tree just before an action, as every format writes it: UiTree::json_text(), the tree's
// text as a JSON string (kept in that form only: each tree line is escaped once, when its node
// changes). Steps in a row with no change between them share one.
class Observation {
public:
    std::string_view json() const { return json_; }  // quotes included
    // Without the quotes: to write the tree inside a longer JSON string.
    std::string_view json_chars() const { return json_.substr(1, json_.size() - 2); }
    std::uint64_t hash() const { return hash_; }  // what duplicate detection compares
private:
    friend class SessionStore;
    std::string_view json_;
    std::uint64_t hash_ = 0;
};

// What a session record's steps point into: their observations and their strings, side by
// side in large blocks (a string apiece on the heap cost an export more in malloc and free
// than in writing the text). What it returns stays where it is until the store is destroyed;
// moving the store moves nothing it holds.
class SessionStore {
public:
    const Observation* observe(const replay::UiTree& tree);  // the tree as it is now
    std::string_view keep(std::string_view text);
private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* free_ = nullptr;  // in the last block
    std::size_t left_ = 0;  // bytes free there
    std::deque<Observation> observations_;
};

// A step's action as recorded (masked and redacted values stay so), its strings in the store.
struct StepAction {
    ActionType type = ActionType::click;
    struct Target {
        std::string_view locator;
        std::uint64_t node_id = 0;
    } target;
    struct Value {
        ValueState state = ValueState::none;
        std::string_view text;
    } value;
};

struct StepRecord {
    std::uint64_t index = 0;        // the step's number in its session, as annotations count them
    std::int64_t t_us = 0;
    const Observation* observation = nullptr;  // in the session record's store, as are the strings below
    std::shared_ptr<const std::vector<format::Node>> nodes;  // the same tree's nodes, in order
    StepAction action;
    std::uint64_t ref = 0;          // the target's [id] in the observation; 0 if it is not there
    std::string_view role, name;    // the target's, from the tree (or its locator's last step)
    std::optional<replay::StepLabel> label;
    std::string_view step_instruction;
    bool milestone = false;
};

struct TaskRecord {
    replay::Task task;              // as annotated (id "session" for an unannotated session's whole)
    std::vector<StepRecord> steps;  // in order, hidden steps left out unless asked for
};

// What an export keeps. Session-level filters (app, dates) are the catalog's.
struct TaskFilter {
    std::optional<replay::Outcome> outcome;
    int min_rating = 0;
    std::optional<replay::Review> review;
    std::optional<replay::StepLabel> label;  // tasks with at least one step so labelled
    bool include_unannotated = false;        // a session without tasks: all of it, as one task
    bool include_hidden = false;
    bool keep_nodes = false;                 // each step's tree as nodes too (mind2web's candidates)
};

struct SessionRecord {
    std::filesystem::path file;
    std::string content_hash;  // what the sidecar and the manifest are bound to
    format::SessionHeader header;
    SessionStore store;                   // what the steps' observations and strings point into
    std::vector<TaskRecord> tasks;        // those the filter kept
    std::vector<std::string> empty_tasks;  // kept by the filter but without a step: refused, by id
};

// Reads the session and its sidecar in one pass. A sidecar that cannot be used is an error
// (never exported as unannotated); a session without one has no tasks unless asked for.
Result<SessionRecord> read_trajectories(const std::filesystem::path& session, const TaskFilter& filter);

}  // namespace semtrace::dataset
