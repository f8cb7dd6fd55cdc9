// main.cpp — examples/imgui_ticket_desk: the ticket desk recorded by the semtrace ImGui plugin, in a window or driven headless by a script.
//
// Usage: semtrace-imgui-ticket-desk [--out DIR] [--script FILE] [--frames N]
//   --script FILE  run without a window: a robot user drives the real UI (click, type, press)
//   --frames N     windowed: quit after N frames (smoke tests under Xvfb)
// Prints the path of the session file it wrote. Needs SEMTRACE_PSEUDONYM_KEY (docs/policy.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <imgui.h>

#include "robot.hpp"
#include "semtrace/imgui.hpp"
#include "semtrace/semtrace.hpp"
#include "ticket_desk.hpp"
#include "windowed.hpp"

namespace {

struct Args {
    std::string out = "sessions";
    std::string script;
    int frames = -1;
};

bool parse(int argc, char** argv, Args& args) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        bool has_value = i + 1 < argc;
        if (a == "--out" && has_value) args.out = argv[++i];
        else if (a == "--script" && has_value) args.script = argv[++i];
        else if (a == "--frames" && has_value) args.frames = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: semtrace-imgui-ticket-desk [--out DIR] [--script FILE] [--frames N]\n");
            return false;
        }
    }
    return true;
}

int run_headless(ticket_desk::App& app, semtrace::Recorder& recorder, const std::string& script) {
    ImGuiContext* context = semtrace::imgui::create_headless_context();
    ImGui::SetCurrentContext(context);
    int code = 0;
    if (auto attached = semtrace::imgui::attach(context, recorder); !attached) {
        std::fprintf(stderr, "ticket desk: %s\n", attached.error().message.c_str());
        code = 1;
    } else {
        // Frames at a display's pace (120 a second), not as fast as the machine can: the
        // recording clock ticks every few milliseconds, and an optimised build otherwise put a
        // whole session in four of its ticks, with actions that share an instant.
        auto next = std::chrono::steady_clock::now();
        semtrace::imgui::Robot robot(context, [&] {
            std::this_thread::sleep_until(next);
            next = std::max(next + std::chrono::microseconds(8333), std::chrono::steady_clock::now());
            ImGui::NewFrame();
            app.draw();
            ImGui::Render();
        });
        robot.idle(2);
        if (auto done = robot.run_script(script); !done) {
            std::fprintf(stderr, "ticket desk: %s\n", done.error().message.c_str());
            code = 1;
        }
        robot.idle(2);
    }
    ImGui::DestroyContext(context);  // detaches the plugin: edits in progress are written
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse(argc, argv, args)) return 2;
    semtrace::Options options;
    options.app = {"imgui-ticket-desk", "1.0.0"};
    options.output_dir = args.out;
    options.policy_file = SEMTRACE_TICKET_DESK_POLICY;
    // What the app's consent dialog collected: who, when, which text, which policy.
    options.consent = {"agent-17", "2026-11-29T09:00:00Z", "ticket-desk-consent-v2", "imgui-ticket-desk"};
    options.user_id = "agent-17";
    auto started = semtrace::Recorder::start(options);
    if (!started) {
        std::fprintf(stderr, "ticket desk: %s\n", started.error().message.c_str());
        return 1;
    }
    ticket_desk::App app;
    int code = args.script.empty() ? run_windowed(app, *started.value(), args.frames)
                                   : run_headless(app, *started.value(), args.script);
    auto summary = started.value()->stop();
    if (!summary) {
        std::fprintf(stderr, "ticket desk: %s\n", summary.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", summary->file.c_str());
    return code;
}
