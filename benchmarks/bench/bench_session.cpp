#include "benchmarks/bench/bench_session.hpp"

#include "support/load/case_counters.hpp"
#include "support/stats/latency_summary.hpp"

#include <benchmark/benchmark.h>

#include <cmath>

namespace shield::bench {

double iteration_seconds(const load::load_result& r) {
  const double wall = static_cast<double>(r.wall.count()) / 1e9;
  const double per_request = r.totals.requests > 0 ? wall / static_cast<double>(r.totals.requests) : wall;
  if (r.config.mode != load::load_mode::open || r.totals.latency.count() == 0) return per_request;
  return stats::summarize(r.totals.latency).mean / 1e3;
}

double cpu_seconds_per_request(const report::case_record& record) {
  const std::uint64_t requests = record.result.totals.requests;
  return requests > 0 ? record.client_cpu_s / static_cast<double>(requests) : record.client_cpu_s;
}

std::optional<double> bench_session::cpu_per_request(const std::string& name, std::int64_t repetition) const {
  const auto found = cpu_.find({name, repetition});
  if (found == cpu_.end()) return std::nullopt;
  return found->second;
}

void bench_session::register_cases(const std::vector<case_spec>& cases, int repetitions) {
  for (const auto& spec : cases) {
    auto* b =
        benchmark::RegisterBenchmark(spec.name.c_str(), [this, spec](benchmark::State& state) { run(state, spec); });
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
    state.SetIterationTime(iteration_seconds(record.result));
  }
  if (record.error.empty()) {
    // A figure without data (NaN) is left out: JSON has no NaN, and absent reads as "no data".
    for (const auto& c : load::case_counters(record.result)) {
      if (std::isfinite(c.value)) state.counters[c.name] = c.value;
    }
    state.SetLabel(report::benchmark_label(record.grade, record.result.interrupted));
    cpu_[{spec.name, repetition}] = cpu_seconds_per_request(record);
  }
  records_.push_back(std::move(record));
}

}  // namespace shield::bench
