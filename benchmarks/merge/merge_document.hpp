#pragma once
// The merged results file of a distributed run: every case merged, graded and judged again, the
// shards listed with their hosts and files, and the start skew between them.

#include "benchmarks/merge/merge_inputs.hpp"
#include "support/stats/threshold_rules.hpp"

#include <boost/json/object.hpp>

#include <span>
#include <string>
#include <vector>

namespace shield::merge {

// Start skews above this are warned about: the shards did not load the target together.
inline constexpr double skew_warning_s = 1.0;

// A merged run.
struct merged_run {
  boost::json::object document;                 // "shield.stress_test_results" with configuration.tool "shield_merge"
  std::vector<std::string> skew_lines;          // per case: "start skew 0.004 s: anonymize/concurrency:10"
  std::vector<std::string> warnings;            // skew above 1 s, figures that could not be merged exactly
  std::vector<std::string> threshold_failures;  // messages of failed rules
  bool cases_ok = true;                         // no case had an error
  std::string error;                            // a shard's data could not be merged (names the file)
};

// Merges shards already checked by check_shards (in index order) with `rules` (text `thresholds`).
merged_run merge_run(const std::vector<shard_file>& shards, std::span<const stats::threshold_rule> rules,
                     const std::string& thresholds);

}  // namespace shield::merge
