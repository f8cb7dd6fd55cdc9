// test_replay_app.cpp — semtrace-replay's screenshot mode, rendered for real (GLFW, OpenGL 3, Mesa under Xvfb) and checked pixel by pixel.
#include <doctest/doctest.h>

#include "png_file.hpp"
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

replay_app::Image screenshot(const std::filesystem::path& session, const char* at, const std::filesystem::path& out) {
    auto r = run("xvfb-run -a -s '-screen 0 1024x768x24' env ASAN_OPTIONS=detect_leaks=0 " + std::string(SEMTRACE_BIN_DIR) +
                     "/semtrace-replay " + session.string() + " --at " + at + " --size 800x600 --screenshot " + out.string(),
                 true);
    REQUIRE_MESSAGE(r.code == 0, r.out);
    auto image = replay_app::read_png(out);
    REQUIRE_MESSAGE(image.ok(), (image.ok() ? "" : image.error().message));
    return image.value();
}

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
         {3, 3'000'000, format::Control{ControlType::end, 0}}});

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
}
