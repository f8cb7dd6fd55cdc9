// formats.cpp — the JSON lines of each export format, appended by hand (no DOM per step: exports run to millions of steps).
#include <cassert>
#include <cctype>
#include <cstring>
#include <charconv>
#include <nlohmann/json.hpp>

#include "formats.hpp"
#include "json_text.hpp"

namespace semtrace::dataset {

std::optional<Format> parse_format(std::string_view name) {
    if (name == "trajectory") return Format::trajectory;
    if (name == "chat") return Format::chat;
    if (name == "adp") return Format::adp;
    if (name == "mind2web") return Format::mind2web;
    return std::nullopt;
}

const char* name_of(Format format) {
    switch (format) {
        case Format::trajectory: return "trajectory";
        case Format::chat: return "chat";
        case Format::adp: return "adp";
        case Format::mind2web: return "mind2web";
    }
    return "?";
}

namespace {

using jsonl::append_json_string;

template <class Number>
void number(std::string& out, Number n) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

// Microseconds as seconds, exactly: "12.5", "0.000001", "3", written at `p` (room for 28
// bytes). (to_chars of the double writes the same digits for any time under 272 years, but an
// exponent for a few, such as "1e+05", and cost 4 % of an export's instructions.)
char* write_seconds(char* p, std::int64_t us) {
    std::uint64_t magnitude = us < 0 ? 0 - static_cast<std::uint64_t>(us) : static_cast<std::uint64_t>(us);
    if (us < 0) *p++ = '-';
    p = std::to_chars(p, p + 20, magnitude / 1'000'000).ptr;
    if (std::uint64_t fraction = magnitude % 1'000'000) {
        char digits[7] = {'.'};
        int length = 7;
        for (int i = 6; i > 0; --i, fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
        while (digits[length - 1] == '0') --length;
        p = std::copy(digits, digits + length, p);
    }
    return p;
}

// A record written through a pointer into room made at once for its worst case: a step is some
// thirty pieces, and appending them one by one checked the string's capacity for each.
class RoomWriter {
public:
    RoomWriter(std::string& out, std::size_t most) : out_(out) {
        std::size_t used = out.size();
        out.resize(used + most);
        p_ = out.data() + used;
    }
    ~RoomWriter() {
        assert(static_cast<std::size_t>(p_ - out_.data()) <= out_.size());
        out_.resize(static_cast<std::size_t>(p_ - out_.data()));
    }
    RoomWriter(const RoomWriter&) = delete;
    RoomWriter& operator=(const RoomWriter&) = delete;
    // The room a string takes at most, quoted and escaped.
    static std::size_t room(std::string_view s) { return jsonl::json_chars_room(s.size()) + 2; }

    template <std::size_t N>
    void raw(const char (&literal)[N]) {  // of a size known here: copied without a call
        std::memcpy(p_, literal, N - 1);
        p_ += N - 1;
    }
    void raw(std::string_view s) {
        std::memcpy(p_, s.data(), s.size());
        p_ += s.size();
    }
    void string(std::string_view s) {
        *p_++ = '"';
        p_ = jsonl::write_json_chars(p_, s);
        *p_++ = '"';
    }
    // A name of semtrace's vocabulary (an action type, a value state, a label): letters and
    // underscores, quoted without a scan for what to escape.
    void name(std::string_view known_plain) {
        *p_++ = '"';
        raw(known_plain);
        *p_++ = '"';
    }
    void number(std::uint64_t n) { p_ = std::to_chars(p_, p_ + 20, n).ptr; }
    void seconds(std::int64_t us) { p_ = write_seconds(p_, us); }

private:
    std::string& out_;
    char* p_;
};

void string_or_null(std::string& out, const char* s) {
    if (s) append_json_string(out, s);
    else out += "null";
}

// What a model would type or choose: masked values as "<masked>", the same mark the observation shows.
// (An action's value or a node's.)
template <class Value>
std::string_view value_text(const Value& v) {
    return v.state == ValueState::masked ? "<masked>" : std::string_view(v.text);
}

// A tool call's arguments, as an object: the target's [id] when the screen shows it; otherwise
// (an app window opened before the first snapshot, say) its locator, since a made-up [id] would
// teach a model to point at nothing.
void action_arguments(std::string& out, const StepRecord& step) {
    if (step.ref) {
        out += "{\"ref\":";
        number(out, step.ref);
    } else {
        out += "{\"element\":";
        append_json_string(out, step.action.target.locator);
    }
    if (step.action.value.state != ValueState::none) {
        out += ",\"value\":";
        append_json_string(out, value_text(step.action.value));
    }
    out += '}';
}

void step_json(std::string& out, const StepRecord& step) {
    const StepAction& action = step.action;
    std::string_view label = step.label ? replay::name_of(*step.label) : "";
    // 400: the names and punctuation below, three numbers and a time, with room to spare.
    RoomWriter w(out, 400 + step.observation->json().size() + RoomWriter::room(step.role) + RoomWriter::room(step.name) +
                          RoomWriter::room(action.target.locator) + RoomWriter::room(action.value.text) +
                          RoomWriter::room(step.step_instruction) + RoomWriter::room(label));
    w.raw("{\"index\":");
    w.number(step.index);
    w.raw(",\"t\":");
    w.seconds(step.t_us);
    w.raw(",\"observation\":");
    w.raw(step.observation->json());
    w.raw(",\"action\":{\"type\":");
    w.name(name_of(action.type));
    w.raw(",\"target\":{\"ref\":");
    if (step.ref) w.number(step.ref);
    else w.raw("null");
    w.raw(",\"role\":");
    w.string(step.role);
    w.raw(",\"name\":");
    w.string(step.name);
    w.raw(",\"locator\":");
    w.string(action.target.locator);
    w.raw("},\"value\":");
    if (action.value.state == ValueState::none) {
        w.raw("null");
    } else {
        w.raw("{\"state\":");
        w.name(name_of(action.value.state));
        if (action.value.state != ValueState::masked) {
            w.raw(",\"text\":");
            w.string(action.value.text);
        }
        w.raw("}");
    }
    w.raw("},\"label\":");
    if (step.label) w.name(label);
    else w.raw("null");
    w.raw(",\"step_instruction\":");
    w.string(step.step_instruction);
    w.raw(",\"milestone\":");
    if (step.milestone) w.raw("true}");
    else w.raw("false}");
}

// What the annotator said of a task, as `trajectory` and `adp` write it: outcome, rating, review, annotator.
void assessment_json(std::string& out, const replay::Task& task) {
    out += ",\"outcome\":";
    string_or_null(out, task.outcome == replay::Outcome::unset ? nullptr : replay::name_of(task.outcome));
    out += ",\"rating\":";
    if (task.rating) number(out, task.rating);
    else out += "null";
    out += ",\"review\":";
    append_json_string(out, replay::name_of(task.review));
    out += ",\"annotator\":";
    append_json_string(out, task.annotator);
}

void trajectory_line(const SessionRecord& s, const TaskRecord& t, LineSink& sink) {
    const replay::Task& task = t.task;
    std::string& out = sink.buffer();
    out += "{\"id\":";
    append_json_string(out, s.content_hash + "/" + task.id);
    out += ",\"session\":";
    append_json_string(out, s.content_hash);
    out += ",\"session_id\":";
    append_json_string(out, s.header.session_id);
    out += ",\"app\":{\"name\":";
    append_json_string(out, s.header.app_name);
    out += ",\"version\":";
    append_json_string(out, s.header.app_version);
    out += "},\"task_id\":";
    append_json_string(out, task.id);
    out += ",\"instruction\":";
    append_json_string(out, task.instruction);
    assessment_json(out, task);
    out += ",\"steps\":[";
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        if (i) out += ',';
        step_json(out, t.steps[i]);
        sink.piece_done();
    }
    out += "]}";
    sink.end_line();
}

// The action space as tools, written once: one function per action type; `ref` is a node's [id].
const std::string& chat_tools() {
    static const std::string tools = [] {
        using json = nlohmann::ordered_json;
        json list = json::array();
        for (int i = 0; i < action_type_count; ++i) {
            auto type = static_cast<ActionType>(i);
            bool takes_value = type == ActionType::fill || type == ActionType::select || type == ActionType::toggle ||
                               type == ActionType::navigate || type == ActionType::scroll ||
                               type == ActionType::shortcut || type == ActionType::custom;
            json properties = {
                {"ref", {{"type", "integer"}, {"minimum", 1}, {"description", "the [id] of the element in the screen"}}},
                {"element", {{"type", "string"}, {"description", "the element's locator, when the screen has no [id] for it"}}}};
            json required = json::array();
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
        return list.dump();
    }();
    return tools;
}

constexpr const char* chat_system =
    "You operate a desktop or web application for a user. Each turn you see the task, the actions taken so far and "
    "the screen as an accessibility tree: one element per line, `[id] role 'name' = value`, children indented. "
    "Answer with exactly one tool call: the next action, on an element's [id].";

// The actions before step i, the last `recent_actions` of them: a prompt that grows with the task
// would make a long task's lines quadratic in size.
constexpr std::size_t recent_actions = 10;

std::string previous_actions(const TaskRecord& t, std::size_t i) {
    if (i == 0) return " none";
    std::size_t from = i > recent_actions ? i - recent_actions : 0;
    std::string text = from ? "\n(" + std::to_string(from) + " earlier)" : "";
    for (std::size_t k = from; k < i; ++k) {
        const StepRecord& s = t.steps[k];
        text.append("\n- ").append(name_of(s.action.type)).append(" ").append(s.role);
        text.append(" '").append(s.name).append("'");
        if (s.action.value.state != ValueState::none) text.append(" = ").append(value_text(s.action.value));
    }
    return text;
}

void chat_lines(const TaskRecord& t, LineSink& sink) {
    static const std::string system = [] {
        std::string s = "{\"messages\":[{\"role\":\"system\",\"content\":";
        append_json_string(s, chat_system);
        return s + "},{\"role\":\"user\",\"content\":";
    }();
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        const StepRecord& step = t.steps[i];
        std::string user = "Task: " + (t.task.instruction.empty() ? std::string("(not written)") : t.task.instruction) +
                           "\nPrevious actions:" + previous_actions(t, i) + "\nScreen:\n";
        std::string arguments;
        action_arguments(arguments, step);
        std::string& line = sink.buffer();
        line += system;
        // The prompt ends in ASCII and the screen starts with it, so escaping each and joining
        // them is escaping the whole.
        line += '"';
        jsonl::append_json_chars(line, user);
        line += step.observation->json_chars();
        line += '"';
        line += "},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_";
        number(line, i);
        line += "\",\"type\":\"function\",\"function\":{\"name\":";
        append_json_string(line, name_of(step.action.type));
        line += ",\"arguments\":";
        append_json_string(line, arguments);
        line += "}}]}],\"tools\":";
        line += chat_tools();
        line += '}';
        sink.end_line();
    }
}

// Agent Data Protocol 1.2.0 (neulab/agent-data-protocol, schema/): the instruction as a user
// TextObservation, then per step a WebObservation whose axtree is the screen and an ApiAction
// named after the action; what ADP has no field for goes in details.semtrace.
void adp_line(const SessionRecord& s, const TaskRecord& t, LineSink& sink) {
    const replay::Task& task = t.task;
    std::string& out = sink.buffer();
    out += "{\"schema_version\":\"1.2.0\",\"id\":";
    append_json_string(out, s.content_hash + "/" + task.id);
    out += ",\"content\":[{\"class_\":\"text_observation\",\"content\":";
    append_json_string(out, task.instruction);
    out += ",\"source\":\"user\"}";
    std::string labels, milestones, indices;
    for (const StepRecord& step : t.steps) {
        out += ",{\"class_\":\"web_observation\",\"html\":null,\"axtree\":";
        out += step.observation->json();
        out += ",\"url\":null,\"image_observation\":null,\"viewport_size\":null}";
        out += ",{\"class_\":\"api_action\",\"function\":";
        append_json_string(out, name_of(step.action.type));
        out += ",\"kwargs\":";
        action_arguments(out, step);
        out += ",\"description\":";
        if (step.step_instruction.empty()) out += "null";
        else append_json_string(out, step.step_instruction);
        out += '}';
        sink.piece_done();
        if (!indices.empty()) indices += ',';
        number(indices, step.index);
        if (step.label) {
            if (!labels.empty()) labels += ',';
            labels += '"';
            number(labels, step.index);
            labels += "\":";
            append_json_string(labels, replay::name_of(*step.label));
        }
        if (step.milestone) {
            if (!milestones.empty()) milestones += ',';
            number(milestones, step.index);
        }
    }
    out += "],\"details\":{\"semtrace\":{\"session\":";
    append_json_string(out, s.content_hash);
    out += ",\"session_id\":";
    append_json_string(out, s.header.session_id);
    out += ",\"app\":";
    append_json_string(out, s.header.app_name);
    out += ",\"app_version\":";
    append_json_string(out, s.header.app_version);
    out += ",\"task_id\":";
    append_json_string(out, task.id);
    assessment_json(out, task);
    out += ",\"step_indices\":[" + indices + "],\"labels\":{" + labels + "},\"milestones\":[" + milestones + "]}}}";
    sink.end_line();
}

// Mind2Web's operations: CLICK, TYPE, SELECT. Actions with no such meaning (scroll, navigate,
// shortcut, drag, drop, custom) have no Mind2Web step; nullptr.
const char* mind2web_op(ActionType type) {
    switch (type) {
        case ActionType::fill: return "TYPE";
        case ActionType::select: return "SELECT";
        case ActionType::click:
        case ActionType::double_click:
        case ActionType::context_click:
        case ActionType::toggle:
        case ActionType::submit:
        case ActionType::focus:
        case ActionType::open:
        case ActionType::close: return "CLICK";
        default: return nullptr;
    }
}

// Roles a person acts on: the candidates a model chooses among.
bool interactive(const std::string& role) {
    static const char* const roles[] = {"button", "textbox", "checkbox", "radio", "combobox", "listitem", "option",
                                        "menuitem", "menu", "link", "tab", "treeitem", "slider", "spinbutton",
                                        "searchbox", "switch", "password"};
    for (const char* r : roles)
        if (role == r) return true;
    return false;
}

// A candidate as Mind2Web writes one: its attributes are a JSON object serialised as a string.
void candidate(std::string& out, const format::Node& n, bool target) {
    std::string attributes = "{\"role\":";
    append_json_string(attributes, n.role);
    attributes += ",\"name\":";
    append_json_string(attributes, n.name);
    if (n.value.state != ValueState::none) {
        attributes += ",\"value\":";
        append_json_string(attributes, value_text(n.value));
    }
    attributes += '}';
    out += "{\"tag\":";
    append_json_string(out, n.role);
    out += target ? ",\"is_original_target\":true,\"is_top_level_target\":true" : ",\"is_original_target\":false,\"is_top_level_target\":false";
    out += ",\"backend_node_id\":\"";
    number(out, n.id);
    out += "\",\"attributes\":";
    append_json_string(out, attributes);
    out += '}';
}

// Mind2Web's task format (OSU-NLP-Group/Mind2Web, "Data Fields"): semtrace records no HTML, so
// raw_html and cleaned_html are empty and the candidates carry each element's role and name.
void mind2web_line(const SessionRecord& s, const TaskRecord& t, LineSink& sink) {
    std::string& out = sink.buffer();
    out += "{\"annotation_id\":";
    append_json_string(out, s.content_hash + "/" + t.task.id);
    out += ",\"website\":";
    append_json_string(out, s.header.app_name);
    out += ",\"domain\":\"\",\"subdomain\":\"\",\"confirmed_task\":";
    append_json_string(out, t.task.instruction);
    std::string reprs;
    out += ",\"actions\":[";
    bool first = true;
    for (const StepRecord& step : t.steps) {
        const char* op = mind2web_op(step.action.type);
        if (!op) continue;
        std::string value(step.action.value.state == ValueState::none ? "" : value_text(step.action.value));
        if (!first) out += ',', reprs += ',';
        first = false;
        std::string repr = "[" + std::string(step.role) + "]  " + std::string(step.name) + " -> " + op +
                           (value.empty() ? "" : ": " + value);
        append_json_string(reprs, repr);
        out += "{\"action_uid\":";
        append_json_string(out, s.content_hash + "-" + std::to_string(step.index));
        out += ",\"raw_html\":\"\",\"cleaned_html\":\"\",\"operation\":{\"op\":\"";
        out += op;
        out += "\",\"original_op\":";
        std::string original(name_of(step.action.type));
        for (char& c : original) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        append_json_string(out, original);
        out += ",\"value\":";
        append_json_string(out, value);
        out += "},\"pos_candidates\":[";
        const format::Node* target = nullptr;
        if (step.nodes)
            for (const format::Node& n : *step.nodes)
                if (n.id == step.ref && step.ref != 0) target = &n;
        if (target) candidate(out, *target, true);
        out += "],\"neg_candidates\":[";
        bool any = false;
        if (step.nodes)
            for (const format::Node& n : *step.nodes) {
                if (&n == target || !interactive(n.role)) continue;
                if (any) out += ',';
                any = true;
                candidate(out, n, false);
            }
        out += "]}";
        sink.piece_done();
    }
    out += "],\"action_reprs\":[" + reprs + "]}";
    sink.end_line();
}

}  // namespace

void format_task(Format format, const SessionRecord& session, const TaskRecord& task, LineSink& sink) {
    switch (format) {
        case Format::chat: chat_lines(task, sink); break;
        case Format::adp: adp_line(session, task, sink); break;
        case Format::mind2web: mind2web_line(session, task, sink); break;
        case Format::trajectory: trajectory_line(session, task, sink); break;
    }
}

}  // namespace semtrace::dataset
