#pragma once
// The detailed results of one shield_bench run, as plain data: configuration (no secrets), every
// case run with its measurements, grade and threshold verdicts. results_to_json renders it.

#include "support/load/load_result.hpp"

#include <boost/json/value.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace shield::report {

// One threshold rule applied to one case.
struct threshold_verdict {
  std::string rule;     // as written, e.g. "anonymize:p95_ms<500"
  bool passed = true;   // the case met it
  double value = 0.0;   // the case's value (NaN when missing)
  std::string message;  // why it failed: case, counter, value, limit; empty when passed
};

// A merged case: one shard's part of it, as that shard measured it.
struct shard_case_row {
  std::uint32_t shard = 0;     // the shard's index
  std::string host;            // its machine
  std::string file;            // its results file
  double started_unix = 0.0;   // its load start (0: unknown)
  double wall_s = 0.0;         // its load window
  std::uint64_t requests = 0;  // its completed requests
  std::uint64_t ok = 0;        // of those, successful
  std::string status;          // ran, interrupted, error, skipped
  double rps = 0.0;            // its requests per second (NaN: unknown)
  double success_rate = 0.0;   // percent (NaN: no request)
  double p50_ms = 0.0;         // its percentiles (NaN: no successful request)
  double p95_ms = 0.0;
  double p99_ms = 0.0;
  std::string grade;  // its own grade; empty: none
};

// One run of one case (one repetition).
struct case_record {
  std::string name;                           // benchmark name, e.g. "anonymize/concurrency:15"
  std::string endpoint;                       // endpoint name, or "mixed"
  int repetition = 0;                         // 0-based repetition of this case
  load::load_result result;                   // measurements (empty when the case did not run)
  std::string grade;                          // excellent/moderate/problem; empty when it did not run
  std::string error;                          // why the case could not run or count; empty otherwise
  bool skipped = false;                       // not run: the run was interrupted before this case
  std::vector<threshold_verdict> thresholds;  // every rule that applied, in rule order
  double started_unix = 0.0;                  // Unix time the load started (for merging shards); 0: unknown
  double client_cpu_s = 0.0;                  // the client's CPU time (user + system, all threads) during the load
  std::uint32_t merged_shards = 0;            // a merged case: the shards merged into it (run.shards); 0: one process
  std::vector<shard_case_row> shard_rows;     // a merged case: each shard's part ("shards")
  double start_skew_s = -1.0;                 // a merged case: latest minus earliest shard start; -1: unknown

  // True when every applied rule passed.
  bool thresholds_passed() const;
};

// How the run was configured, secrets left out (headers are redacted descriptions).
struct run_configuration {
  std::string tool = "shield_bench";       // the program that ran
  std::string target;                      // target base URL
  std::string profile;                     // profile file
  std::string profile_name;                // profile name
  std::vector<std::string> headers;        // extra headers, values from the environment redacted
  std::string preset;                      // preset name
  std::vector<std::uint32_t> concurrency;  // concurrency list
  std::uint64_t requests = 0;              // requests per case; 0: none (duration only)
  double duration_s = 0.0;                 // duration per case; 0: none
  std::string mode = "closed";             // closed or open loop
  double rate = 0.0;                       // open loop rate, requests per second
  std::uint32_t io_threads = 1;            // I/O threads
  double timeout_s = 0.0;                  // whole-request timeout
  double connect_timeout_s = 0.0;          // connect timeout
  double idle_timeout_s = 0.0;             // longest silence while waiting for response bytes
  double keepalive_idle_s = 0.0;           // kept-alive connections idle this long are reopened; 0: no limit
  std::string retry = "none";              // "none", or "idempotent" (--retry)
  double warmup_s = 0.0;                   // warm-up traffic per case before the measured run, discarded
  bool preflight = true;                   // the preflight probe ran (false with --skip_preflight)
  std::string thresholds;                  // threshold expression ("none" when off)
  std::string filter;                      // --benchmark_filter, empty when none
  std::string build_type;                  // CMake build type of shield_bench
  std::string git_commit;                  // commit shield_bench was built from, when known
  std::string host;                        // machine the run came from
  std::uint32_t shard_index = 0;           // distributed run: this shard, from 0
  std::uint32_t shard_count = 0;           // distributed run: shards of the run; 0: not distributed
  std::string run_id;                      // distributed run: shared by every shard
  double start_at = 0.0;                   // distributed run: common start, Unix time; 0: none
};

// What the run cost the client process (getrusage at the end).
struct process_usage {
  std::uint64_t peak_rss_kb = 0;  // largest resident set, KiB
  double cpu_user_s = 0.0;        // user CPU time, seconds
  double cpu_system_s = 0.0;      // system CPU time, seconds
};

// A shard file of a merged run.
struct shard_source {
  std::uint32_t shard = 0;  // its index
  std::string host;         // its machine
  std::string file;         // its path as given to shield_merge
  process_usage process;    // its process's usage
  std::string started;      // its start time, ISO 8601
};

// What a merged results file says about the run it merged (shield_merge; "distributed").
struct distributed_run {
  std::string run_id;                   // the shards' run id
  std::uint32_t shards = 0;             // how many
  std::vector<std::string> files;       // their files, in shard order
  std::vector<std::string> hosts;       // their machines, first seen first
  std::vector<shard_source> per_shard;  // one entry per shard
  bool has_start_at = false;            // the shards had a start_at key (number, or null when 0)
  double start_at = 0.0;                // common start, Unix time; 0: none
  double start_skew_s = -1.0;           // the worst case start skew; -1: unknown
  std::vector<std::string> not_merged;  // paths that could not be merged exactly
};

// One step of a capacity search (--find_capacity), its measured part.
struct capacity_step_record {
  double offered_rps = 0.0;                              // rate asked for
  bool held = false;                                     // every SLO clause held
  std::string broken_clause;                             // first clause that broke; empty when held
  std::string broken_endpoint;                           // its endpoint (scoped clause), else empty
  double broken_value = 0.0;                             // the value that broke it (NaN: missing)
  bool stopped_early = false;                            // stopped once it was hopelessly broken
  double elapsed_s = 0.0;                                // wall time of the step
  std::vector<std::pair<std::string, double>> counters;  // the measured part's counters (case_counters)
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>>
      endpoints;  // mixed: each endpoint's counters
};

// The answer of a capacity search.
struct capacity_record {
  std::string case_name;                    // the case searched
  std::string slo;                          // --slo as given
  double precision = 0.05;                  // --capacity_precision
  double step_s = 0.0;                      // one step's length, discarded first third included
  double budget_s = 0.0;                    // --capacity_budget
  double highest_ok_rps = NAN;              // highest rate that held (NaN: none)
  double lowest_broken_rps = NAN;           // lowest rate that broke (NaN: none)
  std::string broken_clause;                // the clause that broke there
  std::string broken_endpoint;              // and its endpoint, when scoped
  std::string stop_reason;                  // why the search ended
  double elapsed_s = 0.0;                   // the steps' wall time
  double minimum_rps = NAN;                 // --capacity_min (NaN: no gate)
  std::vector<capacity_step_record> steps;  // in the order run
};

// The whole results file.
struct results_document {
  run_configuration configuration;             // how the run was set up
  std::string started;                         // local start time, ISO 8601
  std::string finished;                        // local end time, ISO 8601
  bool interrupted = false;                    // stopped by Ctrl-C
  process_usage process;                       // the client's own resource use
  std::vector<case_record> cases;              // in run order
  std::optional<distributed_run> distributed;  // set in a merged file
  std::optional<capacity_record> capacity;     // --find_capacity: the search's answer
};

// The document's "format" and "version", written and checked from here only.
inline constexpr std::string_view results_format_name = "shield.stress_test_results";
inline constexpr int results_format_version = 1;

// A case's benchmark label (Google Benchmark JSON, console): its grade, marked when the run was
// cut short, e.g. "excellent (interrupted)". shield_bench and shield_merge label cases with it.
inline std::string benchmark_label(const std::string& grade, bool interrupted) {
  return interrupted ? grade + " (interrupted)" : grade;
}

// A case's "status": "ran", "interrupted", "error" (it could not run or count) or "skipped".
std::string case_status(const case_record& c);

// The run's verdict in numbers (the document's "summary").
struct run_summary {
  std::size_t cases = 0;               // cases in the document
  std::size_t errors = 0;              // cases that could not run (skipped ones are not errors)
  std::size_t threshold_failures = 0;  // cases with a failed threshold rule
  bool passed = false;                 // no error, no failed rule, not interrupted
};
run_summary summarize_run(const results_document& document);

// The benchmark JSON's cpu_time of a case, seconds: the client's CPU per completed request (the
// unit of real_time), or the case's whole client CPU when no request completed. shield_bench and
// shield_merge write it from here.
double cpu_seconds_per_request(const case_record& record);

// The calling process's usage so far.
process_usage current_process_usage();

// {"format":"shield.stress_test_results","version":1,"configuration":{...},"summary":{...},
//  "cases":[{counters, latency summaries, failures with messages, stream figures, per-endpoint
//  figures, histograms, grade, thresholds}]}. Non-finite numbers become null.
boost::json::value results_to_json(const results_document& document);

// Latency figures of a histogram in milliseconds: count, mean, stddev, min, p50..p999, max.
boost::json::value latency_summary_json(const stats::latency_histogram& histogram);

}  // namespace shield::report
