// annotations_json.cpp — the sidecar file: annotations to and from JSON (nlohmann), strictly, and written atomically.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "annotations.hpp"
#include "format/atomic_file.hpp"

namespace semtrace::replay {

namespace {

using json = nlohmann::json;
constexpr int schema_version = 1;

struct JsonError {
    std::string message;
};

[[noreturn]] void fail(const std::string& where, const std::string& why) { throw JsonError{where + ": " + why}; }

// Unknown fields are errors: a misspelt field would otherwise be silently dropped on save.
const json& object(const json& j, const std::string& where, std::initializer_list<const char*> allowed) {
    if (!j.is_object()) fail(where, "must be an object");
    for (const auto& [key, value] : j.items()) {
        bool known = false;
        for (const char* a : allowed) known = known || key == a;
        if (!known) fail(where.empty() ? key : where + "." + key, "unknown field");
    }
    return j;
}

template <class T>
T get(const json& j, const std::string& where) {
    try {
        return j.get<T>();
    } catch (const json::exception&) {
        fail(where, "has the wrong type");
    }
}

template <class E>
struct Names {
    E value;
    const char* name;
};
constexpr Names<Outcome> outcomes[] = {{Outcome::unset, "unset"}, {Outcome::success, "success"},
                                       {Outcome::failure, "failure"}, {Outcome::abandoned, "abandoned"}};
constexpr Names<StepLabel> labels[] = {{StepLabel::correct, "correct"}, {StepLabel::mistake, "mistake"},
                                       {StepLabel::redundant, "redundant"}, {StepLabel::exploratory, "exploratory"}};
constexpr Names<Review> reviews[] = {{Review::draft, "draft"}, {Review::submitted, "submitted"},
                                     {Review::approved, "approved"}, {Review::rejected, "rejected"}};

template <class E, std::size_t N>
const char* name_of(const Names<E> (&names)[N], E value) {
    for (const auto& n : names)
        if (n.value == value) return n.name;
    return "?";
}

template <class E, std::size_t N>
E parse_name(const Names<E> (&names)[N], const json& j, const std::string& where) {
    std::string s = get<std::string>(j, where);
    std::string choices;
    for (const auto& n : names) {
        if (s == n.name) return n.value;
        choices += (choices.empty() ? "" : ", ") + std::string(n.name);
    }
    fail(where, "is \"" + s + "\": use one of " + choices);
}

template <class E, std::size_t N>
std::optional<E> parse_name(const Names<E> (&names)[N], std::string_view name) {
    for (const auto& n : names)
        if (name == n.name) return n.value;
    return std::nullopt;
}

// Step-keyed maps are JSON objects keyed by the step number as a string. A value is read by
// `fast` (nothing on a wrong one) and, only when that fails, by `read_or_fail`, which names the field
// in its error: building the name of every field first was most of a sidecar's load.
template <class V, class Fast, class Checked>
std::map<std::uint64_t, V> step_map(const json& j, const std::string& where, Fast fast, Checked read_or_fail) {
    if (!j.is_object()) fail(where, "must be an object keyed by step number");
    std::map<std::uint64_t, V> out;
    for (const auto& [key, value] : j.items()) {
        std::uint64_t step = 0;
        auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), step);
        if (key.empty() || error != std::errc{} || end != key.data() + key.size())
            fail(where + "." + key, "is not a step number");
        std::optional<V> read = fast(value);
        out[step] = read ? std::move(*read) : read_or_fail(value, where + "." + key);
    }
    return out;
}

Task parse_task(const json& j, const std::string& where) {
    object(j, where, {"id", "start_step", "end_step", "instruction", "step_instructions", "milestones", "outcome",
                      "rating", "labels", "notes", "review", "annotator"});
    Task t;
    auto field = [&](const char* key) { return where + "." + key; };
    if (j.contains("id")) t.id = get<std::string>(j["id"], field("id"));
    if (j.contains("start_step")) t.start_step = get<std::uint64_t>(j["start_step"], field("start_step"));
    if (j.contains("end_step")) t.end_step = get<std::uint64_t>(j["end_step"], field("end_step"));
    if (j.contains("instruction")) t.instruction = get<std::string>(j["instruction"], field("instruction"));
    if (j.contains("step_instructions"))
        t.step_instructions = step_map<std::string>(
            j["step_instructions"], field("step_instructions"),
            [](const json& v) { return v.is_string() ? std::optional(v.get_ref<const std::string&>()) : std::nullopt; },
            [](const json& v, const std::string& w) { return get<std::string>(v, w); });
    if (j.contains("milestones")) t.milestones = get<std::vector<std::uint64_t>>(j["milestones"], field("milestones"));
    if (j.contains("outcome")) t.outcome = parse_name(outcomes, j["outcome"], field("outcome"));
    if (j.contains("rating")) t.rating = get<int>(j["rating"], field("rating"));
    if (j.contains("labels"))
        t.labels = step_map<StepLabel>(
            j["labels"], field("labels"),
            [](const json& v) { return v.is_string() ? parse_name(labels, v.get_ref<const std::string&>()) : std::nullopt; },
            [](const json& v, const std::string& w) { return parse_name(labels, v, w); });
    if (j.contains("notes")) t.notes = get<std::string>(j["notes"], field("notes"));
    if (j.contains("review")) t.review = parse_name(reviews, j["review"], field("review"));
    if (j.contains("annotator")) t.annotator = get<std::string>(j["annotator"], field("annotator"));
    return t;
}

json to_json(const Task& t) {
    json j = {{"id", t.id},           {"start_step", t.start_step},   {"end_step", t.end_step},
              {"instruction", t.instruction}, {"milestones", t.milestones}, {"outcome", name_of(outcomes, t.outcome)},
              {"rating", t.rating},   {"notes", t.notes},             {"review", name_of(reviews, t.review)},
              {"annotator", t.annotator}};
    j["step_instructions"] = json::object();
    for (const auto& [step, text] : t.step_instructions) j["step_instructions"][std::to_string(step)] = text;
    j["labels"] = json::object();
    for (const auto& [step, label] : t.labels) j["labels"][std::to_string(step)] = name_of(labels, label);
    return j;
}

}  // namespace

const char* name_of(Outcome outcome) { return name_of(outcomes, outcome); }
const char* name_of(StepLabel label) { return name_of(labels, label); }
const char* name_of(Review review) { return name_of(reviews, review); }

std::optional<Outcome> parse_outcome(std::string_view name) { return parse_name(outcomes, name); }
std::optional<StepLabel> parse_label(std::string_view name) { return parse_name(labels, name); }
std::optional<Review> parse_review(std::string_view name) { return parse_name(reviews, name); }

Result<Annotations> load_annotations(const std::filesystem::path& sidecar, const std::string& session_hash) {
    std::ifstream in(sidecar, std::ios::binary);
    if (!in) {
        if (!std::filesystem::exists(sidecar)) return Annotations{session_hash, {}, {}};
        return Error{sidecar.string() + ": cannot read"};
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    try {
        json j = json::parse(text);
        object(j, "", {"semtrace_annotations", "session", "tasks", "hidden_steps"});
        if (!j.contains("semtrace_annotations") || get<int>(j["semtrace_annotations"], "semtrace_annotations") != schema_version)
            fail("semtrace_annotations", "must be 1 (this version of semtrace reads version 1)");
        Annotations a;
        if (j.contains("session")) a.session = get<std::string>(j["session"], "session");
        if (a.session != session_hash)
            return Error{sidecar.string() + ": made for another session (content hash " + a.session + ", this one is " +
                         session_hash + "); not attached. Move it away, or open the session it belongs to"};
        if (j.contains("hidden_steps")) {
            auto hidden = get<std::vector<std::uint64_t>>(j["hidden_steps"], "hidden_steps");
            a.hidden_steps.insert(hidden.begin(), hidden.end());
        }
        if (j.contains("tasks")) {
            if (!j["tasks"].is_array()) fail("tasks", "must be an array");
            for (std::size_t i = 0; i < j["tasks"].size(); ++i)
                a.tasks.push_back(parse_task(j["tasks"][i], "tasks[" + std::to_string(i) + "]"));
        }
        if (std::string why = check_annotations(a); !why.empty()) return Error{sidecar.string() + ": " + why};
        return a;
    } catch (const JsonError& e) {
        return Error{sidecar.string() + ": " + e.message};
    } catch (const json::parse_error& e) {
        return Error{sidecar.string() + ": not valid JSON (" + std::string(e.what()) + ")"};
    }
}

Result<void> save_annotations(const std::filesystem::path& sidecar, const Annotations& a) {
    json j = {{"semtrace_annotations", schema_version},
              {"session", a.session},
              {"hidden_steps", std::vector<std::uint64_t>(a.hidden_steps.begin(), a.hidden_steps.end())},
              {"tasks", json::array()}};
    for (const Task& t : a.tasks) j["tasks"].push_back(to_json(t));
    std::string text = j.dump(2) + "\n";
    if (auto saved = format::write_file_atomically(sidecar, text); !saved)
        return Error{saved.error().message + "; the annotations saved before are intact"};
    return {};
}

}  // namespace semtrace::replay
