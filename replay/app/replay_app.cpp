// replay_app.cpp — switching between the session browser, a session's replay window and an error screen.
#include <cstdio>

#include <imgui.h>

#include "keys.hpp"
#include "replay_app.hpp"

namespace semtrace::replay_app {

ReplayApp::ReplayApp(const std::filesystem::path& path, Options options) : options_(std::move(options)) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) browser_ = std::make_unique<SessionBrowser>(path);
    else open(path);
}

void ReplayApp::open(const std::filesystem::path& path) {
    window_.reset();
    session_.reset();
    auto session = ReplaySession::open(path);
    if (!session) {
        error_ = "Cannot open " + path.string() + ": " + session.error().message;
        std::fprintf(stderr, "semtrace-replay: %s\n", error_.c_str());
        if (browser_) browser_->set_message(error_ + " (`semtrace verify` on the file says more)");
        return;
    }
    error_.clear();
    session_ = std::move(session.value());
    window_ = std::make_unique<ReplayWindow>(*session_, options_.at_us, options_.annotator);
}

void ReplayApp::draw_error() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("error", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextUnformatted("`semtrace verify FILE` says more.");
    ImGui::TextUnformatted("Close the window to quit.");
    ImGui::End();
}

void ReplayApp::draw() {
    if (window_) {
        window_->draw();
        if (browser_ && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(keys::escape, false)) {
            window_.reset();  // every annotation is on disk already
            session_.reset();
            browser_->refresh();
        }
        return;
    }
    if (!browser_) {
        draw_error();
        return;
    }
    browser_->draw();
    if (auto chosen = browser_->take_chosen()) open(*chosen);
}

}  // namespace semtrace::replay_app
