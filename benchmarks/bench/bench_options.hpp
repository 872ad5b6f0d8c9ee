#pragma once
// shield_bench's own flags (the --benchmark_* ones belong to Google Benchmark, the target ones to
// the shared client setup): preset, concurrency list, run length, loop kind, thresholds, output.

#include "benchmarks/bench/shard_options.hpp"
#include "support/base/result.hpp"
#include "support/load/load_shape.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shield::bench {

// Open loop without --concurrency opens ceil(rate x 1 s) connections (answers within 1 s keep up),
// at least the preset's and at most this many.
inline constexpr std::uint32_t open_loop_max_connections = 1000;

// What the user asked for, after presets and defaults are applied.
struct bench_options {
  std::string preset = "quick";                // --preset: quick, light, medium, heavy, extreme
  std::vector<std::uint32_t> concurrency;      // --concurrency=1,5,15, else the preset's
  std::uint64_t requests = 0;                  // --requests, else the preset's; 0 with only --duration
  std::chrono::nanoseconds duration{0};        // --duration=S; 0: none
  double rate = 0.0;                           // --rate=RPS: open loop; 0: closed loop
  bool concurrency_from_rate = false;          // open loop without --concurrency: sized from the rate
  std::uint32_t io_threads = 1;                // --io_threads
  std::string thresholds;                      // --thresholds, else the original scripts' CI gate; "none" disables
  std::string results_dir = "shield-results";  // --results_dir
  bool monitor = false;                        // --monitor: per-interval lines for a monitor
  int repetitions = 0;                         // --repetitions; 0: Google Benchmark's --benchmark_repetitions
  std::string filter;                          // --benchmark_filter (taken here: cases are filtered by their own names)
  std::chrono::milliseconds keepalive_idle{0};  // --keepalive_idle=S: reopen connections idle this long; 0: none
  bool retry_idempotent = false;                // --retry=idempotent: re-send idempotent requests once, counted
  std::chrono::nanoseconds warmup{0};           // --warmup=S: traffic before each case, figures discarded
  bool skip_preflight = false;                  // --skip_preflight: run the load even if the probe fails
  std::optional<std::chrono::milliseconds> idle_timeout;  // --idle_timeout=S (client default 10 s)
  std::vector<std::string> source_addresses;  // --source_addresses: local IPs for the connections, round-robin
  bool help = false;                          // --help / -h
  shard_settings shard;                       // --shard, --run_id, --start_at (taken by take_shard_options)
  bool open_loop = false;                     // --rate given (--rate=0 too, with --stages): open loop
  bool concurrency_given = false;             // --concurrency given (not the preset's)
  bool requests_given = false;                // --requests given (not the preset's)
  // Load shapes and the capacity search (taken by take_shape_options).
  std::vector<load::stage> stages;     // --stages=DUR:TARGET,...; empty: a fixed load
  double stages_start = 0.0;           // the target before the first stage: --rate, or --concurrency (closed), else 0
  bool find_capacity = false;          // --find_capacity: search the highest rate meeting --slo
  std::string slo;                     // --slo=EXPR: threshold rules every step must meet
  double capacity_precision = 0.05;    // --capacity_precision: bracket width to stop at
  std::optional<double> capacity_min;  // --capacity_min=RPS: exit 1 when capacity is below
  double capacity_start = 50.0;        // first step's rate: --rate, else 50
  double capacity_max_rps = 100000.0;  // --capacity_max_rps: never offer more
  std::chrono::nanoseconds capacity_step{std::chrono::seconds(6)};      // --capacity_step=S: one step's length
  std::chrono::nanoseconds capacity_budget{std::chrono::seconds(150)};  // --capacity_budget=S: the search's length
};

// Takes our flags out of `args` (`--name=value` or `--name value`); other arguments stay.
// A flag given twice, a bad value, or an unknown preset is a failure naming the flag.
base::result<bench_options> take_bench_options(std::vector<std::string>& args);

// Usage text of our flags.
std::string bench_usage();

}  // namespace shield::bench
