// test_ticket_desk.cpp — the ImGui plugin records the ticket desk, driven by a robot through a 33-step script, exactly as a person used it.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <imgui.h>

#include "format/session_reader.hpp"
#include "robot.hpp"
#include "semtrace/imgui.hpp"
#include "support/imgui_session.hpp"
#include "support/raw_session.hpp"
#include "ticket_desk.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// The ticket desk under the plugin, recorded with the example's own policy.
struct Desk {
    explicit Desk(const imgui::Options& plugin = {}) : session(dir, "imgui-ticket-desk", ticket_desk_policy()) {
        context = imgui::create_headless_context();
        ImGui::SetCurrentContext(context);
        auto attached = imgui::attach(context, *session.recorder, plugin);
        REQUIRE_MESSAGE(attached.ok(), (attached.ok() ? "" : attached.error().message));
        robot = std::make_unique<imgui::Robot>(context, [this] {
            ImGui::NewFrame();
            app.draw();
            ImGui::Render();
        });
        robot->idle(2);
    }
    ~Desk() {
        if (context) ImGui::DestroyContext(context);
    }
    std::filesystem::path finish() {
        robot->idle(2);
        ImGui::DestroyContext(context);  // detaches: the plugin ends with the context
        context = nullptr;
        return session.finish();
    }
    static std::string ticket_desk_policy() { return std::string(SEMTRACE_SOURCE_DIR) + "/examples/imgui_ticket_desk/policy.json"; }

    TempDir dir;
    RecordedSession session;
    ImGuiContext* context = nullptr;
    ticket_desk::App app;
    std::unique_ptr<imgui::Robot> robot;
};

}  // namespace

TEST_CASE("a 33-step script through the ticket desk is recorded as exactly these semantic actions") {
    Desk desk;
    auto ran = desk.robot->run_script(std::string(SEMTRACE_TEST_DATA) + "/ticket_desk.script");
    REQUIRE_MESSAGE(ran.ok(), (ran.ok() ? "" : ran.error().message));
    auto events = read_events(desk.finish());
    const std::string W = "window 'Ticket Desk'/";
    const std::vector<std::string> expected = {
        "open window 'Ticket Desk'",
        "fill " + W + "textbox 'Filter' plain 47",
        "select " + W + "listitem '#4711 Printer on fire' plain #4711 Printer on fire",
        "fill " + W + "textbox 'Customer' plain ACME Corporation",
        "fill " + W + "textbox 'Email' masked",
        "fill " + W + "textbox 'Phone' masked",
        "select " + W + "combobox 'Priority' plain High",
        "toggle " + W + "radio 'Pending' plain on",
        "fill " + W + "textbox 'Notes' redacted Call \u27e8EMAIL\u27e9, card \u27e8CARD\u27e9\n",
        "toggle " + W + "checkbox 'Notify customer' plain on",
        "open " + W + "treeitem 'History'",
        "open " + W + "treeitem 'Created'",
        "open " + W + "treeitem 'Saves'",
        "click " + W + "button 'Save'",
        "close " + W + "treeitem 'Created'",
        "select " + W + "listitem '#4712 Cannot log in' plain #4712 Cannot log in",
        "fill " + W + "textbox 'Customer' plain Globex Ltd",
        "select " + W + "combobox 'Priority' plain Urgent",
        "toggle " + W + "radio 'Solved' plain on",
        "click " + W + "button 'Save'",
        "click " + W + "button 'Close ticket'",
        "open dialog 'Close ticket?'",
        "click dialog 'Close ticket?'/button 'No'",
        "close dialog 'Close ticket?'",
        "click " + W + "button 'Close ticket'",
        "open dialog 'Close ticket?'",
        "click dialog 'Close ticket?'/button 'Yes'",
        "close dialog 'Close ticket?'",
        "click menubar 'main'/menu 'View'/menuitem 'Settings'",
        "open window 'Settings'",
        "toggle window 'Settings'/checkbox 'Dark mode' plain off",
        "fill window 'Settings'/textbox 'API token' masked",
        "fill window 'Settings'/slider 'Font scale' masked",  // the policy masks what it does not allow
        "click menubar 'main'/menu 'File'/menuitem 'Save'",
        "focus window 'Ticket Desk'",
        "close " + W + "treeitem 'History'",
    };
    CHECK(actions_of(events) == expected);
    // And the app did what the robot asked: the plugin watched, it did not get in the way.
    CHECK(desk.app.tickets()[0].customer == "ACME Corporation");
    CHECK(desk.app.tickets()[1].closed);
    CHECK(desk.app.tickets()[1].priority == 3);
}

TEST_CASE("each action names the node it acted on by the id that node has in the UI tree") {
    Desk desk;
    auto ran = desk.robot->run_script(std::string(SEMTRACE_TEST_DATA) + "/ticket_desk.script");
    REQUIRE_MESSAGE(ran.ok(), (ran.ok() ? "" : ran.error().message));
    auto events = read_events(desk.finish());
    std::map<std::uint64_t, format::Node> seen;  // every node any key frame or delta showed
    for (const auto& e : events) {
        if (const auto* s = std::get_if<format::Snapshot>(&e.body))
            for (const auto& n : s->nodes) seen[n.id] = n;
        if (const auto* d = std::get_if<format::Delta>(&e.body))
            for (const auto& n : d->upserts) seen[n.id] = n;
    }
    int actions = 0, in_tree = 0;  // actions, and those whose node a key frame or delta showed
    for (const auto& e : events) {
        const auto* a = std::get_if<format::Action>(&e.body);
        if (!a) continue;
        ++actions;
        INFO(a->target.locator);
        CHECK(a->target.node_id != 0);
        auto node = seen.find(a->target.node_id);
        if (node == seen.end()) continue;
        ++in_tree;
        // The locator's last step is "role 'name'": the node with that id has that role and name.
        std::string step = a->target.locator.substr(a->target.locator.rfind('/') + 1);
        std::string role = step.substr(0, step.find(' '));
        std::string name = step.substr(step.find('\'') + 1, step.rfind('\'') - step.find('\'') - 1);
        CHECK(node->second.role == role);
        CHECK(node->second.name == name);
    }
    CHECK(actions == 36);  // as the test above lists them
    CHECK(in_tree == actions);  // fields, buttons, items, combos, windows and dialogs: all in the tree
}

TEST_CASE("the UI tree: what the user saw is in the key frames and deltas, and an unchanged screen writes nothing") {
    Desk desk;
    REQUIRE(desk.robot->click("Priority").ok());  // a combo's label is learned when it is first used
    REQUIRE(desk.robot->click("High").ok());
    REQUIRE(desk.robot->click("View").ok());
    REQUIRE(desk.robot->click("Settings").ok());
    desk.robot->idle(3);
    desk.session.recorder->marker("test.idle");
    desk.robot->idle(120);  // two seconds of nothing happening
    desk.session.recorder->marker("test.idle_end");
    REQUIRE(desk.robot->click("Dark mode").ok());
    auto events = read_events(desk.finish());

    UiTree tree = tree_before_marker(events, "test.idle");
    CHECK(tree.has("window", "Ticket Desk"));
    CHECK(tree.has("window", "Settings"));
    CHECK(tree.has_child("Ticket Desk", "textbox", "Email"));
    CHECK(tree.has_child("Ticket Desk", "combobox", "Priority"));
    CHECK(tree.has_child("Ticket Desk", "button", "Save"));
    CHECK(tree.has_child("Ticket Desk", "listitem", "#4711 Printer on fire"));
    const format::Node* dark = tree.child("Settings", "checkbox", "Dark mode");
    REQUIRE(dark);
    CHECK((dark->state & imgui::node_checked) != 0);
    CHECK(dark->bounds.width > 0);
    CHECK(tree_events_between_markers(events, "test.idle", "test.idle_end") == 0);
    UiTree last = tree_for_all(events);
    dark = last.child("Settings", "checkbox", "Dark mode");
    REQUIRE(dark);
    CHECK((dark->state & imgui::node_checked) == 0);
}

TEST_CASE("typed e-mails, card numbers, phone numbers and tokens never reach the file") {
    Desk desk;
    auto ran = desk.robot->run_script(std::string(SEMTRACE_TEST_DATA) + "/ticket_desk.script");
    REQUIRE(ran.ok());
    std::string bytes = all_session_bytes(desk.finish());
    for (std::string_view secret : {"dana@acme.example", "4111 1111 1111 1111", "4111111111111111", "7946 0958",
                                    "447946", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"})
        CHECK_MESSAGE(bytes.find(secret) == std::string::npos, "found in the session bytes: ", secret);
    CHECK(bytes.find("Globex Ltd") != std::string::npos);  // plain by the policy: the search does see text
}

TEST_CASE("the pause hotkey pauses and resumes; nothing done while paused is recorded") {
    imgui::Options plugin;
    plugin.pause_key = 80;  // Ctrl+Shift+P
    Desk desk(plugin);
    ImGuiIO& io = ImGui::GetIO();
    auto hotkey = [&] {
        io.KeyCtrl = io.KeyShift = io.KeysDown[80] = true;
        desk.robot->idle(1);
        io.KeyCtrl = io.KeyShift = io.KeysDown[80] = false;
        desk.robot->idle(1);
    };
    hotkey();
    CHECK(desk.session.recorder->paused());
    REQUIRE(desk.robot->click("Save").ok());
    hotkey();
    CHECK_FALSE(desk.session.recorder->paused());
    REQUIRE(desk.robot->click("Close ticket").ok());
    auto actions = actions_of(read_events(desk.finish()), true);
    auto at = [&](const std::string& a) { return std::find(actions.begin(), actions.end(), a) - actions.begin(); };
    CHECK(at("control pause") < at("control resume"));
    CHECK(std::count(actions.begin(), actions.end(), "click window 'Ticket Desk'/button 'Save'") == 0);
    CHECK(at("control resume") < at("click window 'Ticket Desk'/button 'Close ticket'"));
}

TEST_CASE("the REC badge is drawn on top of the app, and not when turned off") {
    for (bool badge : {true, false}) {
        imgui::Options plugin;
        plugin.badge = badge;
        Desk desk(plugin);
        desk.robot->idle(1);
        const ImDrawList* foreground = ImGui::GetForegroundDrawList();
        CHECK_MESSAGE((foreground->VtxBuffer.Size > 0) == badge, "badge ", badge);
    }
}

TEST_CASE("an app's own shortcut is recorded by its command name, in the focused window") {
    Desk desk;
    REQUIRE(desk.robot->click("Customer").ok());  // the ticket desk has the keyboard focus
    CHECK(imgui::shortcut(desk.context, "save"));
    desk.robot->idle(1);
    ImGuiContext* other = imgui::create_headless_context();
    CHECK_FALSE(imgui::shortcut(other, "save"));  // not attached
    ImGui::DestroyContext(other);
    ImGui::SetCurrentContext(desk.context);
    auto actions = actions_of(read_events(desk.finish()));
    CHECK(std::count(actions.begin(), actions.end(), "shortcut window 'Ticket Desk' plain save") == 1);
}
