// formats.cpp — JSON for each export format: keys in a fixed order, values as recorded (masked and redacted stay so).
#include <nlohmann/json.hpp>

#include "formats.hpp"

namespace semtrace::dataset {

using json = nlohmann::ordered_json;  // fields in the order docs/export.md lists them

std::optional<Format> parse_format(std::string_view name) {
    if (name == "trajectory") return Format::trajectory;
    if (name == "chat") return Format::chat;
    return std::nullopt;
}

const char* name_of(Format format) { return format == Format::trajectory ? "trajectory" : "chat"; }

namespace {

json value_json(const format::Value& v) {
    if (v.state == ValueState::none) return nullptr;
    json j = {{"state", std::string(name_of(v.state))}};
    if (v.state != ValueState::masked) j["text"] = v.text;
    return j;
}

// What a model would type or choose: masked values as "<masked>", the same mark the observation shows.
std::string value_text(const format::Value& v) { return v.state == ValueState::masked ? "<masked>" : v.text; }

json trajectory_line(const SessionRecord& s, const TaskRecord& t) {
    json steps = json::array();
    for (const StepRecord& step : t.steps)
        steps.push_back({{"index", step.index},
                         {"t", static_cast<double>(step.t_us) / 1e6},
                         {"observation", step.observation},
                         {"action",
                          {{"type", std::string(name_of(step.action.type))},
                           {"target",
                            {{"ref", step.ref == 0 ? json(nullptr) : json(step.ref)},
                             {"role", step.role},
                             {"name", step.name},
                             {"locator", step.action.target.locator}}},
                           {"value", value_json(step.action.value)}}},
                         {"label", step.label ? json(replay::name_of(*step.label)) : json(nullptr)},
                         {"step_instruction", step.step_instruction},
                         {"milestone", step.milestone}});
    const replay::Task& task = t.task;
    return {{"id", s.content_hash + "/" + task.id},
            {"session", s.content_hash},
            {"session_id", s.header.session_id},
            {"app", {{"name", s.header.app_name}, {"version", s.header.app_version}}},
            {"task_id", task.id},
            {"instruction", task.instruction},
            {"outcome", task.outcome == replay::Outcome::unset ? json(nullptr) : json(replay::name_of(task.outcome))},
            {"rating", task.rating == 0 ? json(nullptr) : json(task.rating)},
            {"review", replay::name_of(task.review)},
            {"annotator", task.annotator},
            {"steps", std::move(steps)}};
}

// The action space as tools: one function per action type; `ref` is a node's [id] in the screen.
const json& chat_tools() {
    static const json tools = [] {
        json list = json::array();
        for (int i = 0; i < action_type_count; ++i) {
            auto type = static_cast<ActionType>(i);
            bool takes_value = type == ActionType::fill || type == ActionType::select || type == ActionType::toggle ||
                               type == ActionType::navigate || type == ActionType::scroll ||
                               type == ActionType::shortcut || type == ActionType::custom;
            json properties = {{"ref", {{"type", "integer"}, {"description", "the [id] of the element in the screen"}}}};
            json required = json::array({"ref"});
            if (takes_value) {
                properties["value"] = {{"type", "string"},
                                       {"description", "the text, choice, state, URL, direction or command"}};
                required.push_back("value");
            }
            list.push_back({{"type", "function"},
                            {"function",
                             {{"name", std::string(name_of(type))},
                              {"description", std::string(name_of(type)) + " an element of the screen"},
                              {"parameters", {{"type", "object"}, {"properties", properties}, {"required", required}}}}}});
        }
        return list;
    }();
    return tools;
}

constexpr const char* chat_system =
    "You operate a desktop or web application for a user. Each turn you see the task, the actions taken so far and "
    "the screen as an accessibility tree: one element per line, `[id] role 'name' = value`, children indented. "
    "Answer with exactly one tool call: the next action, on an element's [id].";

std::vector<std::string> chat_lines(const TaskRecord& t) {
    std::vector<std::string> lines;
    std::string history;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        const StepRecord& step = t.steps[i];
        std::string user = "Task: " + (t.task.instruction.empty() ? std::string("(not written)") : t.task.instruction) +
                           "\nPrevious actions:" + (history.empty() ? std::string(" none") : history) +
                           "\nScreen:\n" + step.observation;
        json arguments = {{"ref", step.ref}};
        if (step.action.value.state != ValueState::none) arguments["value"] = value_text(step.action.value);
        json call = {{"id", "call_" + std::to_string(i)},
                     {"type", "function"},
                     {"function", {{"name", std::string(name_of(step.action.type))}, {"arguments", arguments.dump(-1, ' ', false, json::error_handler_t::replace)}}}};
        json line = {{"messages", json::array({{{"role", "system"}, {"content", chat_system}},
                                               {{"role", "user"}, {"content", user}},
                                               {{"role", "assistant"}, {"tool_calls", json::array({call})}}})},
                     {"tools", chat_tools()}};
        lines.push_back(line.dump(-1, ' ', false, json::error_handler_t::replace));
        history += "\n- " + std::string(name_of(step.action.type)) + " " + step.role + " '" + step.name + "'";
        if (step.action.value.state != ValueState::none) history += " = " + value_text(step.action.value);
    }
    return lines;
}

}  // namespace

std::vector<std::string> format_task(Format format, const SessionRecord& session, const TaskRecord& task) {
    if (format == Format::chat) return chat_lines(task);
    return {trajectory_line(session, task).dump(-1, ' ', false, json::error_handler_t::replace)};
}

}  // namespace semtrace::dataset
