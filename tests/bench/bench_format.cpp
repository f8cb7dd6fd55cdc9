// bench_format.cpp — session files: bytes per action (fast and human-paced), open, seek and `cat --json` speed on 1M events.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include "event_json.hpp"
#include "format/session_header.hpp"
#include "format/session_reader.hpp"
#include "format/session_writer.hpp"
#include "workload.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace semtrace;

const bench::Workload& workload() {
    static bench::Workload w(1 << 16);
    return w;
}

std::filesystem::path bench_path(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / "semtrace-bench";
    std::filesystem::create_directories(dir);
    return dir / name;
}

// Writes `count` workload events (a 30-node snapshot every 500) with `dt_us` between them,
// flushing every `flush_every` events; `close` false leaves the file as a killed writer would.
std::uint64_t write_workload(const std::filesystem::path& path, std::size_t count, std::int64_t dt_us,
                             std::size_t flush_every, bool close, std::uint64_t* raw = nullptr, int level = 3, std::int64_t frame_us = 60'000'000) {
    std::filesystem::remove(path);
    format::WriterOptions options;
    options.zstd_level = level;
    options.frame_us = frame_us;
    auto writer = std::move(format::SessionWriter::create(path, format::new_session_header("bench", "1"), options).value());
    const auto& w = workload();
    for (std::size_t i = 0; i < count; ++i) {
        auto t = static_cast<std::int64_t>(i) * dt_us;
        if (i % 500 == 499) writer->append(t, w.snapshot(i));
        else writer->append_action(t, w.action(i));
        if (flush_every && (i + 1) % flush_every == 0) (void)writer->flush();
    }
    std::uint64_t size = std::filesystem::file_size(path);
    (void)writer->close();
    if (close) size = std::filesystem::file_size(path);
    if (raw) {
        auto reader = format::SessionReader::open(path);
        *raw = reader->raw_bytes();
    }
    return size;
}

const std::filesystem::path& million_file() {
    static std::filesystem::path path = [] {
        auto p = bench_path("million.semtrace");
        write_workload(p, 1'000'000, 50'000, 0, true);
        return p;
    }();
    return path;
}

void BM_bytes_per_action_fast(benchmark::State& state) {
    std::uint64_t size = 0, raw = 0;
    for (auto _ : state) size = write_workload(bench_path("fast.semtrace"), 1'000'000, 1000, 0, true, &raw, int(state.range(0)));
    state.counters["bytes_per_event"] = double(size) / 1e6;
    state.counters["raw_over_compressed"] = double(raw) / double(size);
    state.counters["events_per_s"] = benchmark::Counter(1e6, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_bytes_per_action_fast)->Arg(1)->Arg(3)->Arg(9)->Iterations(1)->Unit(benchmark::kMillisecond);

// A person's hour: 2 actions a second, flushed every second, killed without stop(); frames of
// at most Arg seconds (and 2048 events). Seeking in it by time (the file closed this time): a
// seek decodes its frame's chunks up to the instant, one a second at this pace.
void BM_bytes_per_action_human(benchmark::State& state) {
    const std::int64_t frame_us = state.range(0) * 1'000'000LL;
    std::uint64_t size = 0;
    for (auto _ : state) size = write_workload(bench_path("human.semtrace"), 7200, 500'000, 2, false, nullptr, 3, frame_us);
    state.counters["bytes_per_event"] = double(size) / 7200;
    write_workload(bench_path("human.semtrace"), 7200, 500'000, 2, true, nullptr, 3, frame_us);
    auto reader = std::move(format::SessionReader::open(bench_path("human.semtrace")).value());
    std::mt19937_64 rng(7);
    std::vector<double> us;
    for (int i = 0; i < 400; ++i) {
        auto start = Clock::now();
        auto e = reader.first_event_at_or_after(static_cast<std::int64_t>(rng() % 7200) * 500'000);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        benchmark::DoNotOptimize(e);
    }
    std::sort(us.begin(), us.end());
    state.counters["seek_p50_us"] = us[us.size() / 2];
    state.counters["seek_p99_us"] = us[us.size() * 99 / 100];
}
BENCHMARK(BM_bytes_per_action_human)->Arg(60)->Arg(300)->Arg(600)->Arg(1800)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_open_1m(benchmark::State& state) {
    const auto& path = million_file();
    std::size_t frames = 0;
    for (auto _ : state) {
        auto reader = format::SessionReader::open(path);
        frames = reader->frames().size();
        benchmark::DoNotOptimize(frames);
    }
    state.counters["index_share_pct"] = 100.0 * double(frames * format::footer_entry_size) /
                                        double(std::filesystem::file_size(path));
    state.counters["file_bytes"] = double(std::filesystem::file_size(path));
}
BENCHMARK(BM_open_1m)->Unit(benchmark::kMicrosecond);

void seek_bench(benchmark::State& state, bool by_time) {
    auto reader = std::move(format::SessionReader::open(million_file()).value());
    std::mt19937_64 rng(7);
    std::vector<double> us;
    for (auto _ : state) {
        std::uint64_t seq = rng() % reader.event_count();
        auto start = Clock::now();
        auto e = by_time ? reader.first_event_at_or_after(static_cast<std::int64_t>(seq) * 50'000) : reader.event_at(seq);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        benchmark::DoNotOptimize(e);
    }
    std::sort(us.begin(), us.end());
    state.counters["p50_us"] = us[us.size() / 2];
    state.counters["p99_us"] = us[us.size() * 99 / 100];
}
void BM_seek_seq_1m(benchmark::State& state) { seek_bench(state, false); }
void BM_seek_time_1m(benchmark::State& state) { seek_bench(state, true); }
BENCHMARK(BM_seek_seq_1m)->Iterations(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_seek_time_1m)->Iterations(2000)->Unit(benchmark::kMicrosecond);

// What `semtrace cat --json` does per event, without the terminal: decode and format.
void BM_cat_json_1m(benchmark::State& state) {
    auto reader = std::move(format::SessionReader::open(million_file()).value());
    std::string out;
    for (auto _ : state) {
        (void)reader.read(0, [&](const format::Event& e) {
            jsonl::append_event_line(out, e);
            if (out.size() > (1 << 16)) out.clear();
            return true;
        });
    }
    state.counters["events_per_s"] =
        benchmark::Counter(double(reader.event_count()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_cat_json_1m)->Iterations(2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
