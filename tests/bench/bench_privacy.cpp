// bench_privacy.cpp — detector throughput on mixed text (MB/s), and the redactor's cost per workload action.
// The corpora loader is shared with the tests; outside a test its doctest checks compile to nothing.
#define DOCTEST_CONFIG_DISABLE
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "privacy/detectors.hpp"
#include "privacy/redactor.hpp"
#include "support/corpora.hpp"
#include "workload.hpp"

namespace {

using namespace semtrace;

// Mixed text as forms and notes hold it: mostly ordinary UI text, one string in ten a secret.
const std::vector<std::string>& mixed_text() {
    static const std::vector<std::string> texts = [] {
        auto secrets = testing::planted_secrets();
        auto benign = testing::benign_strings();
        std::mt19937 rng(7);
        std::vector<std::string> out;
        for (int i = 0; i < 20000; ++i) {
            std::string s = benign[rng() % benign.size()] + " " + benign[rng() % benign.size()];
            if (i % 10 == 0) s += " " + secrets[rng() % secrets.size()].secret;
            out.push_back(std::move(s));
        }
        return out;
    }();
    return texts;
}

void BM_detectors_mixed_text(benchmark::State& state) {
    auto detectors = privacy::Detectors::create(privacy::default_policy());
    const auto& texts = mixed_text();
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
BENCHMARK(BM_detectors_mixed_text);

// What the pipeline thread pays per recorded action of the workload: block check, capture
// mode, detectors over the locator and the value.
void BM_redact_workload_action(benchmark::State& state) {
    auto redactor = privacy::Redactor::create(privacy::default_policy());
    bench::Workload w(1 << 16);
    std::string scratch_value, scratch_locator;
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& item = w.items[i++ % w.items.size()];
        const std::string& locator = w.locators[item.locator];
        bool blocked = (*redactor)->blocked(locator);
        auto v = (*redactor)->action_value(item.type, locator, item.state, w.values[item.value], scratch_value);
        auto l = (*redactor)->scrub(locator, scratch_locator);
        benchmark::DoNotOptimize(blocked);
        benchmark::DoNotOptimize(v);
        benchmark::DoNotOptimize(l);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_redact_workload_action);

}  // namespace

BENCHMARK_MAIN();
