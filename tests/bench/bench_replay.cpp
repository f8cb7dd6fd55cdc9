// bench_replay.cpp — what semtrace-replay pays on a 1-million-event session: open it and draw the first frame, the tree at any instant, a scrubbing frame.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include <imgui.h>

#include "format/session_header.hpp"
#include "format/session_writer.hpp"
#include "replay_window.hpp"
#include "robot.hpp"
#include "ui_tree.hpp"

namespace {

using namespace semtrace;

constexpr std::int64_t event_count = 1'000'000, session_us = 10LL * 3600 * 1'000'000;  // ten hours

// Ten hours of a busy app: a million events, a 60-node key frame every 500 events (as the
// ImGui plugin writes one every few seconds), and between them deltas of 1-3 nodes and actions.
const std::filesystem::path& session() {
    static const std::filesystem::path path = [] {
        auto p = std::filesystem::temp_directory_path() / "semtrace-bench" / "replay-1m.semtrace";
        std::filesystem::create_directories(p.parent_path());
        std::filesystem::remove(p);
        auto writer = std::move(format::SessionWriter::create(p, format::new_session_header("bench", "1")).value());
        std::mt19937 rng(3);
        auto node = [](std::uint64_t id, const std::string& name) {
            float y = static_cast<float>(id) * 22.0f;
            return format::Node{id, id == 1 ? 0u : 1u, id == 1 ? "window" : "button", name, {}, {10, y, 80, 20}, 0};
        };
        for (std::int64_t i = 0; i < event_count; ++i) {
            std::int64_t t = i * (session_us / event_count);
            if (i % 500 == 0) {
                format::Snapshot s;
                for (std::uint64_t id = 1; id <= 60; ++id) s.nodes.push_back(node(id, "Item " + std::to_string(id)));
                writer->append(t, std::move(s));
            } else if (i % 3 == 0) {
                format::Delta d;
                for (unsigned k = 0; k < 1 + rng() % 3; ++k)
                    d.upserts.push_back(node(2 + rng() % 59, "Item " + std::to_string(rng() % 1000)));
                writer->append(t, std::move(d));
            } else {
                writer->append(t, format::Action{ActionType::click, {"window 'W'/button 'Item 7'", 7, {}}, {}});
            }
        }
        (void)writer->close();
        return p;
    }();
    return path;
}

void BM_tree_at_random_instant(benchmark::State& state) {
    auto reader = std::move(format::SessionReader::open(session()).value());
    auto index = std::move(replay::TreeIndex::build(reader).value());
    std::mt19937_64 rng(5);
    std::size_t nodes = 0;
    for (auto _ : state) {
        auto tree = index.tree_at(static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(session_us)));
        nodes += tree->size();
    }
    state.counters["nodes"] = static_cast<double>(nodes) / static_cast<double>(state.iterations());
    state.counters["key_frames"] = static_cast<double>(index.key_frames());
}
BENCHMARK(BM_tree_at_random_instant)->Unit(benchmark::kMicrosecond);

// What the annotator waits for: the file opened (index, steps), the window built at the first
// step (tree, details) and its first frame drawn by ImGui (headless: no GPU work counted).
void BM_open_and_first_frame(benchmark::State& state) {
    session();
    ImGuiContext* context = imgui::create_headless_context(1280, 800);
    std::size_t steps = 0;
    for (auto _ : state) {
        auto opened = replay_app::ReplaySession::open(session());
        replay_app::ReplayWindow window(*opened.value(), std::nullopt);
        ImGui::NewFrame();
        window.draw();
        ImGui::Render();
        steps = opened.value()->steps().size();
    }
    state.counters["steps"] = static_cast<double>(steps);
    ImGui::DestroyContext(context);
}
BENCHMARK(BM_open_and_first_frame)->Unit(benchmark::kMillisecond)->Iterations(3);

// One frame while scrubbing: the time moves to a random instant and the window draws it
// (screen, step list, details, timeline). 60 frames a second leaves 16.7 ms.
void BM_scrubbing_frame(benchmark::State& state) {
    auto opened = replay_app::ReplaySession::open(session());
    ImGuiContext* context = imgui::create_headless_context(1280, 800);
    replay_app::ReplayWindow window(*opened.value(), std::nullopt);
    std::mt19937_64 rng(7);
    for (int i = 0; i < 3; ++i) {  // settle the layout
        ImGui::NewFrame();
        window.draw();
        ImGui::Render();
    }
    for (auto _ : state) {
        window.seek(static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(session_us)));
        ImGui::NewFrame();
        window.draw();
        ImGui::Render();
    }
    ImGui::DestroyContext(context);
}
BENCHMARK(BM_scrubbing_frame)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
