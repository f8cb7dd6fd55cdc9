// robot.hpp — a robot user for ImGui apps: moves the mouse to items found by label, clicks, types; frame by frame, as a person would.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "semtrace/imgui.hpp"
#include "semtrace/result.hpp"

struct ImGuiContext;

namespace semtrace::imgui {

// A context that runs without a window: display size, font atlas, key map (GLFW's key codes),
// no .ini file. For tests, benchmarks and scripted demos. Destroy with ImGui::DestroyContext.
ImGuiContext* create_headless_context(float width = 1280, float height = 800);

class Robot {
public:
    // `frame` draws one whole frame of the app: ImGui::NewFrame(), the app's UI, ImGui::Render().
    // The robot sets the inputs between frames; the plugin (attached or not) sees what ImGui sees.
    Robot(ImGuiContext* context, std::function<void()> frame);

    // A target is a label ("Save") or a path of labels ("File/Save", "Tickets/#4711 Printer on
    // fire"), matched against the end of the locators of the items drawn in the last frame.
    Result<void> click(std::string_view target);
    Result<void> type(std::string_view target, std::string_view text);  // click, type, Enter
    // A key or chord: "Enter", "Escape", "Tab", "Backspace", "Space", "Down", "F1", "N", "4", "/",
    // "Ctrl+Z", "Ctrl+Shift+P". Held for one frame.
    Result<void> press(std::string_view chord);
    void text(std::string_view text);  // typed where the keyboard is, one character per frame
    // The mouse wheel over the target, one notch every three frames: "down" or "up".
    Result<void> scroll(std::string_view target, std::string_view direction, int notches = 5);
    void idle(int frames);

    // One command per line: click TARGET | type TARGET = TEXT | text TEXT | press KEY |
    // wait FRAMES | scroll TARGET = down|up.
    // '#' starts a comment. Stops at the first command that fails, naming its line.
    Result<void> run_script(const std::filesystem::path& script);

private:
    Result<SeenItem> find(std::string_view target);
    void move_to(float x, float y);
    ImGuiContext* context_;
    std::function<void()> frame_;
};

}  // namespace semtrace::imgui
