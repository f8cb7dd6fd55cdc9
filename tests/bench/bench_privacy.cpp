// bench_privacy.cpp — detector throughput (MB/s) on number-dense text, prose and long notes; the redactor's cost per action.
// The corpora loader is shared with the tests; outside a test its doctest checks compile to nothing.
#define DOCTEST_CONFIG_DISABLE
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "privacy/detectors.hpp"
#include "privacy/redactor.hpp"
#include "detector_texts.hpp"
#include "support/corpora.hpp"
#include "workload.hpp"

namespace {

using namespace semtrace;

const std::vector<std::string>& mixed_text() {
    static const std::vector<std::string> texts = bench::mixed_texts();
    return texts;
}

const std::vector<std::string>& prose() {
    static const std::vector<std::string> lines = bench::prose_lines();
    return lines;
}

// The mixed text again as long notes (about 4 KiB each), and the prose.
const std::vector<std::string>& long_notes() {
    static const std::vector<std::string> notes = bench::as_notes(mixed_text(), ". ");
    return notes;
}

const std::vector<std::string>& long_prose() {
    static const std::vector<std::string> notes = bench::as_notes(prose(), "\n");
    return notes;
}

// The built-in detectors over each text in turn: bytes per second, findings per text.
void detect_all(benchmark::State& state, const std::vector<std::string>& texts) {
    auto detectors = privacy::Detectors::create(privacy::default_policy());
    std::vector<privacy::Finding> found;
    std::size_t bytes = 0, i = 0, findings = 0;
    for (auto _ : state) {
        const std::string& t = texts[i++ % texts.size()];
        detectors->find(t, found);
        findings += found.size();
        bytes += t.size();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["findings_per_text"] = static_cast<double>(findings) / static_cast<double>(state.iterations());
}

void BM_detectors_mixed_text(benchmark::State& state) { detect_all(state, mixed_text()); }
void BM_detectors_prose(benchmark::State& state) { detect_all(state, prose()); }
void BM_detectors_long_text(benchmark::State& state) { detect_all(state, long_notes()); }
void BM_detectors_long_prose(benchmark::State& state) { detect_all(state, long_prose()); }
BENCHMARK(BM_detectors_mixed_text);
BENCHMARK(BM_detectors_prose);
BENCHMARK(BM_detectors_long_text);
BENCHMARK(BM_detectors_long_prose);

// What the pipeline thread pays per recorded action of the workload: block check, capture
// mode, detectors over the locator and the value.
void BM_redact_workload_action(benchmark::State& state) {
    auto redactor = privacy::Redactor::create(privacy::default_policy());
    bench::Workload w(1 << 16);
    std::string scratch_value, scratch_locator;
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& item = w.items[i++ % w.items.size()];
        auto clean = (*redactor)->action(item.type, w.locators[item.locator], item.state, w.values[item.value],
                                         scratch_locator, scratch_value);
        benchmark::DoNotOptimize(clean);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_redact_workload_action);

}  // namespace

BENCHMARK_MAIN();
