// annotation_panel.cpp — shortcuts that edit the annotations through the editor (checked, autosaved, undoable), and the panel.
#include <array>
#include <imgui.h>

#include "annotation_panel.hpp"

namespace semtrace::replay_app {

namespace {

// Keys by the backend's codes: GLFW's (letters and digits are their ASCII codes).
constexpr int key_f1 = 290, key_up = 265, key_down = 264;

bool pressed(int key) { return key >= 0 && key < 512 && ImGui::IsKeyPressed(key, false); }
bool pressed_letter(char c) { return pressed(c); }

const char* outcome_name(replay::Outcome o) {
    switch (o) {
        case replay::Outcome::success: return "success";
        case replay::Outcome::failure: return "failure";
        case replay::Outcome::abandoned: return "abandoned";
        case replay::Outcome::unset: break;
    }
    return "-";
}

}  // namespace

int AnnotationPanel::current_task(std::uint64_t step) const {
    const auto& tasks = editor_.annotations().tasks;
    for (int i = static_cast<int>(tasks.size()) - 1; i >= 0; --i)
        if (tasks[static_cast<std::size_t>(i)].start_step <= step && step <= tasks[static_cast<std::size_t>(i)].end_step)
            return i;
    return tasks.empty() ? -1 : static_cast<int>(tasks.size()) - 1;
}

void AnnotationPanel::change(const std::function<void(replay::Annotations&)>& edit) {
    auto done = editor_.change(edit);
    message_ = done ? "" : done.error().message;
}

void AnnotationPanel::handle_keys(std::uint64_t& step, std::uint64_t step_count) {
    const ImGuiIO& io = ImGui::GetIO();
    if (pressed(key_f1)) help_ = !help_;
    if (io.WantTextInput || step_count == 0) return;
    if ((pressed(key_down) || pressed_letter('J')) && step + 1 < step_count) ++step;
    if ((pressed(key_up) || pressed_letter('K')) && step > 0) --step;
    if (io.KeyCtrl) {
        if (pressed_letter('Z')) message_ = editor_.undo() ? "" : "nothing to undo";
        if (pressed_letter('Y')) message_ = editor_.redo() ? "" : "nothing to redo";
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
    if (pressed_letter('N'))
        change([&](replay::Annotations& a) {
            replay::Task t;
            t.id = "t" + std::to_string(a.tasks.size() + 1);
            t.start_step = t.end_step = step;
            a.tasks.push_back(t);
        });
    if (pressed_letter('E')) on_task([&](replay::Task& t) { t.end_step = step; });
    for (int r = 1; r <= 5; ++r)
        if (pressed('0' + r)) on_task([&](replay::Task& t) { t.rating = r; });
    const std::array<std::pair<char, replay::Outcome>, 3> outcomes{
        {{'S', replay::Outcome::success}, {'F', replay::Outcome::failure}, {'A', replay::Outcome::abandoned}}};
    for (auto [key, outcome] : outcomes)
        if (pressed_letter(key)) on_task([&, o = outcome](replay::Task& t) { t.outcome = o; });
    const std::array<std::pair<char, replay::StepLabel>, 4> labels{{{'C', replay::StepLabel::correct},
                                                                    {'M', replay::StepLabel::mistake},
                                                                    {'R', replay::StepLabel::redundant},
                                                                    {'X', replay::StepLabel::exploratory}}};
    for (auto [key, label] : labels)
        if (pressed_letter(key)) on_task([&, l = label](replay::Task& t) { t.labels[step] = l; });
    if (pressed_letter('H'))
        change([&](replay::Annotations& a) {
            if (!a.hidden_steps.erase(step)) a.hidden_steps.insert(step);
        });
}

void AnnotationPanel::draw(std::uint64_t step) {
    const auto& a = editor_.annotations();
    ImGui::Text("Tasks (%zu)%s", a.tasks.size(), a.hidden_steps.count(step) ? "   step hidden from exports" : "");
    int current = current_task(step);
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
        const replay::Task& t = a.tasks[i];
        ImGui::Text("%s %s  steps %llu-%llu  rating %d  %s", static_cast<int>(i) == current ? ">" : " ", t.id.c_str(),
                    static_cast<unsigned long long>(t.start_step), static_cast<unsigned long long>(t.end_step), t.rating,
                    outcome_name(t.outcome));
    }
    if (current >= 0) {
        char instruction[512];
        std::snprintf(instruction, sizeof instruction, "%s", a.tasks[static_cast<std::size_t>(current)].instruction.c_str());
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##instruction", "the task's goal, as a person would ask for it", instruction,
                                 sizeof instruction);
        if (ImGui::IsItemDeactivatedAfterEdit())
            change([&](replay::Annotations& edit) { edit.tasks[static_cast<std::size_t>(current)].instruction = instruction; });
    }
    if (!message_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", message_.c_str());
    ImGui::TextDisabled("F1: keyboard shortcuts");
    if (!help_) return;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("Keyboard shortcuts", &help_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    for (const Shortcut& s : shortcuts) ImGui::Text("%-16s %s", s.keys, s.what);
    ImGui::End();
}

}  // namespace semtrace::replay_app
