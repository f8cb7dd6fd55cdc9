// session_browser.cpp — the session browser: filter fields, a table of sessions, keyboard and mouse to open one.
#include <algorithm>
#include <array>
#include <cstdio>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "keys.hpp"
#include "session_browser.hpp"
#include "time_text.hpp"

namespace semtrace::replay_app {

namespace {

constexpr std::array<replay::AnnotationState, 6> states{
    replay::AnnotationState::none,      replay::AnnotationState::draft,    replay::AnnotationState::submitted,
    replay::AnnotationState::approved,  replay::AnnotationState::rejected, replay::AnnotationState::unusable};

std::string duration_text(std::int64_t us) {
    char text[32];
    std::int64_t s = us / 1'000'000;
    if (s >= 3600) std::snprintf(text, sizeof text, "%lldh%02lldm", static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60));
    else if (s >= 60) std::snprintf(text, sizeof text, "%lldm%02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    else std::snprintf(text, sizeof text, "%.1fs", static_cast<double>(us) / 1e6);
    return text;
}

}  // namespace

SessionBrowser::SessionBrowser(std::filesystem::path folder) : folder_(std::move(folder)) { refresh(); }

void SessionBrowser::refresh() {
    auto listed = replay::list_sessions(folder_);
    entries_ = listed ? std::move(listed.value()) : std::vector<replay::SessionEntry>{};
    message_ = listed ? "" : listed.error().message;
    if (!listed) std::fprintf(stderr, "semtrace-replay: %s\n", message_.c_str());
    refilter();
}

std::optional<std::filesystem::path> SessionBrowser::take_chosen() {
    auto chosen = std::move(chosen_);
    chosen_.reset();
    return chosen;
}

void SessionBrowser::refilter() {
    replay::SessionFilter filter;
    filter.app = app_;
    filter_error_.clear();
    auto date = [&](const std::string& text, const char* name) -> std::optional<std::int64_t> {
        if (text.empty()) return std::nullopt;
        auto day = replay::parse_date_unix_us(text);
        if (!day) filter_error_ = std::string(name) + ": write a date as 2026-11-29";
        return day;
    };
    auto duration = [&](const std::string& text, const char* name) -> std::optional<std::int64_t> {
        if (text.empty()) return std::nullopt;
        auto us = replay::parse_duration_us(text);
        if (!us) filter_error_ = std::string(name) + ": write a duration as 90s, 5m or 1h";
        return us;
    };
    filter.since_unix_us = date(since_, "since");
    filter.until_unix_us = date(until_, "until");
    if (filter.until_unix_us) *filter.until_unix_us += 86'400'000'000LL;  // "until" a day includes that day
    filter.min_duration_us = duration(min_duration_, "longer than");
    filter.max_duration_us = duration(max_duration_, "shorter than");
    if (annotation_ > 0) filter.annotation = states[static_cast<std::size_t>(annotation_ - 1)];
    shown_.clear();
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (filter.matches(entries_[i])) shown_.push_back(i);
    selected_ = std::min(selected_, shown_.empty() ? 0 : shown_.size() - 1);
}

void SessionBrowser::draw_filters() {
    bool changed = false;
    auto field = [&](const char* id, const char* hint, std::string& text, float width) {
        ImGui::SetNextItemWidth(width);
        changed |= ImGui::InputTextWithHint(id, hint, &text);
        ImGui::SameLine();
    };
    if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed('/', false)) ImGui::SetKeyboardFocusHere();
    field("##app", "app (/)", app_, 180);
    field("##since", "since 2026-11-01", since_, 140);
    field("##until", "until 2026-11-30", until_, 140);
    field("##min", "longer than 30s", min_duration_, 130);
    field("##max", "shorter than 1h", max_duration_, 130);
    std::array<const char*, states.size() + 1> names{"any annotation state"};
    for (std::size_t i = 0; i < states.size(); ++i) names[i + 1] = replay::name_of(states[i]);
    ImGui::SetNextItemWidth(190);
    changed |= ImGui::Combo("##annotation", &annotation_, names.data(), static_cast<int>(names.size()));
    if (changed) refilter();
    ImGui::Text("%zu of %zu sessions in %s", shown_.size(), entries_.size(), folder_.c_str());
    if (!filter_error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", filter_error_.c_str());
    if (!message_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", message_.c_str());
}

void SessionBrowser::draw_table() {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("sessions", 6, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("file", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("app", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("started (UTC)", ImGuiTableColumnFlags_WidthFixed, 200);
    ImGui::TableSetupColumn("duration", ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn("events", ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn("annotation", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown_.size()));
    if (scroll_to_selected_) clipper.ForceDisplayRangeByIndices(static_cast<int>(selected_), static_cast<int>(selected_) + 1);
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const replay::SessionEntry& e = entries_[shown_[static_cast<std::size_t>(row)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(row);
            std::string file = std::filesystem::relative(e.path, folder_).string();
            if (ImGui::Selectable(file.c_str(), static_cast<std::size_t>(row) == selected_,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                selected_ = static_cast<std::size_t>(row);
                if (ImGui::IsMouseDoubleClicked(0)) chosen_ = e.path;
            }
            if (scroll_to_selected_ && static_cast<std::size_t>(row) == selected_) {
                ImGui::SetScrollHereY();
                scroll_to_selected_ = false;
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            if (!e.error.empty() && e.app.empty()) {  // the error names the file: the row says so already
                std::string why = e.error.rfind(e.path.string() + ": ", 0) == 0 ? e.error.substr(e.path.string().size() + 2) : e.error;
                ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", why.c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.error.c_str());
                continue;
            }
            ImGui::Text("%s %s", e.app.c_str(), e.app_version.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s%s", replay::format_unix_us(e.start_unix_us).c_str(), e.complete ? "" : "  recovered");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(duration_text(e.duration_us).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(e.events));
            ImGui::TableNextColumn();
            if (e.annotation == replay::AnnotationState::unusable)
                ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s: %s", replay::name_of(e.annotation), e.error.c_str());
            else
                ImGui::Text("%s, %zu task%s", replay::name_of(e.annotation), e.tasks, e.tasks == 1 ? "" : "s");
        }
    ImGui::EndTable();
}

void SessionBrowser::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("sessions", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    if (!ImGui::GetIO().WantTextInput && !shown_.empty()) {
        std::size_t was = selected_;
        if ((ImGui::IsKeyPressed(keys::down) || ImGui::IsKeyPressed('J')) && selected_ + 1 < shown_.size()) ++selected_;
        if ((ImGui::IsKeyPressed(keys::up) || ImGui::IsKeyPressed('K')) && selected_ > 0) --selected_;
        scroll_to_selected_ |= selected_ != was;
        if (ImGui::IsKeyPressed(keys::enter, false)) chosen_ = entries_[shown_[selected_]].path;
    }
    draw_filters();
    draw_table();
    ImGui::End();
}

}  // namespace semtrace::replay_app
