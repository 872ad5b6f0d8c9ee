#pragma once

#include "support/base/result.hpp"
#include "support/report/compare/bench_json.hpp"
#include "support/report/compare/compare_counters.hpp"
#include "support/report/compare/mann_whitney.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::report {

// The CI gate's rules (all percentages).
struct compare_options {
  double alpha = 0.05;             // significance level of the two-sided U test
  double max_rps_drop = 5.0;       // rps may fall at most this much
  double max_latency_rise = 10.0;  // mean/p95/p99 may rise at most this much
  double min_success_rate = 95.0;  // contender success rate must be at least this
};

// A case's outcome.
enum class verdict { improved, same, regressed };

// How one counter moved beyond its margin (and, with repetitions, significantly).
enum class counter_effect { none, better, worse };

// One counter of one case.
struct counter_row {
  counter_spec spec;                             // name, direction and rule
  std::vector<double> base_values;               // per-repetition values of the base run
  std::vector<double> contender_values;          // per-repetition values of the contender run
  double base = 0.0;                             // median of base_values
  double contender = 0.0;                        // median of contender_values
  double change_percent = 0.0;                   // (contender - base) / |base| * 100; +-inf when base is 0
  std::optional<mann_whitney_result> test;       // U test when both sides have 2+ values
  bool significant = false;                      // test present and p < alpha
  counter_effect effect = counter_effect::none;  // beyond the rule's margin and significant (or untested)
};

// One case present in both runs.
struct case_comparison {
  std::string run_name;                   // the pairing key
  std::size_t base_repetitions = 0;       // repetitions that ran in the base run
  std::size_t contender_repetitions = 0;  // repetitions that ran in the contender run
  bool statistical = false;               // U test used: 2+ repetitions on both sides
  std::string base_label;                 // grade label(s) of the base run
  std::string contender_label;            // grade label(s) of the contender run
  std::vector<counter_row> rows;          // counters present on both sides, display order
  verdict result = verdict::same;         // improved / same / regressed
  std::vector<std::string> reasons;       // why regressed or improved: counter, base -> contender, change, p
  std::vector<std::string> notes;         // counters on one side only, failed runs
};

// Everything the renderers need.
struct comparison_report {
  std::string base_source;                     // base file name
  std::string contender_source;                // contender file name
  bench_context base_context;                  // base "context"
  bench_context contender_context;             // contender "context"
  compare_options options;                     // rules applied
  std::vector<case_comparison> cases;          // cases in both runs, in base order
  std::vector<std::string> only_in_base;       // run_names missing from the contender
  std::vector<std::string> only_in_contender;  // run_names missing from the base
  std::vector<std::string> warnings;           // machine/build/preset mismatches, weak tests

  std::size_t count(verdict v) const;
  bool has_regression() const { return count(verdict::regressed) != 0; }
  std::size_t non_statistical_cases() const;
};

// Pairs cases by run_name and gives each a verdict under the options' rules; a failure when the
// runs have no case in common.
base::result<comparison_report> compare_runs(const bench_run& base, const bench_run& contender,
                                             const compare_options& options);

// One line when some cases were judged without a statistical test; empty otherwise.
std::string statistics_note(const comparison_report& report);

// "improved", "same" or "regressed".
std::string_view to_string(verdict v) noexcept;

// "better", "worse" or "".
std::string_view to_string(counter_effect e) noexcept;

}  // namespace shield::report
