// test_replay_browser.cpp — semtrace-replay on a folder (browse, filter, open, annotate, go back) and on bad input (said in the window and on stderr).
#include <doctest/doctest.h>

#include <fstream>
#include <imgui.h>
#include <imgui_internal.h>

#include "annotations.hpp"
#include "replay_app.hpp"
#include "robot.hpp"
#include "support/commands.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

std::filesystem::path recorded(const std::filesystem::path& file, const char* app) {
    format::SessionHeader header = format::new_session_header(app, "1.0");
    return write_session(file,
                         {{0, 0, format::Control{ControlType::start, 0}},
                          {1, 1'000'000, format::Action{ActionType::click, {"window 'W'/button 'Send'", 0, {}}, {}}},
                          {2, 2'000'000, format::Action{ActionType::click, {"window 'W'/button 'Close'", 0, {}}, {}}}},
                         {}, 0, true, &header);
}

// Drives a ReplayApp in a headless ImGui context and reads back the text each frame drew. ImGui's
// log ends with the top-level window it began in and hands its text to the clipboard: caught here.
struct Driver {
    ImGuiContext* context = imgui::create_headless_context();
    replay_app::ReplayApp& app;
    std::string drawn;  // every piece of text the last frame rendered
    explicit Driver(replay_app::ReplayApp& a) : app(a) {
        ImGui::GetIO().ClipboardUserData = &drawn;
        ImGui::GetIO().SetClipboardTextFn = [](void* into, const char* text) { static_cast<std::string*>(into)->append(text); };
        frame();
    }
    ~Driver() { ImGui::DestroyContext(context); }
    void frame() {
        ImGui::SetCurrentContext(context);
        drawn.clear();
        ImGui::NewFrame();
        ImGui::LogToClipboard();
        app.draw();
        if (GImGui->LogEnabled) ImGui::LogFinish();
        ImGui::Render();
    }
    void tap(int key) {
        ImGui::GetIO().KeysDown[key] = true;
        frame();
        ImGui::GetIO().KeysDown[key] = false;
        frame();
    }
    void type(const char* text) {
        for (const char* c = text; *c; ++c) {
            ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(*c));
            frame();
        }
    }
};

constexpr int enter = 257, escape = 256;

}  // namespace

TEST_CASE("a folder opens in the browser: filter by app, Enter opens a session, annotate, Esc comes back with its state") {
    TempDir dir;
    recorded(dir / "desk-1.semtrace", "ticket-desk");
    recorded(dir / "desk-2.semtrace", "ticket-desk");
    auto mail = recorded(dir / "mail.semtrace", "Mail Client");
    std::ofstream(dir / "broken.semtrace") << "not a session";

    replay_app::ReplayApp app(dir.path(), {});
    REQUIRE(app.browser() != nullptr);
    Driver d(app);
    CHECK(app.browser()->sessions_shown() == 4);
    CHECK(d.drawn.find("4 of 4 sessions") != std::string::npos);
    CHECK(d.drawn.find("broken.semtrace") != std::string::npos);  // listed, with why
    CHECK(d.drawn.find("too short to be a semtrace session") != std::string::npos);

    d.tap('/');  // the app filter
    d.type("MAIL");
    d.tap(enter);  // leaves the field
    CHECK(app.browser()->sessions_shown() == 1);
    CHECK(d.drawn.find("1 of 4 sessions") != std::string::npos);
    d.tap(enter);  // opens the one shown
    REQUIRE(app.window() != nullptr);
    CHECK(d.drawn.find("mail.semtrace") != std::string::npos);
    d.tap('N');  // a task, saved beside the session at once
    auto saved = replay::load_annotations(replay::sidecar_path(mail), replay::session_content_hash(mail).value());
    REQUIRE(saved.ok());
    CHECK(saved->tasks.size() == 1);
    d.tap(escape);
    REQUIRE(app.window() == nullptr);
    d.frame();
    CHECK(d.drawn.find("draft, 1 task") != std::string::npos);  // read again from the folder
}

TEST_CASE("bad input: a corrupt or truncated session, a bad sidecar — said in the window and on stderr, never a crash") {
    TempDir dir;
    auto good = recorded(dir / "good.semtrace", "ticket-desk");
    std::string bytes;
    {
        std::ifstream in(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(dir / "truncated.semtrace", std::ios::binary) << bytes.substr(0, 20);  // not even a whole header
    std::string flipped = bytes;
    for (std::size_t i = 0; i < 16; ++i) flipped[i] = static_cast<char>(~flipped[i]);
    std::ofstream(dir / "corrupt.semtrace", std::ios::binary) << flipped;

    for (const char* name : {"truncated.semtrace", "corrupt.semtrace"}) {
        CAPTURE(name);
        replay_app::ReplayApp app(dir / name, {});
        CHECK(app.error().find("Cannot open " + (dir / name).string() + ": ") == 0);
        Driver d(app);
        CHECK(d.drawn.find(app.error()) != std::string::npos);
        auto run_it = run("xvfb-run -a env ASAN_OPTIONS=detect_leaks=0 " + std::string(SEMTRACE_BIN_DIR) +
                              "/semtrace-replay " + (dir / name).string() + " --screenshot " + (dir / "e.png").string(),
                          true);
        CHECK(run_it.code == 1);
        CHECK(run_it.out.find("semtrace-replay: " + app.error()) != std::string::npos);
    }

    auto sidecar = replay::sidecar_path(good);
    const std::pair<const char*, const char*> sidecars[] = {
        {"{not json", "not valid JSON"},
        {R"({"semtrace_annotations": 7})", "semtrace_annotations: must be 1 (this version of semtrace reads version 1)"}};
    for (const auto& [text_, said_] : sidecars) {
        const std::string text = text_, said = said_;
        CAPTURE(text);
        std::ofstream(sidecar) << text;
        auto session = replay_app::ReplaySession::open(good);
        REQUIRE(session.ok());
        replay_app::ReplayWindow window(*session.value(), std::nullopt);
        CHECK(window.panel() == nullptr);
        CHECK(window.annotation_error().find(said) != std::string::npos);
        replay_app::ReplayApp app(good, {});
        Driver d(app);
        CHECK(d.drawn.find("Cannot annotate") != std::string::npos);
        CHECK(d.drawn.find(said) != std::string::npos);
        auto run_it = run("xvfb-run -a env ASAN_OPTIONS=detect_leaks=0 " + std::string(SEMTRACE_BIN_DIR) +
                              "/semtrace-replay " + good.string() + " --screenshot " + (dir / "s.png").string(),
                          true);
        CHECK(run_it.code == 0);  // the session still replays
        CHECK(run_it.out.find(said) != std::string::npos);
        std::ifstream in(sidecar);
        CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == text);  // the annotator's file is left as it was
    }
}
