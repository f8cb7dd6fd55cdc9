// replay_window.cpp — ReplaySession (one pass for steps and key frames) and ReplayWindow's layout: steps, timeline, screen.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include <imgui.h>

#include "keys.hpp"
#include "replay_window.hpp"
#include "screen_view.hpp"

namespace semtrace::replay_app {

Result<std::unique_ptr<ReplaySession>> ReplaySession::open(const std::filesystem::path& file) {
    auto reader = format::SessionReader::open(file);
    if (!reader) return reader.error();
    std::unique_ptr<ReplaySession> s(new ReplaySession(std::move(reader.value())));
    s->file_ = file;
    if (!s->reader_.complete())
        s->recovery_note_ = "Recovered after the recorder stopped without closing the file: " + s->reader_.damage();
    // One pass: the steps, the key frames and the end. Nothing else is decoded until asked for.
    std::vector<replay::TreeIndex::KeyFrame> key_frames;
    auto read = s->reader_.read(0, [&](const format::Event& e) {
        s->end_us_ = e.t_us;
        if (e.kind() == format::EventKind::snapshot) key_frames.push_back({e.seq, e.t_us});
        if (e.kind() != format::EventKind::action) return true;
        const auto& action = std::get<format::Action>(e.body);
        char when[32];
        std::snprintf(when, sizeof when, "%9.3fs  ", static_cast<double>(e.t_us) / 1e6);
        std::string line = when;
        line += name_of(action.type);
        line += "  ";
        line += action.target.locator;
        s->steps_.push_back({e.t_us, std::move(line), action.target.node_id, e.seq});
        return true;
    });
    if (!read) return read.error();
    s->index_ = replay::TreeIndex::from_key_frames(s->reader_, std::move(key_frames));
    return s;
}

void ReplayWindow::refilter() {
    auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    std::string needle = lower(search_);
    shown_.clear();
    const auto& steps = session_.steps();
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (needle.empty() || lower(steps[i].line).find(needle) != std::string::npos) shown_.push_back(i);
}

// Three columns before a step's line: its label (C, M, R, X), * for a milestone, h if hidden.
void ReplayWindow::draw_step_marks(std::size_t step) const {
    char marks[4] = {' ', ' ', ' ', 0};
    ImU32 colour = IM_COL32(160, 160, 160, 255);
    if (panel_) {
        const replay::Annotations& a = panel_->editor().annotations();
        for (const replay::Task& t : a.tasks) {
            if (step < t.start_step || step > t.end_step) continue;
            if (auto label = t.labels.find(step); label != t.labels.end()) {
                static constexpr char letters[] = {'C', 'M', 'R', 'X'};
                static constexpr ImU32 colours[] = {IM_COL32(110, 200, 110, 255), IM_COL32(240, 100, 90, 255),
                                                    IM_COL32(200, 170, 90, 255), IM_COL32(120, 170, 240, 255)};
                marks[0] = letters[static_cast<std::size_t>(label->second)];
                colour = colours[static_cast<std::size_t>(label->second)];
            }
            if (std::binary_search(t.milestones.begin(), t.milestones.end(), step)) marks[1] = '*';
        }
        if (a.hidden_steps.count(step)) marks[2] = 'h';
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(marks);
    ImGui::PopStyleColor();
}

void ReplayWindow::draw_steps() {
    if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed('/', false)) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(420);
    if (ImGui::InputTextWithHint("##search", "search steps (/)", search_, sizeof search_)) refilter();
    ImGui::BeginChild("steps", ImVec2(420, -220), true);
    const auto& steps = session_.steps();
    ImGuiListClipper clipper;  // a million steps scroll as fast as ten
    clipper.Begin(static_cast<int>(shown_.size()));
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            std::size_t i = shown_[static_cast<std::size_t>(row)];
            const StepSummary& s = steps[i];
            draw_step_marks(i);
            ImGui::SameLine();
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(s.line.c_str(), i == step_ && s.t_us <= t_us_)) show_step(i);
            ImGui::PopID();
        }
    ImGui::EndChild();
}

ReplayWindow::ReplayWindow(const ReplaySession& session, std::optional<std::int64_t> at_us, std::string annotator)
    : session_(session) {
    refilter();
    auto editor = replay::AnnotationEditor::open(session.file());
    if (editor) {
        panel_.emplace(std::move(editor.value()), std::move(annotator));
    } else {  // the session still replays; annotating waits until the sidecar is fixed or moved away
        annotation_error_ = "Cannot annotate: " + editor.error().message;
        std::fprintf(stderr, "semtrace-replay: %s\n", annotation_error_.c_str());
    }
    if (at_us || session.steps().empty()) show(at_us.value_or(0));
    else show_step(0);
}

// Several steps can share an instant (a burst within a microsecond, a scripted session): the
// step chosen stays the one shown, not the last of its instant.
void ReplayWindow::show_step(std::uint64_t step) {
    if (step < session_.steps().size()) show(session_.steps()[step].t_us, step);
}

// The screen at t, and the last action at or before t (or `step`, of that instant) highlighted.
void ReplayWindow::show(std::int64_t t_us, std::optional<std::uint64_t> step) {
    t_us_ = t_us;
    auto tree = session_.tree_at(t_us);
    if (tree) tree_ = std::move(tree.value());
    status_ = tree ? std::to_string(tree_.size()) + " nodes" : tree.error().message;
    const auto& steps = session_.steps();
    auto after = std::upper_bound(steps.begin(), steps.end(), t_us,
                                  [](std::int64_t t, const StepSummary& s) { return t < s.t_us; });
    step_ = step ? *step : after == steps.begin() ? 0 : static_cast<std::uint64_t>(after - steps.begin() - 1);
    highlight_ = step || after != steps.begin() ? steps[step_].target : 0;
    if (details_.lines.empty() || details_.step != step_) {
        auto details = describe_step(session_, step_);
        details_ = details ? std::move(details.value()) : StepDetails{step_, {}};
        details_error_ = details ? "" : details.error().message;
    }
}

void ReplayWindow::playback() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput && !io.KeyCtrl) {
        if (ImGui::IsKeyPressed(keys::space, false)) playing_ = !playing_;
        if (ImGui::IsKeyPressed('[', false)) speed_ = std::max(0.125, speed_ / 2);
        if (ImGui::IsKeyPressed(']', false)) speed_ = std::min(32.0, speed_ * 2);
        if (ImGui::IsKeyPressed('I', false)) skip_idle_ = !skip_idle_;
    }
    if (!playing_) return;
    auto t = t_us_ + static_cast<std::int64_t>(static_cast<double>(io.DeltaTime) * speed_ * 1e6);
    const auto& steps = session_.steps();
    if (skip_idle_ && step_ + 1 < steps.size() && steps[step_ + 1].t_us - t > 2'000'000)
        t = steps[step_ + 1].t_us - 500'000;  // half a second before the next step
    if (t >= session_.end_us()) {
        t = session_.end_us();
        playing_ = false;
    }
    show(t);
}

void ReplayWindow::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("semtrace-replay", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    if (!session_.recovery_note().empty())
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", session_.recovery_note().c_str());
    ImGui::Text("%s   %.3f s of %.3f s   %s   %s x%g%s", session_.file().filename().c_str(), static_cast<double>(t_us_) / 1e6,
                static_cast<double>(session_.end_us()) / 1e6, status_.c_str(), playing_ ? "playing" : "paused", speed_,
                skip_idle_ ? "  idle skipped" : "");
    if (auto t = timeline_.draw(session_.steps(), session_.end_us(), t_us_, panel_ ? &panel_->editor().annotations() : nullptr))
        show(*t);
    playback();
    if (panel_) {
        std::uint64_t step = step_;
        panel_->handle_keys(step, session_.steps().size());
        if (step != step_) show_step(step);
    }
    ImGui::BeginGroup();
    draw_steps();
    ImGui::BeginChild("annotations", ImVec2(420, 0), true);
    if (panel_) panel_->draw(step_);
    else ImGui::TextWrapped("%s", annotation_error_.c_str());
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::BeginChild("screen", ImVec2(0, -220), true);
    ImVec2 origin = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
    draw_screen(ImGui::GetWindowDrawList(), origin, size, tree_, highlight_);
    ImGui::EndChild();
    ImGui::BeginChild("details", ImVec2(0, 0), true);
    draw_step_details(details_);
    if (!details_error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", details_error_.c_str());
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::End();
}

}  // namespace semtrace::replay_app
