// bench_replay.cpp — what a replay tool pays to show the screen at an instant: the tree from the nearest key frame.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include "format/session_header.hpp"
#include "format/session_writer.hpp"
#include "ui_tree.hpp"

namespace {

using namespace semtrace;

// An hour of a busy app: 100,000 events, a 60-node key frame every 500 events (as the ImGui
// plugin writes one every few seconds), and between them deltas of 1-3 nodes and actions.
const std::filesystem::path& session() {
    static const std::filesystem::path path = [] {
        auto p = std::filesystem::temp_directory_path() / "semtrace-bench" / "replay.semtrace";
        std::filesystem::create_directories(p.parent_path());
        auto writer = std::move(format::SessionWriter::create(p, format::new_session_header("bench", "1")).value());
        std::mt19937 rng(3);
        auto node = [](std::uint64_t id, const std::string& name) {
            return format::Node{id, id == 1 ? 0u : 1u, id == 1 ? "window" : "button", name, {}, {0, 0, 80, 20}, 0};
        };
        for (std::int64_t i = 0; i < 100'000; ++i) {
            std::int64_t t = i * 36'000;  // an hour
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
        auto tree = index.tree_at(static_cast<std::int64_t>(rng() % 3'600'000'000ull));
        nodes += tree->size();
    }
    state.counters["nodes"] = static_cast<double>(nodes) / static_cast<double>(state.iterations());
    state.counters["key_frames"] = static_cast<double>(index.key_frames());
}
BENCHMARK(BM_tree_at_random_instant)->Unit(benchmark::kMicrosecond);

void BM_index_an_hour(benchmark::State& state) {
    auto reader = std::move(format::SessionReader::open(session()).value());
    for (auto _ : state) benchmark::DoNotOptimize(replay::TreeIndex::build(reader));
}
BENCHMARK(BM_index_an_hour)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
