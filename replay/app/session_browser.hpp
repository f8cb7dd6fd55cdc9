// session_browser.hpp — the list of a folder's sessions with filters (app, dates, duration, annotation state); Enter opens one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "session_catalog.hpp"

namespace semtrace::replay_app {

class SessionBrowser {
public:
    explicit SessionBrowser(std::filesystem::path folder);
    void draw();  // the whole window
    void refresh();  // reads the folder again: new files, annotation states changed
    // The session the annotator chose to open (Enter or a double click), once.
    std::optional<std::filesystem::path> take_chosen();
    void set_message(std::string message) { message_ = std::move(message); }

    std::size_t sessions_shown() const noexcept { return shown_.size(); }
    const std::string& filter_error() const noexcept { return filter_error_; }

private:
    void refilter();
    void draw_filters();
    void draw_table();
    std::filesystem::path folder_;
    std::vector<replay::SessionEntry> entries_;
    std::vector<std::size_t> shown_;  // indices into entries_, in order
    std::string app_, since_, until_, min_duration_, max_duration_;
    int annotation_ = 0;               // 0: any; else the AnnotationState's value + 1
    std::string filter_error_;         // a filter that does not parse, and how to write it
    std::size_t selected_ = 0;         // a row of shown_
    bool scroll_to_selected_ = false;  // moved by keys: bring it into view
    std::optional<std::filesystem::path> chosen_;
    std::string message_;              // why the folder or the last chosen session could not be opened
};

}  // namespace semtrace::replay_app
