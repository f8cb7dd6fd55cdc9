// bench_imgui.cpp — the ImGui plugin's cost per frame: Dear ImGui's demo window with its sections open, and a window of 10,000 items.
//
// Each benchmark alternates blocks of frames with the plugin attached and detached, in one
// run, so that the overhead it reports is not the drift of a shared machine between two runs.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>
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

// Frames with and without the plugin, in alternating blocks of 20. The overhead reported is
// the median over the pairs of blocks, so a burst of noise on a shared machine moves it little.
template <class DrawFrame>
void compare(benchmark::State& state, ImGuiContext* context, semtrace::Recorder& rec, DrawFrame frame) {
    constexpr int block = 20;
    std::vector<double> ratios, without_us, with_us;
    for (auto _ : state) {
        double t[2] = {0, 0};
        for (bool attached : {false, true}) {
            if (attached) (void)semtrace::imgui::attach(context, rec);
            // Not timed: an app attaches once, this loop attaches often. The first frames after
            // attaching record the whole tree, fill the plugin's item pools and look up the
            // labels ImGui does not report; what is timed is the plugin in its steady state.
            for (int i = 0; i < 60; ++i) frame();
            auto start = Clock::now();
            for (int i = 0; i < block; ++i) frame();
            t[attached] = std::chrono::duration<double, std::micro>(Clock::now() - start).count() / block;
            if (attached) semtrace::imgui::detach(context);
        }
        without_us.push_back(t[0]);
        with_us.push_back(t[1]);
        ratios.push_back(t[1] / t[0]);
    }
    auto median = [](std::vector<double> v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    state.counters["frame_us"] = median(without_us);
    state.counters["frame_us_attached"] = median(with_us);
    state.counters["overhead_pct"] = 100.0 * (median(ratios) - 1.0);
    state.counters["events_per_frame"] =
        static_cast<double>(rec.stats().accepted) / static_cast<double>(state.iterations() * (block + 1));
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
BENCHMARK(BM_demo_window)->Iterations(200)->Unit(benchmark::kMillisecond);

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
BENCHMARK(BM_ten_thousand_items)->Iterations(40)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
