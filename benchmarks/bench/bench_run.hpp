#pragma once
// Runs the parsed cases: payloads, live views, the preflight probe, then Google Benchmark.

#include "benchmarks/bench/bench_parse.hpp"
#include "support/report/results/results_document.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace shield::bench {

// What the run measured, or the exit status it stopped with before any case ran.
struct run_outcome {
  std::optional<int> exit;                          // set: stopped before running (usage, unreachable)
  std::vector<report::case_record> cases;           // one record per case run, in run order
  std::chrono::system_clock::time_point started;    // just before the first case
  std::chrono::system_clock::time_point finished;   // just after the last case
  std::optional<report::capacity_record> capacity;  // --find_capacity: the search's answer
  std::string bench_out_text;                       // the --benchmark_out document, to be written whole
};

// Runs every case of `command` (prints its own errors).
run_outcome run_cases(const command_line& command);

}  // namespace shield::bench
