// replay_app.hpp — what semtrace-replay shows: a folder's session browser, one session, or why a session could not be opened.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "replay_window.hpp"
#include "session_browser.hpp"

namespace semtrace::replay_app {

class ReplayApp {
public:
    struct Options {
        std::optional<std::int64_t> at_us;  // the instant a session opens at
        std::string annotator;              // the pseudonym new tasks carry
    };
    // A session file, or a folder: its browser first; Esc goes back to it from a session.
    ReplayApp(const std::filesystem::path& path, Options options);
    void draw();

    // Why the session could not be opened (also said on stderr); "" when it was.
    const std::string& error() const noexcept { return error_; }
    ReplayWindow* window() noexcept { return window_.get(); }
    SessionBrowser* browser() noexcept { return browser_.get(); }

private:
    void open(const std::filesystem::path& session);
    void draw_error();
    Options options_;
    std::unique_ptr<SessionBrowser> browser_;
    std::unique_ptr<ReplaySession> session_;
    std::unique_ptr<ReplayWindow> window_;  // shows session_
    std::string error_;
};

}  // namespace semtrace::replay_app
