// bench_imgui.cpp — the ImGui plugin's cost per frame: Dear ImGui's demo window with its sections open, and a window of 10,000 items.
//
// Each benchmark alternates blocks of frames with the plugin attached and detached, in one
// run, so that the overhead it reports is not the drift of a shared machine between two runs.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <imgui.h>

#include "robot.hpp"
#include "semtrace/imgui.hpp"
#include "support/recording.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Headless {
    Headless() : context(semtrace::imgui::create_headless_context(1600, 2000)) { ImGui::SetCurrentContext(context); }
    ~Headless() { ImGui::DestroyContext(context); }
    ImGuiContext* context;
};

std::unique_ptr<semtrace::Recorder> recorder() {
    auto o = semtrace::testing::recording_options(std::filesystem::temp_directory_path() / "semtrace-bench-imgui");
    return std::move(semtrace::Recorder::start(o).value());
}

// Frames with and without the plugin, in alternating blocks of 50; reports both frame times
// and the overhead as a percentage of the frame time without it.
template <class DrawFrame>
void compare(benchmark::State& state, ImGuiContext* context, semtrace::Recorder& rec, DrawFrame frame) {
    double with = 0, without = 0;
    std::int64_t frames = 0;
    for (auto _ : state) {
        for (bool attached : {false, true}) {
            if (attached) (void)semtrace::imgui::attach(context, rec);
            frame();  // the first frame after attaching records the whole tree: not timed
            auto start = Clock::now();
            for (int i = 0; i < 50; ++i) frame();
            (attached ? with : without) += std::chrono::duration<double, std::micro>(Clock::now() - start).count();
            if (attached) semtrace::imgui::detach(context);
        }
        frames += 50;
    }
    state.counters["frame_us"] = without / static_cast<double>(frames);
    state.counters["frame_us_attached"] = with / static_cast<double>(frames);
    state.counters["overhead_pct"] = 100.0 * (with - without) / without;
    state.counters["events_per_frame"] = static_cast<double>(rec.stats().accepted) / static_cast<double>(frames);
}

void demo_frame() {
    ImGui::NewFrame();
    ImGui::ShowDemoWindow();
    ImGui::SetWindowPos("Dear ImGui Demo", ImVec2(0, 0));
    ImGui::SetWindowSize("Dear ImGui Demo", ImVec2(1500, 1950));
    ImGui::Render();
}

// The demo window with every top-level section open.
void BM_demo_window(benchmark::State& state) {
    Headless h;
    auto rec = recorder();
    (void)semtrace::imgui::attach(h.context, *rec);  // the robot finds items through the plugin
    semtrace::imgui::Robot robot(h.context, demo_frame);
    robot.idle(2);
    for (const char* section : {"Help", "Configuration", "Window options", "Widgets", "Layout & Scrolling",
                                "Popups & Modal windows", "Tables & Columns", "Filtering", "Inputs, Navigation & Focus"})
        (void)robot.click(section);
    state.counters["items_seen"] = static_cast<double>(semtrace::imgui::items_seen(h.context).size());
    semtrace::imgui::detach(h.context);
    compare(state, h.context, *rec, demo_frame);
}
BENCHMARK(BM_demo_window)->Iterations(40)->Unit(benchmark::kMillisecond);

// One window with 10,000 selectable rows, most of them scrolled out of view, as in a long list.
void many_items_frame() {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 1000));
    ImGui::Begin("Many items");
    char label[32];
    for (int i = 0; i < 10000; ++i) {
        std::snprintf(label, sizeof label, "Row %d", i);
        ImGui::Selectable(label, false);
    }
    ImGui::End();
    ImGui::Render();
}

void BM_ten_thousand_items(benchmark::State& state) {
    Headless h;
    auto rec = recorder();
    compare(state, h.context, *rec, many_items_frame);
}
BENCHMARK(BM_ten_thousand_items)->Iterations(10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
