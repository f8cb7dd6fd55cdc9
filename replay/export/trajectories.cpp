// trajectories.cpp — one pass over a session: the tree before each action of the kept tasks, the action, its annotations.
#include <algorithm>
#include <limits>
#include <map>

#include "format/session_reader.hpp"
#include "trajectories.hpp"
#include "ui_tree.hpp"

namespace semtrace::dataset {

const Observation* SessionStore::observe(const replay::UiTree& tree) {
    auto [text, hash] = tree.json_text_view();
    Observation& o = observations_.emplace_back();
    o.json_ = keep(text);
    o.hash_ = hash;
    return &o;
}

std::string_view SessionStore::keep(std::string_view text) {
    constexpr std::size_t block_size = 64 * 1024;
    if (text.empty()) return {};
    if (text.size() > left_) {
        left_ = std::max(text.size(), block_size);
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(left_));
        free_ = blocks_.back().get();
    }
    std::string_view kept(free_, text.size());
    std::copy(text.begin(), text.end(), free_);
    free_ += text.size();
    left_ -= text.size();
    return kept;
}

namespace {

// "window 'Editor'/button 'Save'" -> role "button", name "Save": the target when the tree lacks its node.
void last_step(std::string_view locator, std::string& role, std::string& name) {
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < locator.size(); ++i) {
        if (quoted && locator[i] == '\\') ++i;
        else if (locator[i] == '\'') quoted = !quoted;
        else if (!quoted && locator[i] == '/') start = i + 1;
    }
    std::string_view step = locator.substr(start);
    std::size_t quote = step.find('\'');
    role.assign(step.substr(0, std::min(quote, step.find(' '))));
    name.clear();
    if (quote == std::string_view::npos) return;
    for (std::size_t i = quote + 1; i < step.size() && step[i] != '\''; ++i) {
        if (step[i] == '\\' && i + 1 < step.size()) ++i;
        name += step[i];
    }
}

// The node an action acted on when the recorder gave no id the tree knows: the node whose role
// and name are the locator's last step (under a root named as the locator's first, if several).
const format::Node* node_by_locator(const replay::UiTree& tree, const format::Action& a, const std::string& role,
                                    const std::string& name) {
    if (name.empty()) return nullptr;
    const format::Node* first = nullptr;
    std::string root_role, root_name;
    last_step(std::string_view(a.target.locator).substr(0, a.target.locator.find('/')), root_role, root_name);
    for (const format::Node* n : tree.nodes()) {
        if (n->role != role || n->name != name) continue;
        const format::Node* root = n;
        while (const format::Node* up = tree.find(root->parent)) root = up;
        if (root_name == root->name) return n;
        if (!first) first = n;
    }
    return first;
}

bool keeps(const TaskFilter& f, const replay::Task& t) {
    if (f.outcome && t.outcome != *f.outcome) return false;
    if (t.rating < f.min_rating) return false;
    if (f.review && t.review != *f.review) return false;
    if (f.label && std::none_of(t.labels.begin(), t.labels.end(), [&](const auto& l) { return l.second == *f.label; }))
        return false;
    return true;
}


// Where a task's labels, step instructions and milestones are up to: steps come in order, so
// each is found by moving on from the last one instead of by a search (a label lookup a step
// was an export's most costly line).
struct AnnotationCursor {
    explicit AnnotationCursor(const replay::Task& task)
        : labels(task.labels.begin()), labels_end(task.labels.end()), instructions(task.step_instructions.begin()),
          instructions_end(task.step_instructions.end()), milestones(task.milestones.begin()),
          milestones_end(task.milestones.end()) {}
    bool label(std::uint64_t step) { return at(labels, labels_end, step); }
    bool instruction(std::uint64_t step) { return at(instructions, instructions_end, step); }
    bool milestone(std::uint64_t step) { return at(milestones, milestones_end, step); }
    static std::uint64_t step_of(std::uint64_t step) { return step; }
    template <class Pair>
    static std::uint64_t step_of(const Pair& entry) { return entry.first; }
    template <class It>
    static bool at(It& it, It end, std::uint64_t step) {
        while (it != end && step_of(*it) < step) ++it;
        return it != end && step_of(*it) == step;
    }
    std::map<std::uint64_t, replay::StepLabel>::const_iterator labels, labels_end;
    std::map<std::uint64_t, std::string>::const_iterator instructions, instructions_end;
    std::vector<std::uint64_t>::const_iterator milestones, milestones_end;
};

// The tree as the session goes, and each step as the tasks take it: the tree just before the
// action (steps in a row with no change between them share one observation), the action, its
// target as the tree names it. Strings go to the session record's store.
class StepBuilder {
public:
    StepBuilder(SessionStore& store, bool keep_nodes) : store_(store), keep_nodes_(keep_nodes) {}

    void apply(const format::Event& e) {
        tree_.apply(e.body);
        observed_ = observed_ && e.kind() != format::EventKind::snapshot && e.kind() != format::EventKind::delta;
    }

    StepRecord step(std::uint64_t index, std::int64_t t_us, const format::Action& action) {
        if (!observed_) observe();
        StepRecord s;
        s.index = index;
        s.t_us = t_us;
        s.observation = observation_;
        s.nodes = nodes_;
        s.action = {action.type,
                    {store_.keep(action.target.locator), action.target.node_id},
                    {action.value.state, store_.keep(action.value.text)}};
        const format::Node* node = tree_.find(action.target.node_id);
        if (!node) {
            last_step(action.target.locator, role_, name_);
            node = node_by_locator(tree_, action, role_, name_);
        }
        if (node) s.ref = node->id;
        s.role = store_.keep(node ? node->role : role_);
        s.name = store_.keep(node ? node->name : name_);
        return s;
    }

private:
    void observe() {
        observation_ = store_.observe(tree_);
        if (keep_nodes_) {
            std::vector<format::Node> copy;
            for (const format::Node* n : tree_.nodes()) copy.push_back(*n);
            nodes_ = std::make_shared<const std::vector<format::Node>>(std::move(copy));
        }
        observed_ = true;
    }

    SessionStore& store_;
    bool keep_nodes_;
    replay::UiTree tree_;
    const Observation* observation_ = nullptr;
    std::shared_ptr<const std::vector<format::Node>> nodes_;
    bool observed_ = false;    // `observation_` is the tree as it is now
    std::string role_, name_;  // scratch, for targets the tree does not hold
};

// The tasks an export keeps, each with room for its steps at once (no more than the session
// has events, nor 65,536: past that it grows) instead of growing from nothing.
std::vector<TaskRecord> kept_tasks(const replay::Annotations& annotations, const TaskFilter& filter,
                                   std::uint64_t event_count) {
    std::vector<TaskRecord> tasks;
    for (const replay::Task& t : annotations.tasks)
        if (keeps(filter, t)) tasks.push_back({t, {}});
    if (annotations.tasks.empty() && filter.include_unannotated) {
        replay::Task whole;
        whole.id = "session";
        whole.end_step = std::numeric_limits<std::uint64_t>::max();
        tasks.push_back({whole, {}});
    }
    for (TaskRecord& t : tasks) {
        std::uint64_t span = t.task.end_step >= t.task.start_step ? t.task.end_step - t.task.start_step : 0;
        t.steps.reserve(static_cast<std::size_t>(std::min({span, event_count, std::uint64_t{65535}}) + 1));
    }
    return tasks;
}

}  // namespace

Result<SessionRecord> read_trajectories(const std::filesystem::path& session, const TaskFilter& filter) {
    auto reader = format::SessionReader::open(session);
    if (!reader) return reader.error();
    SessionRecord record;
    record.file = session;
    record.header = reader->header();
    auto hash = replay::session_content_hash(session);
    if (!hash) return hash.error();
    record.content_hash = hash.value();
    auto annotations = replay::load_annotations(replay::sidecar_path(session), record.content_hash);
    if (!annotations) return annotations.error();
    record.tasks = kept_tasks(*annotations, filter, reader->event_count());
    if (record.tasks.empty()) return record;

    std::uint64_t last_step_wanted = 0;
    std::vector<AnnotationCursor> cursors;
    for (const TaskRecord& t : record.tasks) {
        last_step_wanted = std::max(last_step_wanted, t.task.end_step);
        cursors.emplace_back(t.task);
    }
    StepBuilder builder(record.store, filter.keep_nodes);
    std::uint64_t index = 0;
    auto read = reader->read(0, [&](const format::Event& e) {
        const auto* action = std::get_if<format::Action>(&e.body);
        if (!action) {
            builder.apply(e);
            return true;
        }
        std::uint64_t step = index++;
        if (annotations->hidden_steps.count(step) && !filter.include_hidden) return step < last_step_wanted;
        std::optional<StepRecord> base;  // what every task that holds this step says of it alike
        for (std::size_t i = 0; i < record.tasks.size(); ++i) {
            TaskRecord& t = record.tasks[i];
            if (step < t.task.start_step || step > t.task.end_step) continue;
            if (!base) base = builder.step(step, e.t_us, *action);
            StepRecord& s = t.steps.emplace_back(*base);
            AnnotationCursor& at = cursors[i];
            if (at.label(step)) s.label = at.labels->second;
            if (at.instruction(step)) s.step_instruction = record.store.keep(at.instructions->second);
            s.milestone = at.milestone(step);
        }
        return step < last_step_wanted;  // nothing after the last step any task wants
    });
    if (!read) return read.error();
    std::erase_if(record.tasks, [&](const TaskRecord& t) {
        if (!t.steps.empty()) return false;
        record.empty_tasks.push_back(t.task.id);
        return true;
    });
    return record;
}

}  // namespace semtrace::dataset
