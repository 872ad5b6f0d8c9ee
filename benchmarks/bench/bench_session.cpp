#include "bench_session.hpp"

#include "load/case_counters.hpp"

#include <benchmark/benchmark.h>

namespace shield::bench {

void bench_session::register_cases(const std::vector<case_spec>& cases, int repetitions) {
  for (const auto& spec : cases) {
    auto* b = benchmark::RegisterBenchmark(spec.name.c_str(), [this, spec](benchmark::State& state) { run(state, spec); });
    b->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);
    if (repetitions > 0) b->Repetitions(repetitions);
  }
}

void bench_session::run(benchmark::State& state, const case_spec& spec) {
  const int repetition = runs_[spec.name]++;
  if (interrupted_.load()) {
    report::case_record skipped;
    skipped.name = spec.name;
    skipped.endpoint = spec.endpoint;
    skipped.repetition = repetition;
    skipped.skipped = true;
    skipped.error = "skipped: the run was interrupted (Ctrl-C)";
    state.SkipWithError(skipped.error.c_str());
    for (auto _ : state) {
    }
    records_.push_back(std::move(skipped));
    return;
  }
  report::case_record record;
  for (auto _ : state) {
    record = runner_.run(spec, repetition);
    if (!record.error.empty()) {
      state.SkipWithError(record.error.c_str());
      break;
    }
    // real_time per iteration = wall time per completed request, so compare.py reads throughput.
    const double wall = static_cast<double>(record.result.wall.count()) / 1e9;
    state.SetIterationTime(wall / static_cast<double>(record.result.totals.requests));
  }
  if (record.error.empty()) {
    for (const auto& c : load::case_counters(record.result)) state.counters[c.name] = c.value;
    state.SetLabel(record.result.interrupted ? record.grade + " (interrupted)" : record.grade);
  }
  records_.push_back(std::move(record));
}

}  // namespace shield::bench
