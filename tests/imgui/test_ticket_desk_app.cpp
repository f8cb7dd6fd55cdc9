// test_ticket_desk_app.cpp — the ticket desk example as a user runs it: headless with its demo script, and in a real window under Xvfb.
#include <doctest/doctest.h>

#include "support/commands.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace::testing;

TEST_CASE("the ImGui ticket desk: headless with the demo script, and in a real window under Xvfb") {
    TempDir dir;
    std::string key = "SEMTRACE_PSEUDONYM_KEY=" + std::string(64, 'b');
    std::string desk = std::string(SEMTRACE_BIN_DIR) + "/semtrace-imgui-ticket-desk";
    auto scripted = run(key + " " + desk + " --out " + (dir / "h").string() + " --script " + SEMTRACE_SOURCE_DIR +
                        "/examples/imgui_ticket_desk/demo.script");
    REQUIRE_MESSAGE(scripted.code == 0, scripted.out);
    std::string file = first_line(scripted.out);
    CHECK(run(semtrace_bin + " verify " + file).code == 0);
    auto scan = run(semtrace_bin + " scan " + file, true);
    CHECK_MESSAGE(scan.code == 0, scan.out);  // nothing the robot typed got through unredacted
    auto cat = run(semtrace_bin + " cat " + file);
    CHECK(cat.out.find("select        window 'Ticket Desk'/combobox 'Priority'  = \"High\"") != std::string::npos);
    CHECK(cat.out.find("click         menubar 'main'/menu 'File'/menuitem 'Save'") != std::string::npos);

    // A real GLFW window and OpenGL 3 context (Mesa, under Xvfb). The GL driver's own
    // allocations outlive the process by design, so leak checking is off for this run only.
    auto windowed = run("xvfb-run -a -s '-screen 0 1280x800x24' env ASAN_OPTIONS=detect_leaks=0 " + key + " " + desk +
                            " --frames 30 --out " + (dir / "w").string(),
                        true);
    REQUIRE_MESSAGE(windowed.code == 0, windowed.out);
    auto shown = run(semtrace_bin + " cat " + session_line(windowed.out + "\n"));
    CHECK(shown.out.find("open          window 'Ticket Desk'") != std::string::npos);
    CHECK(shown.out.find("snapshot") != std::string::npos);
}
