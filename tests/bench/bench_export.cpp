// bench_export.cpp — `semtrace export` throughput: annotated steps per second into each format, one core, and the memory it holds.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>

#include "annotations.hpp"
#include "dataset_writer.hpp"
#include "format/session_header.hpp"
#include "format/session_writer.hpp"
#include "trajectories.hpp"

namespace {

using namespace semtrace;

constexpr int events_per_session = 3000;  // 2,000 actions: about half an hour of steady work

// `count` annotated sessions: a 40-node key frame every 300 events, deltas of 1-3 nodes, actions
// on those nodes; one task over every step, with labels, a step instruction and milestones.
std::filesystem::path corpus(int count) {
    auto dir = std::filesystem::temp_directory_path() / "semtrace-bench" / ("export-" + std::to_string(count));
    if (std::filesystem::exists(dir / "done")) return dir;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::mt19937 rng(11);
    for (int s = 0; s < count; ++s) {
        auto file = dir / ("s" + std::to_string(s) + ".semtrace");
        auto writer = std::move(format::SessionWriter::create(file, format::new_session_header("bench-app", "1")).value());
        auto node = [](std::uint64_t id, const std::string& name) {
            return format::Node{id, id == 1 ? 0u : 1u, id == 1 ? "window" : "button", name, {}, {10, 20.0f * id, 80, 20}, 0};
        };
        std::uint64_t actions = 0;
        for (int i = 0; i < events_per_session; ++i) {
            std::int64_t t = i * 600'000LL;
            if (i % 300 == 0) {
                format::Snapshot snap;
                for (std::uint64_t id = 1; id <= 40; ++id) snap.nodes.push_back(node(id, "Item " + std::to_string(id)));
                writer->append(t, std::move(snap));
            } else if (i % 3 == 0) {
                format::Delta d;
                for (unsigned k = 0; k < 1 + rng() % 3; ++k) d.upserts.push_back(node(2 + rng() % 39, "Item " + std::to_string(rng() % 1000)));
                writer->append(t, std::move(d));
            } else {
                std::uint64_t id = 2 + rng() % 39;
                bool fill = rng() % 4 == 0;
                writer->append(t, format::Action{fill ? ActionType::fill : ActionType::click,
                                                 {"window 'Item 1'/button 'Item " + std::to_string(id) + "'", id, {}},
                                                 fill ? format::Value{ValueState::masked, ""} : format::Value{}});
                ++actions;
            }
        }
        (void)writer->close();
        replay::Task task;
        task.id = "all";
        task.end_step = actions - 1;
        task.instruction = "Work through the queue, session " + std::to_string(s);
        task.outcome = replay::Outcome::success;
        task.rating = 4;
        for (std::uint64_t k = 0; k < actions; k += 7) task.labels[k] = replay::StepLabel::correct;
        task.step_instructions[3] = "open the first item";
        task.milestones = {10, 100};
        (void)replay::save_annotations(replay::sidecar_path(file),
                                       {replay::session_content_hash(file).value(), {task}, {}});
    }
    std::FILE* done = std::fopen((dir / "done").c_str(), "w");
    if (done) std::fclose(done);
    return dir;
}

// The whole export as the command runs it: read each session and sidecar, build the steps,
// write the lines, the manifest and the card. Steps per second of one core.
void BM_export(benchmark::State& state) {
    auto format = static_cast<dataset::Format>(state.range(0));
    int sessions = static_cast<int>(state.range(1));
    auto dir = corpus(sessions);
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir))
        if (f.path().extension() == ".semtrace") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    std::uint64_t steps = 0, bytes = 0;
    for (auto _ : state) {
        state.PauseTiming();  // clearing the last run's output is not the export's work
        auto out = std::filesystem::temp_directory_path() / "semtrace-bench" / "export-out";
        std::filesystem::remove_all(out);
        state.ResumeTiming();
        dataset::ExportSettings settings;
        settings.format = format;
        auto writer = std::move(dataset::DatasetWriter::create(out, settings).value());
        for (const auto& f : files) {
            dataset::TaskFilter filter;
            filter.keep_nodes = format == dataset::Format::mind2web;
            auto record = dataset::read_trajectories(f, filter);
            (void)writer->add(record.value());
        }
        (void)writer->finish();
        steps += writer->stats().steps;
        for (const auto& f : std::filesystem::recursive_directory_iterator(out))
            if (f.is_regular_file()) bytes += f.file_size();
    }
    state.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
    state.counters["MB_per_s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
// Fewer sessions first: if the export streams, the peak memory does not grow with the corpus.
// Formats by number: 0 trajectory, 1 chat, 2 adp, 3 mind2web.
BENCHMARK(BM_export)->Args({0, 20})->Args({0, 80})->Args({1, 20})->Args({2, 20})->Args({3, 20})
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
