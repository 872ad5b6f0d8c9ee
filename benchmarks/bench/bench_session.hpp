#pragma once
// The Google Benchmark side of shield_bench: registers `<endpoint>/concurrency:<N>` cases at run
// time, runs each through the case runner, and turns the results into counters and labels.

#include "benchmarks/bench/case_runner.hpp"
#include "support/report/results/results_document.hpp"

#include <atomic>
#include <map>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace benchmark {
class State;
}

namespace shield::bench {

class bench_session {
 public:
  bench_session(case_runner& runner, const std::atomic<bool>& interrupted)
      : runner_(runner), interrupted_(interrupted) {}

  // Registers every case: one iteration, manual time (load::benchmark_seconds), in µs.
  // `repetitions` > 0 sets each case's repetitions. After each case come entries of its parts, so
  // compare.py and shield_compare pair them across runs: `<case>/stage:<i>` for each of `stages`
  // stages, and for mixed `<case>/endpoint:<name>` for each of `mixed_endpoints`.
  void register_cases(const std::vector<case_spec>& cases, int repetitions, std::size_t stages = 0,
                      const std::vector<std::string>& mixed_endpoints = {});

  // Every case run so far, in run order (moved out: histograms are large).
  std::vector<report::case_record> take_records() { return std::move(records_); }

  // cpu_seconds_per_request of repetition `repetition` of case `name`, once it ran (for the reporters).
  std::optional<double> cpu_per_request(const std::string& name, std::int64_t repetition) const;

 private:
  void run(benchmark::State& state, const case_spec& spec);
  // A part of a case already run: stage `stage` (endpoint empty) or endpoint `endpoint`.
  void run_part(benchmark::State& state, const std::string& entry, const case_spec& spec, std::size_t stage,
                const std::string& endpoint);

  case_runner& runner_;                                         // does the work
  const std::atomic<bool>& interrupted_;                        // Ctrl-C: later cases are skipped
  std::map<std::string, int> runs_;                             // per case name: repetitions run so far
  std::vector<report::case_record> records_;                    // results of every run
  std::map<std::pair<std::string, std::int64_t>, double> cpu_;  // per (case, repetition): CPU s per request
};

}  // namespace shield::bench
