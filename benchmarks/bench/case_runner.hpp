#pragma once
// Runs one benchmark case (one endpoint, or `mixed`, at one concurrency) without Google Benchmark:
// sets up the sessions it reads, drives the load, grades it and applies the thresholds.

#include "support/base/result.hpp"
#include "benchmarks/bench/bench_options.hpp"
#include "benchmarks/bench/capacity_search.hpp"
#include "support/client/target_setup.hpp"
#include "support/load/engine.hpp"
#include "support/load/workload_builder.hpp"
#include "support/report/results/case_verdicts.hpp"
#include "support/report/results/results_document.hpp"
#include "support/stats/threshold_rules.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace shield::bench {

// One case: `<endpoint>/concurrency:<N>`.
struct case_spec {
  std::string name;               // benchmark name
  std::string endpoint;           // profile endpoint name, or "mixed"
  std::uint32_t concurrency = 1;  // connections / requests in flight
};

// "<endpoint>/concurrency:<N>".
std::string case_name(std::string_view endpoint, std::uint32_t concurrency);

// Every case of a run: each profile endpoint (profile order), then mixed, at each concurrency.
std::vector<case_spec> plan_cases(const profile::target_profile& profile,
                                  const std::vector<std::uint32_t>& concurrency);

// Cases whose name matches `filter` as --benchmark_filter does (extended regex searched in the
// name; a leading '-' keeps the cases that do not match; "" and "all" keep every case), in plan
// order; a failure when the filter is not a valid regular expression.
base::result<std::vector<case_spec>> filter_cases(const std::vector<case_spec>& cases, const std::string& filter);

// A case's threshold verdicts (the shared code in support/report/results/case_verdicts.hpp).
using report::judge;

// The rules (as written) that apply to none of `cases`: scoped to an endpoint no case runs, or on a
// streaming counter (ttft_p50_ms, ...) when no selected case streams. A rule that can never be
// judged would pass silently, so shield_bench refuses it.
std::vector<std::string> rules_applying_to_no_case(const std::vector<stats::threshold_rule>& rules,
                                                   const std::vector<case_spec>& cases,
                                                   const profile::target_profile& profile);

// Makes the live observers of a case (progress line, monitor); may return null.
using observer_factory = std::function<std::unique_ptr<load::interval_observer>(const case_spec&)>;

class case_runner {
 public:
  case_runner(const client::target_setup& setup, const bench_options& options, std::vector<stats::threshold_rule> rules,
              load::workload_inputs inputs, const std::atomic<bool>* stop, observer_factory observers);

  // Runs the case once (repetition `repetition`) and returns everything measured about it.
  report::case_record run(const case_spec& spec, int repetition);

  // One capacity-search step of the case: open loop at `rate` for the step length, its first
  // third discarded (the measured figures are the second stage's), stopped early once hopeless;
  // with `settle` (the step before broke) it first pauses that long. Defined in capacity_runner.cpp.
  capacity_step run_capacity_step(const case_spec& spec, double rate, const capacity_options& search, bool settle);

  // One case of the sweep that seeds a capacity search: closed loop at the case's concurrency for
  // `length`, graded and judged like any case. Defined in capacity_runner.cpp.
  report::case_record run_sweep_case(const case_spec& spec, std::chrono::nanoseconds length);

 private:
  // Runs the case with `config` (its mode, length and shape; the rest comes from the options).
  report::case_record run_with(const case_spec& spec, int repetition, load::load_config config);
  // Builds (once) the workload of an endpoint or of mixed.
  base::result<const load::workload*> workload_for(const std::string& endpoint);
  // Runs the dependency stages the workload's endpoints need, once per run; the failure says why.
  base::result<void> set_up_sessions(const load::workload& work, std::uint32_t concurrency);
  // A shard with --start_at: sleeps until then (before its first case's load, after its set-up);
  // false when stopped (Ctrl-C) while waiting.
  bool wait_for_start();

  const client::target_setup& setup_;                // target, profile, headers
  const bench_options& options_;                     // run length, loop kind, threads
  std::vector<stats::threshold_rule> rules_;         // parsed thresholds
  load::workload_inputs inputs_;                     // texts, prompts, sessions, headers
  const std::atomic<bool>* stop_;                    // Ctrl-C
  observer_factory observers_;                       // live views per case
  load::load_target target_;                         // URL, options, shared TLS context
  std::map<std::string, load::workload> workloads_;  // built workloads by endpoint name
  std::set<std::string> prepared_;                   // dependency stages already run
  bool waited_ = false;                              // the start time was awaited (first case only)
};

// The search's answer as the results file records it (capacity_runner.cpp).
report::capacity_record capacity_to_record(const std::string& case_name, const std::string& slo,
                                           const capacity_options& options, const capacity_outcome& outcome,
                                           std::optional<double> minimum);

}  // namespace shield::bench
