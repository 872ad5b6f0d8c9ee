#pragma once
// Merges the shards of one distributed run, typed: each case's tallies and histograms merged
// exactly (counts summed, histograms bucket by bucket), its window the union of the shards', then
// graded and judged by the same code as one run (case_verdicts). The result is a results document
// like one run's, with what only a merge has (distributed block, per-shard rows, start skews).

#include "support/report/results/results_document.hpp"
#include "support/stats/threshold_rules.hpp"

#include <span>
#include <string>
#include <vector>

namespace shield::merge {

// Start skews above this are warned about: the shards did not load the target together.
inline constexpr double skew_warning_s = 1.0;

// One shard's results file, read.
struct shard_input {
  std::string path;                   // as given (names the shard in messages)
  report::results_document document;  // its results, typed
};

// A merged run.
struct merged_run {
  report::results_document document;            // configuration.tool "shield_merge", distributed set
  std::vector<std::string> skew_lines;          // per case: "start skew 0.004 s: anonymize/concurrency:10"
  std::vector<std::string> warnings;            // skew above 1 s, shards without a start time
  std::vector<std::string> threshold_failures;  // messages of failed rules
  bool cases_ok = true;                         // every case ran, nothing was interrupted
};

// Merges shards that belong together (same run id, configuration and cases; in shard order) with
// `rules` (their text `thresholds` goes into the configuration).
merged_run merge_shards(const std::vector<shard_input>& shards, std::span<const stats::threshold_rule> rules,
                        const std::string& thresholds);

// Length of the union of the intervals [start, start + length] (starts as Unix times).
double union_length(std::vector<std::pair<double, double>> intervals);

// Endpoint names of the shards' cases (for checking threshold expressions).
std::vector<std::string> endpoint_names(const std::vector<shard_input>& shards);

}  // namespace shield::merge
