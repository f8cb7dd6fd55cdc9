// test_imgui_demo.cpp — the plugin records Dear ImGui's own demo window (code no one here wrote) and survives attach/detach churn.
#include <doctest/doctest.h>

#include <cstdio>
#include <imgui.h>

#include "robot.hpp"
#include "semtrace/imgui.hpp"
#include "support/imgui_session.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// The demo window, large enough that every section the script opens is on screen; the windows
// it opens are moved beside it, so that they cover none of it.
void demo_frame() {
    ImGui::NewFrame();
    ImGui::ShowDemoWindow();
    ImGui::SetWindowPos("Dear ImGui Demo", ImVec2(0, 0));
    ImGui::SetWindowSize("Dear ImGui Demo", ImVec2(1200, 3900));
    ImGui::SetWindowPos("Example: Console", ImVec2(1300, 0));
    ImGui::SetWindowPos("Dear ImGui Style Editor", ImVec2(1300, 600));
    ImGui::Render();
}

// A headless context attached to a recorder under the built-in policy.
struct AttachedContext {
    AttachedContext() {
        ImGui::SetCurrentContext(context);
        REQUIRE(imgui::attach(context, *session.recorder).ok());
    }
    ~AttachedContext() {
        if (context) ImGui::DestroyContext(context);
    }
    std::vector<format::Event> finish() {
        ImGui::DestroyContext(context);
        context = nullptr;
        return read_events(session.finish());
    }
    TempDir dir;
    RecordedSession session{dir, "semtrace-default", ""};
    ImGuiContext* context = imgui::create_headless_context();
};

bool in_order(const std::vector<std::string>& actions, const std::vector<std::string>& wanted, std::string& missing) {
    auto at = actions.begin();
    for (const std::string& w : wanted) {
        at = std::find(at, actions.end(), w);
        if (at == actions.end()) {
            missing = w;
            return false;
        }
        ++at;
    }
    return true;
}

}  // namespace

TEST_CASE("26 interactions with ImGui's demo window are each recorded with the right label path") {
    TempDir dir;
    RecordedSession session(dir, "imgui-demo-test", std::string(SEMTRACE_TEST_DATA) + "/imgui_demo_policy.json");
    ImGuiContext* context = imgui::create_headless_context(2600, 4000);
    ImGui::SetCurrentContext(context);
    REQUIRE(imgui::attach(context, *session.recorder).ok());
    imgui::Robot robot(context, demo_frame);
    robot.idle(2);
    auto ran = robot.run_script(std::string(SEMTRACE_TEST_DATA) + "/imgui_demo.script");
    CHECK_MESSAGE(ran.ok(), (ran.ok() ? "" : ran.error().message));
    robot.idle(2);
    ImGui::DestroyContext(context);
    auto actions = actions_of(read_events(session.finish()));

    const std::string D = "window 'Dear ImGui Demo'/";
    const std::vector<std::string> wanted = {
        "open window 'Dear ImGui Demo'",
        "open " + D + "treeitem 'Widgets'",
        "open " + D + "treeitem 'Basic'",
        "click " + D + "button 'Button'",
        "toggle " + D + "checkbox 'checkbox' plain off",  // the demo starts it checked
        "toggle " + D + "radio 'radio b' plain on",
        "toggle " + D + "radio 'radio c' plain on",
        "select " + D + "combobox 'combo' plain BBBB",
        "fill " + D + "textbox 'input text' plain hello demo",
        "fill " + D + "textbox 'input int' plain 42",
        "fill " + D + "slider 'slider int' plain 1",  // clicked in the middle of -1..3
        "open " + D + "treeitem 'Trees'",
        "open " + D + "treeitem 'Basic trees'",
        "close " + D + "treeitem 'Child 0'",  // the demo opens it once
        "open " + D + "treeitem 'Popups & Modal windows'",
        "open " + D + "treeitem 'Popups'",
        "click " + D + "button 'Select..'",
        "open " + D + "popup 'my_select_popup'",
        "select " + D + "popup 'my_select_popup'/listitem 'Haddock' plain Haddock",
        "close " + D + "popup 'my_select_popup'",
        "click " + D + "menu 'Menu'/menuitem 'New'",
        "click " + D + "menu 'Examples'/menuitem 'Console'",
        "open window 'Example: Console'",
        "click " + D + "menu 'Tools'/menuitem 'Style Editor'",
        "open window 'Dear ImGui Style Editor'",
        "select window 'Dear ImGui Style Editor'/tab 'Colors' plain Colors",
        "select window 'Dear ImGui Style Editor'/tab 'Sizes' plain Sizes",
    };
    std::string missing;
    CHECK_MESSAGE(in_order(actions, wanted, missing), "not recorded (in this order): ", missing);
    if (!missing.empty())
        for (const auto& a : actions) MESSAGE(a);
}

TEST_CASE("attach and detach: repeatedly, two contexts at once, a context destroyed while attached, bad calls") {
    TempDir dir;
    RecordedSession session(dir, "semtrace-default", "");
    Recorder& recorder = *session.recorder;
    ImGuiContext* first = imgui::create_headless_context();
    ImGuiContext* second = imgui::create_headless_context();
    auto frames = [](ImGuiContext* c, int n) {
        ImGui::SetCurrentContext(c);
        for (int i = 0; i < n; ++i) demo_frame();
    };
    for (int round = 0; round < 20; ++round) {
        REQUIRE(imgui::attach(first, recorder).ok());
        CHECK(imgui::attached(first));
        frames(first, 2);
        imgui::detach(first);
        CHECK_FALSE(imgui::attached(first));
        frames(first, 1);  // drawing on after detach: the hooks see no attachment
    }
    REQUIRE(imgui::attach(first, recorder).ok());
    REQUIRE(imgui::attach(second, recorder).ok());
    auto twice = imgui::attach(first, recorder);
    CHECK_FALSE(twice.ok());
    CHECK(twice.error().message.find("already attached") != std::string::npos);
    CHECK_FALSE(imgui::attach(nullptr, recorder).ok());
    frames(first, 3);
    frames(second, 3);
    CHECK(imgui::items_seen(first).size() > 10);
    CHECK(imgui::items_seen(second).size() > 10);
    ImGui::DestroyContext(second);  // while attached: the plugin detaches itself
    CHECK_FALSE(imgui::attached(second));
    frames(first, 2);
    imgui::detach(first);
    imgui::detach(first);  // twice: nothing happens
    ImGui::DestroyContext(first);
    auto actions = actions_of(read_events(session.finish()));
    CHECK(std::count(actions.begin(), actions.end(), "open window 'Dear ImGui Demo'") >= 20);
}

TEST_CASE("scrolling is one action per gesture, with its direction, on the pane that scrolled") {
    AttachedContext attached;
    ImGuiContext* context = attached.context;
    imgui::Robot robot(context, [] {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 300));
        ImGui::Begin("Inbox");
        ImGui::BeginChild("messages", ImVec2(0, 0), true);
        char label[32];
        for (int i = 0; i < 200; ++i) {
            std::snprintf(label, sizeof label, "Message %d", i);
            ImGui::Selectable(label);
        }
        ImGui::EndChild();
        ImGui::End();
        ImGui::Render();
    });
    robot.idle(2);
    REQUIRE(robot.scroll("Message 3", "down", 8).ok());
    robot.idle(20);
    REQUIRE(robot.scroll("Message 40", "down", 3).ok());
    robot.idle(20);
    REQUIRE(robot.scroll("Message 45", "up", 4).ok());
    robot.idle(20);
    auto actions = actions_of(attached.finish());
    std::vector<std::string> scrolls;
    for (const auto& a : actions)
        if (a.rfind("scroll ", 0) == 0) scrolls.push_back(a);
    CHECK(scrolls == std::vector<std::string>{"scroll window 'Inbox'/pane 'messages' plain down",
                                              "scroll window 'Inbox'/pane 'messages' plain down",
                                              "scroll window 'Inbox'/pane 'messages' plain up"});
}

TEST_CASE("what the app changes by itself, with no input, is recorded too (quiet frames still look)") {
    AttachedContext attached;
    ImGuiContext* context = attached.context;
    int frame = 0;
    imgui::Robot robot(context, [&] {
        ImGui::NewFrame();
        ImGui::Begin("Status");
        char label[64];
        std::snprintf(label, sizeof label, "Jobs done: %d###jobs", frame / 30);  // same id, new text
        ImGui::Button(label);
        ImGui::End();
        if (frame >= 100) {
            ImGui::Begin("Late");
            ImGui::Button("Appeared");
            ImGui::End();
        }
        // A log that follows its last line: it scrolls, the user does not.
        ImGui::SetNextWindowSize(ImVec2(300, 120));
        ImGui::Begin("Log");
        for (int line = 0; line < std::min(frame, 120) / 4; ++line) ImGui::Text("line %d", line);
        ImGui::SetScrollHereY(1.0f);
        ImGui::End();
        ImGui::Render();
        ++frame;
    });
    robot.idle(200);
    auto events = attached.finish();
    auto actions = actions_of(events);
    CHECK(std::count(actions.begin(), actions.end(), "open window 'Late'") == 1);
    CHECK(std::none_of(actions.begin(), actions.end(), [](const std::string& a) { return a.rfind("scroll", 0) == 0; }));
    UiTree tree = tree_for_all(events);
    CHECK(tree.has_child("Status", "button", "Jobs done: 6"));
    CHECK(tree.has_child("Late", "button", "Appeared"));
}
