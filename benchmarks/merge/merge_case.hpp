#pragma once
// One case of a distributed run, merged from the same case of every shard: counts summed,
// histograms merged, latency summaries and counters recomputed from the merged figures, rps over
// the union of the shards' windows, per-shard rows kept.

#include "benchmarks/merge/merge_inputs.hpp"
#include "benchmarks/merge/merge_json.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace shield::merge {

// A merged case, before grading.
struct merged_case {
  boost::json::object value;   // the case as the results file writes it
  double window_s = 0.0;       // length of the union of the shards' load windows
  double start_skew_s = -1.0;  // latest minus earliest shard start; -1 when a shard lacks its start
  std::string error;           // a shard's histogram could not be read (names the file)
};

// Merges case number `at` of every shard (shards in index order); paths that could not be merged
// exactly go to `lost` (prefixed "cases[at]").
merged_case merge_case(const std::vector<shard_file>& shards, std::size_t at, path_list& lost);

// Length of the union of the intervals [start, start + length].
double union_length(std::vector<std::pair<double, double>> intervals);

}  // namespace shield::merge
