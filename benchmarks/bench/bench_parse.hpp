#pragma once
// shield_bench's command line: our flags, the target's, Google Benchmark's, and the cases they pick.

#include "benchmarks/bench/bench_options.hpp"
#include "benchmarks/bench/case_runner.hpp"
#include "benchmarks/bench/live_export.hpp"
#include "benchmarks/bench/monitor_options.hpp"
#include "support/client/target_setup.hpp"
#include "support/stats/threshold_rules.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shield::bench {

// shield_bench's exit statuses.
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;
constexpr int exit_unreachable = 3;
constexpr int exit_interrupted = 130;

// Prints a usage error and returns exit_usage.
int usage_error(const std::string& message);

// Everything the command line asked for, checked.
struct command_line {
  bench_options options;                     // shield_bench's own flags
  monitor_settings monitor;                  // --monitor_interval, --monitor_pid
  live_options live;                         // --metrics_listen
  client::target_setup setup;                // target, profile, headers, timeouts
  std::vector<stats::threshold_rule> rules;  // --thresholds, parsed
  std::vector<stats::threshold_rule> slo;    // --slo, parsed (with --find_capacity)
  std::vector<case_spec> cases;              // the cases --benchmark_filter selects, in run order
  bool timeout_given = false;     // --timeout or SHIELD_TIMEOUT: overrides the profile's per-endpoint timeouts
  std::string format;             // --benchmark_format (empty: console)
  std::string bench_out;          // --benchmark_out (empty: none); written by us, atomically, after the run
  std::string bench_out_format;   // --benchmark_out_format (empty: json)
  std::vector<std::string> args;  // what is left for Google Benchmark (its reporters peek at it)
};

// A command line to run, or the exit status to stop with (help, listing, usage error).
struct parse_outcome {
  std::optional<int> exit;  // set: stop now with this status
  command_line command;     // the run, when exit is not set
};

// Parses argv, initializes Google Benchmark with what is left; prints help, the case list or the
// usage error itself.
parse_outcome parse_command_line(int argc, char** argv);

}  // namespace shield::bench
