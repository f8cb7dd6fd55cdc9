// annotation_panel.cpp — shortcuts that edit the annotations through the editor (checked, autosaved, undoable), and the panel.
#include <algorithm>
#include <array>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "annotation_panel.hpp"
#include "keys.hpp"

namespace semtrace::replay_app {

namespace {

bool pressed(int key) { return key >= 0 && key < 512 && ImGui::IsKeyPressed(key, false); }

const char* outcome_name(replay::Outcome o) {
    switch (o) {
        case replay::Outcome::success: return "success";
        case replay::Outcome::failure: return "failure";
        case replay::Outcome::abandoned: return "abandoned";
        case replay::Outcome::unset: break;
    }
    return "no outcome";
}

constexpr std::array<const char*, 4> review_names{"draft", "submitted", "approved", "rejected"};
constexpr std::array<const char*, 4> label_names{"correct", "mistake", "redundant", "exploratory"};

}  // namespace

int AnnotationPanel::task_at(std::uint64_t step) const {
    const auto& tasks = editor_.annotations().tasks;
    for (int i = static_cast<int>(tasks.size()) - 1; i >= 0; --i)
        if (tasks[static_cast<std::size_t>(i)].start_step <= step && step <= tasks[static_cast<std::size_t>(i)].end_step)
            return i;
    return -1;
}

int AnnotationPanel::current_task(std::uint64_t step) const {
    int task = task_at(step);
    return task >= 0 ? task : static_cast<int>(editor_.annotations().tasks.size()) - 1;
}

void AnnotationPanel::change(const std::function<void(replay::Annotations&)>& edit) {
    auto done = editor_.change(edit);
    message_ = done ? "" : done.error().message;
}

void AnnotationPanel::handle_keys(std::uint64_t& step, std::uint64_t step_count) {
    const ImGuiIO& io = ImGui::GetIO();
    if (pressed(keys::f1)) help_ = !help_;
    if (io.WantTextInput || step_count == 0) return;
    if ((pressed(keys::down) || pressed('J')) && step + 1 < step_count) ++step;
    if ((pressed(keys::up) || pressed('K')) && step > 0) --step;
    if (io.KeyCtrl) {
        if (pressed('Z')) message_ = editor_.undo() ? "" : "nothing to undo";
        if (pressed('Y')) message_ = editor_.redo() ? "" : "nothing to redo";
        return;
    }
    int task = current_task(step);
    auto on_task = [&](const std::function<void(replay::Task&)>& edit) {
        if (task < 0) {
            message_ = "no task yet: press N to start one at this step";
            return;
        }
        change([&](replay::Annotations& a) { edit(a.tasks[static_cast<std::size_t>(task)]); });
    };
    if (pressed('N'))
        change([&](replay::Annotations& a) {
            replay::Task t;
            std::size_t n = a.tasks.size() + 1;
            auto taken = [&](const std::string& id) {
                return std::any_of(a.tasks.begin(), a.tasks.end(), [&](const replay::Task& x) { return x.id == id; });
            };
            while (taken("t" + std::to_string(n))) ++n;  // after a delete, ids stay unique
            t.id = "t" + std::to_string(n);
            t.start_step = t.end_step = step;
            t.annotator = annotator_;
            a.tasks.push_back(t);
        });
    if (pressed('E'))
        on_task([&](replay::Task& t) {
            t.end_step = step;
            std::erase_if(t.labels, [&](const auto& l) { return l.first > step; });
            std::erase_if(t.step_instructions, [&](const auto& s) { return s.first > step; });
            std::erase_if(t.milestones, [&](std::uint64_t m) { return m > step; });
        });
    if (pressed(keys::delete_) && task >= 0)
        change([&](replay::Annotations& a) { a.tasks.erase(a.tasks.begin() + task); });
    for (int r = 1; r <= 5; ++r)
        if (pressed('0' + r)) on_task([&](replay::Task& t) { t.rating = r; });
    const std::array<std::pair<char, replay::Outcome>, 3> outcomes{
        {{'S', replay::Outcome::success}, {'F', replay::Outcome::failure}, {'A', replay::Outcome::abandoned}}};
    for (auto [key, outcome] : outcomes)
        if (pressed(key)) on_task([&, o = outcome](replay::Task& t) { t.outcome = o; });
    if (pressed('V'))
        on_task([](replay::Task& t) { t.review = static_cast<replay::Review>((static_cast<int>(t.review) + 1) % 4); });
    if (pressed('T') && task >= 0) focus_ = Field::instruction;
    if (pressed('O') && task >= 0) focus_ = Field::notes;
    if (pressed('H'))
        change([&](replay::Annotations& a) {
            if (!a.hidden_steps.erase(step)) a.hidden_steps.insert(step);
        });
    step_keys(step);
}

// Shortcuts that annotate this one step. A step after the end of the task started last before
// it extends that task: N, then label as you go, then E where it ends.
void AnnotationPanel::step_keys(std::uint64_t step) {
    bool asked = pressed('W') || pressed('G');
    const std::array<std::pair<char, replay::StepLabel>, 4> labels{{{'C', replay::StepLabel::correct},
                                                                    {'M', replay::StepLabel::mistake},
                                                                    {'R', replay::StepLabel::redundant},
                                                                    {'X', replay::StepLabel::exploratory}}};
    for (auto [key, label] : labels) asked |= pressed(key);
    if (!asked) return;
    int task = task_at(step);
    const auto& tasks = editor_.annotations().tasks;
    for (std::size_t i = 0; task < 0 && i < tasks.size(); ++i)
        if (tasks[i].start_step <= step && (task < 0 || tasks[i].start_step > tasks[static_cast<std::size_t>(task)].start_step))
            task = static_cast<int>(i);
    if (task < 0) {
        message_ = "step " + std::to_string(step) + " is in no task: press N to start one here";
        return;
    }
    auto edit = [&](const std::function<void(replay::Task&)>& f) {
        change([&](replay::Annotations& a) {
            replay::Task& t = a.tasks[static_cast<std::size_t>(task)];
            t.end_step = std::max(t.end_step, step);
            f(t);
        });
    };
    for (auto [key, label] : labels)
        if (pressed(key)) edit([&, l = label](replay::Task& t) { t.labels[step] = l; });
    if (pressed('G'))
        edit([&](replay::Task& t) {
            auto at = std::lower_bound(t.milestones.begin(), t.milestones.end(), step);
            if (at != t.milestones.end() && *at == step) t.milestones.erase(at);
            else t.milestones.insert(at, step);
        });
    if (pressed('W')) {
        edit([](replay::Task&) {});
        focus_ = Field::step_instruction;
    }
}

void AnnotationPanel::text_field(Field field, const char* hint, std::size_t task, std::string replay::Task::*member) {
    std::string value = editor_.annotations().tasks[task].*member;
    if (focus_ == field) {
        ImGui::SetKeyboardFocusHere();
        focus_ = Field::none;
    }
    ImGui::PushID(static_cast<int>(field));
    if (field == Field::notes)
        ImGui::InputTextMultiline("##field", &value, ImVec2(-1, ImGui::GetTextLineHeight() * 4),
                                  ImGuiInputTextFlags_CtrlEnterForNewLine);
    else
        ImGui::InputTextWithHint("##field", hint, &value);
    if (ImGui::IsItemDeactivatedAfterEdit())
        change([&](replay::Annotations& a) { a.tasks[task].*member = value; });
    ImGui::PopID();
}

void AnnotationPanel::step_instruction_field(std::size_t task, std::uint64_t step) {
    const auto& instructions = editor_.annotations().tasks[task].step_instructions;
    auto found = instructions.find(step);
    std::string value = found == instructions.end() ? "" : found->second;
    if (focus_ == Field::step_instruction) {
        ImGui::SetKeyboardFocusHere();
        focus_ = Field::none;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##step_instruction", "what this step does (W)", &value);
    if (ImGui::IsItemDeactivatedAfterEdit())
        change([&](replay::Annotations& a) {
            auto& map = a.tasks[task].step_instructions;
            if (value.empty()) map.erase(step);
            else map[step] = value;
        });
}

void AnnotationPanel::draw_task(std::size_t task, std::uint64_t step) {
    const replay::Task& t = editor_.annotations().tasks[task];
    ImGui::Separator();
    ImGui::Text("Task %s: steps %llu-%llu, %s, rating %d, %s", t.id.c_str(), static_cast<unsigned long long>(t.start_step),
                static_cast<unsigned long long>(t.end_step), outcome_name(t.outcome), t.rating,
                review_names[static_cast<std::size_t>(t.review)]);
    if (!t.annotator.empty()) ImGui::TextDisabled("annotator %s", t.annotator.c_str());
    ImGui::SetNextItemWidth(-1);
    text_field(Field::instruction, "the task's goal, as a person would ask for it (T)", task, &replay::Task::instruction);
    ImGui::TextDisabled("notes (O)");
    text_field(Field::notes, "", task, &replay::Task::notes);
    ImGui::Separator();
    if (task_at(step) != static_cast<int>(task)) {
        ImGui::TextDisabled("step %llu is outside this task", static_cast<unsigned long long>(step));
        return;
    }
    auto label = t.labels.find(step);
    bool milestone = std::binary_search(t.milestones.begin(), t.milestones.end(), step);
    ImGui::Text("Step %llu: %s%s", static_cast<unsigned long long>(step),
                label == t.labels.end() ? "not labelled" : label_names[static_cast<std::size_t>(label->second)],
                milestone ? ", milestone" : "");
    step_instruction_field(task, step);
}

void AnnotationPanel::draw(std::uint64_t step) {
    const auto& a = editor_.annotations();
    ImGui::Text("Tasks (%zu)%s", a.tasks.size(), a.hidden_steps.count(step) ? "   this step is hidden from exports" : "");
    int current = current_task(step);
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
        const replay::Task& t = a.tasks[i];
        ImGui::Text("%s %s  steps %llu-%llu  %s", static_cast<int>(i) == current ? ">" : " ", t.id.c_str(),
                    static_cast<unsigned long long>(t.start_step), static_cast<unsigned long long>(t.end_step),
                    t.instruction.c_str());
    }
    if (current >= 0) draw_task(static_cast<std::size_t>(current), step);
    if (!message_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", message_.c_str());
    ImGui::TextDisabled("F1: keyboard shortcuts");
    if (!help_) return;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("Keyboard shortcuts", &help_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    for (const Shortcut& s : shortcuts) ImGui::Text("%-16s %s", s.keys, s.what);
    ImGui::End();
}

}  // namespace semtrace::replay_app
