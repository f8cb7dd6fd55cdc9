// test_replay_app.cpp — semtrace-replay: screenshot mode rendered for real under Xvfb and checked by pixels; the annotator's shortcuts.
#include <doctest/doctest.h>

#include <imgui.h>
#include <random>
#include <set>

#include "annotations.hpp"
#include "png_file.hpp"
#include "replay_window.hpp"
#include "robot.hpp"
#include "screen_view.hpp"
#include "support/commands.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// Pixels of exactly this colour.
int count_colour(const replay_app::Image& image, ImU32 colour) {
    int n = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
        ImU32 pixel = IM_COL32(image.rgba[i], image.rgba[i + 1], image.rgba[i + 2], 255);
        n += pixel == colour;
    }
    return n;
}

// The smallest box holding every pixel of exactly this colour.
struct Box {
    double x0 = 1e9, y0 = 1e9, x1 = -1, y1 = -1;
    double width() const { return x1 - x0 + 1; }
    double height() const { return y1 - y0 + 1; }
};
Box colour_box(const replay_app::Image& image, ImU32 colour) {
    Box box;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4];
            if (IM_COL32(p[0], p[1], p[2], 255) != colour) continue;
            box.x0 = std::min<double>(box.x0, x), box.x1 = std::max<double>(box.x1, x);
            box.y0 = std::min<double>(box.y0, y), box.y1 = std::max<double>(box.y1, y);
        }
    REQUIRE(box.x1 >= 0);
    return box;
}

replay_app::Image screenshot(const std::filesystem::path& session, const char* at, const std::filesystem::path& out) {
    auto r = run("xvfb-run -a -s '-screen 0 1024x768x24' env ASAN_OPTIONS=detect_leaks=0 " + std::string(SEMTRACE_BIN_DIR) +
                     "/semtrace-replay " + session.string() + " --at " + at + " --size 800x600 --screenshot " + out.string(),
                 true);
    REQUIRE_MESSAGE(r.code == 0, r.out);
    auto image = replay_app::read_png(out);
    REQUIRE_MESSAGE(image.ok(), (image.ok() ? "" : image.error().message));
    return image.value();
}

// A session of clicks, one on each named button, at `times` (microseconds).
std::filesystem::path clicks(const std::filesystem::path& file, const std::vector<std::string>& buttons,
                             const std::vector<std::int64_t>& times) {
    std::vector<format::Event> events{{0, 0, format::Control{ControlType::start, 0}}};
    for (std::size_t i = 0; i < buttons.size(); ++i)
        events.push_back({events.size(), times[i],
                          format::Action{ActionType::click, {"window 'W'/button '" + buttons[i] + "'", 0, {}}, {}}});
    return write_session(file, events);
}

// Buttons B1..Bn clicked at 1 s, 2 s, ... n s.
std::filesystem::path numbered_clicks(const std::filesystem::path& file, int n) {
    std::vector<std::string> buttons;
    std::vector<std::int64_t> times;
    for (int i = 1; i <= n; ++i) {
        buttons.push_back("B" + std::to_string(i));
        times.push_back(i * 1'000'000LL);
    }
    return clicks(file, buttons, times);
}

// A ReplayWindow in its own headless ImGui context, drawn frame by frame; keys tapped as a person would.
struct HeadlessReplay {
    ImGuiContext* context;
    replay_app::ReplayWindow window;
    HeadlessReplay(const replay_app::ReplaySession& session, std::optional<std::int64_t> at_us)
        : context(imgui::create_headless_context()), window(session, at_us) {
        ImGui::SetCurrentContext(context);
    }
    ~HeadlessReplay() { ImGui::DestroyContext(context); }
    HeadlessReplay(const HeadlessReplay&) = delete;
    HeadlessReplay& operator=(const HeadlessReplay&) = delete;
    void frames(int n = 1) {
        for (int i = 0; i < n; ++i) {
            ImGui::NewFrame();
            window.draw();
            ImGui::Render();
        }
    }
    void tap(int key, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[key] = true;
        frames();
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        frames();
    }
};

}  // namespace

TEST_CASE("screenshot mode renders the reconstructed screen at an instant, the acted-on node highlighted") {
    TempDir dir;
    format::Snapshot screen{{format::Node{1, 0, "window", "Editor", {}, {0, 0, 800, 600}, 0},
                             format::Node{2, 1, "button", "Save", {}, {100, 100, 300, 120}, 0},
                             format::Node{3, 1, "textbox", "Email", {ValueState::masked, ""}, {100, 300, 300, 40}, 0}}};
    auto session = write_session(
        dir / "s.semtrace",
        {{0, 0, format::Control{ControlType::start, 0}},
         {1, 1'000'000, screen},
         {2, 2'000'000, format::Action{ActionType::click, {"window 'Editor'/button 'Save'", 2, {}}, {}}},
         {3, 2'700'000, format::Action{ActionType::fill, {"window 'Editor'/textbox 'Email'", 3, {}}, {ValueState::masked, ""}}},
         {4, 3'000'000, format::Control{ControlType::end, 0}}});

    auto before = screenshot(session, "1.5s", dir / "before.png");
    CHECK(before.width == 800);
    CHECK(before.height == 600);
    CHECK(count_colour(before, replay_app::highlight_colour) == 0);  // nothing acted on yet

    auto after = screenshot(session, "2.5s", dir / "after.png");
    // The Save button's box is filled: it is a few thousand pixels of the screen, scaled.
    CHECK(count_colour(after, replay_app::highlight_colour) > 2000);
    // Text and boxes are drawn: many distinct colours, not a blank frame.
    int light = 0;
    for (std::size_t i = 0; i + 3 < after.rgba.size(); i += 4) light += after.rgba[i] > 200 && after.rgba[i + 1] > 200;
    CHECK(light > 500);

    // Where the amber is: the box of each target, at its recorded bounds scaled to the screen.
    auto save = colour_box(after, replay_app::highlight_colour);
    auto email = colour_box(screenshot(session, "2.8s", dir / "email.png"), replay_app::highlight_colour);
    CHECK(save.width() / save.height() == doctest::Approx(300.0 / 120.0).epsilon(0.15));
    CHECK(email.width() / email.height() == doctest::Approx(300.0 / 40.0).epsilon(0.15));
    double scale = save.width() / 300.0;
    CHECK(email.x0 == doctest::Approx(save.x0).epsilon(0.02));
    CHECK(email.y0 - save.y0 == doctest::Approx(200 * scale).epsilon(0.05));  // 200 apart as recorded
}

TEST_CASE("the annotator's shortcuts cut a task, rate and label it, hide a step, undo; every change is on disk at once") {
    TempDir dir;
    auto file = numbered_clicks(dir / "s.semtrace", 5);
    auto session = replay_app::ReplaySession::open(file);
    REQUIRE(session.ok());
    REQUIRE(session.value()->steps().size() == 5);
    HeadlessReplay replay(*session.value(), std::nullopt);
    replay_app::ReplayWindow& window = replay.window;
    REQUIRE(window.panel() != nullptr);
    auto frame = [&] { replay.frames(); };
    auto tap = [&](int key, bool ctrl = false) { replay.tap(key, ctrl); };
    auto on_disk = [&] {
        auto hash = replay::session_content_hash(file).value();
        return replay::load_annotations(replay::sidecar_path(file), hash).value();
    };
    frame();
    tap('N');            // a task from step 0
    tap(264);            // Down: step 1
    tap('J');            // step 2
    tap('E');            // the task ends at step 2
    tap('4');            // rated 4
    tap('S');            // success
    tap('M');            // step 2 was a mistake
    tap('H');            // and is hidden from exports
    auto saved = on_disk();
    REQUIRE(saved.tasks.size() == 1);
    CHECK(saved.tasks[0].start_step == 0);
    CHECK(saved.tasks[0].end_step == 2);
    CHECK(saved.tasks[0].rating == 4);
    CHECK(saved.tasks[0].outcome == replay::Outcome::success);
    CHECK(saved.tasks[0].labels.at(2) == replay::StepLabel::mistake);
    CHECK(saved.hidden_steps == std::set<std::uint64_t>{2});
    tap('Z', true);      // undo the hide
    tap('Z', true);      // and the label
    saved = on_disk();
    CHECK(saved.hidden_steps.empty());
    CHECK(saved.tasks[0].labels.empty());
    tap('Y', true);      // redo the label
    CHECK(on_disk().tasks[0].labels.at(2) == replay::StepLabel::mistake);
}

TEST_CASE("a file whose recorder died opens with a note of what was recovered and what was dropped") {
    TempDir dir;
    std::vector<format::Event> events{{0, 0, format::Control{ControlType::start, 0}}};
    for (std::uint64_t i = 1; i <= 20; ++i)
        events.push_back({i, static_cast<std::int64_t>(i) * 1000, format::Marker{"m", {}}});
    auto killed = write_session(dir / "killed.semtrace", events, {}, 5, false);  // flushed, never closed
    auto session = replay_app::ReplaySession::open(killed);
    REQUIRE(session.ok());
    CHECK(session.value()->recovery_note().find("Recovered") == 0);
    CHECK(session.value()->recovery_note().find("recovered 21 events") != std::string::npos);
    auto whole = replay_app::ReplaySession::open(write_session(dir / "whole.semtrace", events));
    REQUIRE(whole.ok());
    CHECK(whole.value()->recovery_note().empty());
}

TEST_CASE("playback: Space plays at the chosen speed, idle time is skipped, it stops at the end") {
    TempDir dir;
    // Steps at 1 s, 1.5 s and 60 s: a long idle pause before the last.
    auto session = replay_app::ReplaySession::open(clicks(dir / "s.semtrace", {"B", "B", "B"}, {1'000'000, 1'500'000, 60'000'000}));
    REQUIRE(session.ok());
    HeadlessReplay replay(*session.value(), std::nullopt);
    replay_app::ReplayWindow& window = replay.window;
    auto frames = [&](int n) { replay.frames(n); };
    auto tap = [&](int key) { replay.tap(key); };
    frames(1);
    CHECK(window.time_us() == 1'000'000);  // opens at the first step
    tap(']');                                // double speed
    CHECK(window.speed() == 2.0);
    tap(' ');                                // play
    REQUIRE(window.playing());
    std::int64_t before = window.time_us();
    frames(6);                               // a tenth of a second at 60 frames/s, at 2x: 0.2 s
    CHECK(window.time_us() - before == doctest::Approx(200'000).epsilon(0.05));
    frames(20);                              // past the step at 1.5 s: the next is 58 s away
    CHECK(window.time_us() > 55'000'000);    // the idle pause was skipped
    frames(200);
    CHECK_FALSE(window.playing());           // stopped at the end
    CHECK(window.time_us() == 60'000'000);
    tap('I');
    CHECK_FALSE(window.skipping_idle());
}

TEST_CASE("search: / then typing narrows the step list to the matching steps, any case") {
    TempDir dir;
    auto session = replay_app::ReplaySession::open(
        clicks(dir / "s.semtrace", {"Save", "Open", "save as", "Close", "Autosave"}, {1000, 2000, 3000, 4000, 5000}));
    REQUIRE(session.ok());
    HeadlessReplay replay(*session.value(), std::nullopt);
    replay_app::ReplayWindow& window = replay.window;
    auto frame = [&] { replay.frames(); };
    frame();
    CHECK(window.steps_shown() == 5);
    ImGui::GetIO().KeysDown[static_cast<int>('/')] = true;
    frame();
    ImGui::GetIO().KeysDown[static_cast<int>('/')] = false;
    frame();
    for (char c : std::string("SAVE")) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
        frame();
    }
    CHECK(window.steps_shown() == 3);  // Save, save as, Autosave
}

TEST_CASE("an annotator drives semtrace-replay by keys, in a real window under Xvfb, on a ticket-desk session") {
    TempDir dir;
    std::string key = "SEMTRACE_PSEUDONYM_KEY=" + std::string(64, 'b');
    auto recorded = run(key + " " + SEMTRACE_BIN_DIR + "/semtrace-imgui-ticket-desk --out " + (dir / "s").string() +
                        " --script " + SEMTRACE_SOURCE_DIR + "/examples/imgui_ticket_desk/demo.script");
    REQUIRE_MESSAGE(recorded.code == 0, recorded.out);
    std::filesystem::path file = first_line(recorded.out);
    auto replayed = run("xvfb-run -a -s '-screen 0 1024x768x24' env ASAN_OPTIONS=detect_leaks=0 " +
                            std::string(SEMTRACE_BIN_DIR) + "/semtrace-replay " + file.string() +
                            " --annotator ann-7 --size 1024x768 --script " + SEMTRACE_SOURCE_DIR +
                            "/examples/imgui_ticket_desk/annotate.script --screenshot " + (dir / "annotated.png").string(),
                        true);
    REQUIRE_MESSAGE(replayed.code == 0, replayed.out);

    auto saved = replay::load_annotations(replay::sidecar_path(file), replay::session_content_hash(file).value());
    REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? "" : saved.error().message));
    REQUIRE(saved.value().tasks.size() == 1);
    const replay::Task& task = saved.value().tasks[0];
    CHECK(task.start_step == 1);
    CHECK(task.end_step == 5);
    CHECK(task.instruction == "Set ticket 4711 to High priority and pending");
    CHECK(task.labels == std::map<std::uint64_t, replay::StepLabel>{{2, replay::StepLabel::correct},
                                                                    {3, replay::StepLabel::mistake},
                                                                    {4, replay::StepLabel::redundant}});
    CHECK(task.step_instructions == std::map<std::uint64_t, std::string>{{3, "typed the customer's e-mail"}});
    CHECK(task.milestones == std::vector<std::uint64_t>{4});
    CHECK(task.rating == 4);
    CHECK(task.outcome == replay::Outcome::success);
    CHECK(task.notes == "Hesitated over the phone field.");
    CHECK(task.review == replay::Review::submitted);
    CHECK(task.annotator == "ann-7");
    auto shot = replay_app::read_png(dir / "annotated.png");
    REQUIRE(shot.ok());
    CHECK(count_colour(shot.value(), replay_app::task_span_colour) > 100);  // the task's span on the timeline
    CHECK(count_colour(shot.value(), replay_app::tick_colour) > 50);        // and the action ticks
}

TEST_CASE("event details: the action in full, the node it acted on as it was, and what the app changed until the next step") {
    TempDir dir;
    format::Snapshot screen{{format::Node{1, 0, "window", "Editor", {}, {0, 0, 800, 600}, 0},
                             format::Node{2, 1, "button", "Save", {}, {100, 100, 300, 120}, 0},
                             format::Node{3, 1, "textbox", "Email", {ValueState::masked, ""}, {100, 300, 300, 40}, 0}}};
    format::Delta answer{{format::Node{4, 1, "dialog", "Saved", {}, {200, 200, 100, 50}, 0},
                          format::Node{2, 1, "button", "Save", {}, {100, 100, 300, 120}, 4}},
                         {3}};
    auto file = write_session(
        dir / "s.semtrace",
        {{0, 0, format::Control{ControlType::start, 0}},
         {1, 1'000'000, screen},
         {2, 2'000'000, format::Action{ActionType::fill, {"window 'Editor'/textbox 'Email'", 3, {100, 300, 300, 40}}, {ValueState::masked, ""}}},
         {3, 3'000'000, format::Action{ActionType::click, {"window 'Editor'/button 'Save'", 2, {100, 100, 300, 120}}, {}}},
         {4, 3'500'000, answer},
         {5, 6'000'000, format::Action{ActionType::select, {"window 'Editor'/combobox 'Priority'", 0, {}}, {ValueState::plain, "High"}}}});
    auto session = replay_app::ReplaySession::open(file);
    REQUIRE(session.ok());
    HeadlessReplay replay(*session.value(), 3'200'000);
    replay_app::ReplayWindow& window = replay.window;
    std::vector<std::string> expected{
        "step 1 of 3   at 3.000 s   event 3",
        "action   click",
        "target   window 'Editor'/button 'Save'",
        "node     [2] button 'Save'",
        "bounds   x 100  y 100  300 x 120",
        "value    none",
        "led to   1 added, 1 changed, 1 removed",
        "  + [4] dialog 'Saved'",
        "  ~ [2] button 'Save' (focused)",
        "  - [3] textbox 'Email' = <masked>"};
    CHECK(window.details().lines == expected);
    replay.frames();
    auto at = [&](std::int64_t t_us) {
        replay_app::ReplayWindow w(*session.value(), t_us);
        return w.details().lines;
    };
    auto fill = at(2'000'000);
    REQUIRE(fill.size() >= 6);
    CHECK(fill[3] == "node     [3] textbox 'Email' = <masked>");
    CHECK(fill[5] == "value    masked: something was typed; nothing of it was kept");
    auto select = at(7'000'000);
    REQUIRE(select.size() >= 4);
    CHECK(select[3] == "value    plain \"High\"");  // no node named, no bounds: those lines are left out
}

TEST_CASE("timeline: a click a quarter of the way along goes to a quarter of the session; dragging scrubs") {
    TempDir dir;
    auto session = replay_app::ReplaySession::open(numbered_clicks(dir / "s.semtrace", 8));
    REQUIRE(session.ok());
    HeadlessReplay replay(*session.value(), std::nullopt);
    replay_app::ReplayWindow& window = replay.window;
    auto frame = [&] { replay.frames(); };
    frame();
    frame();
    ImVec2 lo = window.timeline().min(), hi = window.timeline().max();
    REQUIRE(hi.x - lo.x > 100);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(lo.x + (hi.x - lo.x - 1) * 0.25f, (lo.y + hi.y) / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    CHECK(window.time_us() == doctest::Approx(2'000'000).epsilon(0.02));  // 8 s long: a quarter is 2 s
    io.MousePos.x = lo.x + (hi.x - lo.x - 1) * 0.75f;  // dragged on
    frame();
    CHECK(window.time_us() == doctest::Approx(6'000'000).epsilon(0.02));
    io.MouseDown[0] = false;
    frame();
    io.MousePos.x = lo.x + 5;  // moving without the button changes nothing
    frame();
    CHECK(window.time_us() == doctest::Approx(6'000'000).epsilon(0.02));
}

TEST_CASE("the screen the window shows at 100 random instants is the tree a read from the start rebuilds") {
    TempDir dir;
    std::vector<format::Event> events{{0, 0, format::Control{ControlType::start, 0}}};
    std::mt19937 rng(9);
    for (std::uint64_t i = 1; i < 3000; ++i) {
        std::int64_t t = static_cast<std::int64_t>(i) * 1000;
        auto n = [&](std::uint64_t id) {
            return format::Node{id, id == 1 ? 0u : 1u, "button", "N" + std::to_string(rng() % 100), {}, {0, 0, 5, 5}, 0};
        };
        if (i % 200 == 1) events.push_back({i, t, format::Snapshot{{n(1), n(2), n(3)}}});
        else if (i % 3 == 0) events.push_back({i, t, format::Delta{{n(2 + rng() % 8)}, {2 + rng() % 8}}});
        else events.push_back({i, t, format::Action{ActionType::click, {"window 'W'/button 'B'", 2, {}}, {}}});
    }
    auto file = write_session(dir / "s.semtrace", events);
    auto session = replay_app::ReplaySession::open(file);
    REQUIRE(session.ok());
    auto reader = format::SessionReader::open(file);
    REQUIRE(reader.ok());
    for (int i = 0; i < 100; ++i) {
        std::int64_t t = static_cast<std::int64_t>(rng() % 3'100'000);
        auto shown = session.value()->tree_at(t);
        auto brute = replay::tree_at(reader.value(), t);
        REQUIRE((shown.ok() && brute.ok()));
        CHECK_MESSAGE(shown->lines() == brute->lines(), "at ", t);
    }
}

TEST_CASE("steps that share an instant are still shown and annotated one at a time") {
    TempDir dir;
    auto file = clicks(dir / "s.semtrace", {"A", "B", "C", "D"}, {4000, 4000, 4000, 8000});
    auto session = replay_app::ReplaySession::open(file);
    REQUIRE(session.ok());
    HeadlessReplay replay(*session.value(), std::nullopt);
    replay.frames();
    CHECK(replay.window.step() == 0);  // the first step, not the last of its instant
    replay.tap(264);  // Down
    CHECK(replay.window.step() == 1);
    CHECK(replay.window.details().lines.at(2) == "target   window 'W'/button 'B'");
    replay.tap('N');
    replay.tap(264);  // Down
    replay.tap('M');
    auto saved = replay::load_annotations(replay::sidecar_path(file), replay::session_content_hash(file).value()).value();
    REQUIRE(saved.tasks.size() == 1);
    CHECK(saved.tasks[0].start_step == 1);
    CHECK(saved.tasks[0].labels == std::map<std::uint64_t, replay::StepLabel>{{2, replay::StepLabel::mistake}});
}
