#include "benchmarks/bench/bench_session.hpp"

#include "support/load/case_counters.hpp"
#include "support/stats/latency_summary.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>

namespace shield::bench {

std::optional<double> bench_session::cpu_per_request(const std::string& name, std::int64_t repetition) const {
  const auto found = cpu_.find({name, repetition});
  if (found == cpu_.end()) return std::nullopt;
  return found->second;
}

void bench_session::register_cases(const std::vector<case_spec>& cases, int repetitions, std::size_t stages,
                                   const std::vector<std::string>& mixed_endpoints) {
  const auto add = [&](const std::string& name, auto body) {
    auto* b = benchmark::RegisterBenchmark(name.c_str(), body);
    b->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);
    if (repetitions > 0) b->Repetitions(repetitions);
  };
  for (const auto& spec : cases) {
    add(spec.name, [this, spec](benchmark::State& state) { run(state, spec); });
    for (std::size_t i = 0; i < stages; ++i) {
      const std::string entry = spec.name + "/stage:" + std::to_string(i);
      add(entry, [this, spec, entry, i](benchmark::State& state) { run_part(state, entry, spec, i, {}); });
    }
    if (spec.endpoint != load::mixed_name) continue;
    for (const auto& endpoint : mixed_endpoints) {
      const std::string entry = spec.name + "/endpoint:" + endpoint;
      add(entry, [this, spec, entry, endpoint](benchmark::State& state) { run_part(state, entry, spec, 0, endpoint); });
    }
  }
}

void bench_session::run_part(benchmark::State& state, const std::string& entry, const case_spec& spec,
                             std::size_t stage, const std::string& endpoint) {
  const int repetition = runs_[entry]++;
  const report::case_record* parent = nullptr;
  for (const auto& r : records_) {
    if (r.name == spec.name && r.repetition == repetition) parent = &r;
  }
  // The part as a run of its own: a stage's tallies over its length, or an endpoint's over the case's.
  load::load_result part;
  std::vector<load::counter> counters;
  std::string problem = parent == nullptr ? "the case did not run" : parent->error;
  if (problem.empty() && endpoint.empty()) {
    if (stage < parent->result.stages.size()) {
      part = load::stage_part(parent->result, stage);
      counters = load::stage_counters(parent->result, stage);
    } else {
      problem = "the case has no stage " + std::to_string(stage);
    }
  } else if (problem.empty()) {
    const auto& names = parent->result.endpoints;
    const auto found = std::find(names.begin(), names.end(), endpoint);
    if (found == names.end()) {
      problem = "the case sent nothing to " + endpoint;
    } else {
      const auto index = static_cast<std::size_t>(found - names.begin());
      part = load::endpoint_part(parent->result, index);
      counters = load::endpoint_counters(parent->result, index);
    }
  }
  if (!problem.empty()) {
    state.SkipWithError(problem.c_str());
    for (auto _ : state) {
    }
    return;
  }
  // Client CPU is not split by stage or endpoint: a part carries its case's CPU per request.
  cpu_[{entry, repetition}] = report::cpu_seconds_per_request(*parent);
  for (auto _ : state) state.SetIterationTime(load::benchmark_seconds(part));
  for (const auto& c : counters) {
    if (std::isfinite(c.value)) state.counters[c.name] = c.value;
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
    state.SetIterationTime(load::benchmark_seconds(record.result));
  }
  if (record.error.empty()) {
    // A figure without data (NaN) is left out: JSON has no NaN, and absent reads as "no data".
    for (const auto& c : load::case_counters(record.result)) {
      if (std::isfinite(c.value)) state.counters[c.name] = c.value;
    }
    state.SetLabel(report::benchmark_label(record.grade, record.result.interrupted));
    cpu_[{spec.name, repetition}] = report::cpu_seconds_per_request(record);
  }
  records_.push_back(std::move(record));
}

}  // namespace shield::bench
