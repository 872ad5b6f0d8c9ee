#pragma once
// The counters, grade and threshold verdicts of a merged case, recomputed from its merged
// figures (never averaged from the shards' counters).

#include "benchmarks/merge/merge_inputs.hpp"
#include "benchmarks/merge/merge_json.hpp"
#include "support/stats/threshold_rules.hpp"

#include <boost/json/object.hpp>

#include <span>
#include <string>
#include <vector>

namespace shield::merge {

// Every counter any shard has, recomputed: requests/ok and other counts from the summed fields,
// success_rate from them, rps and <count>_rps over `window_s`, err_<kind> from the merged failures,
// [<histogram>_]mean/min/max/pNN_ms from the merged histograms, tokens_per_s and incomplete_streams
// from the merged stream figures; any other counter that is a whole number on every shard is
// summed; the rest become null and are added to `lost`.
boost::json::object merged_counters(const boost::json::object& merged_case,
                                    const std::vector<const boost::json::value*>& shard_counters, double window_s,
                                    const std::string& path, path_list& lost);

// Grade of a merged case (excellent / moderate / problem), or null when nothing completed.
boost::json::value grade_of_case(const boost::json::object& merged_case);

// Threshold verdicts of a merged case as the results file writes them ({"rule","passed","value"[,
// "message"]}); unscoped rules on streaming counters apply only to streaming cases.
boost::json::array judge_case(std::span<const stats::threshold_rule> rules, const boost::json::object& merged_case);

// Counter names a merge can check thresholds against: the suite's own plus every one in `shards`.
std::vector<std::string> counter_names(const std::vector<shard_file>& shards);

// Endpoint names of the cases of `shards`.
std::vector<std::string> endpoint_names(const std::vector<shard_file>& shards);

// One shard's row in a merged case: shard, host, file, start, window and headline counters.
boost::json::object shard_row(const shard_file& shard, const boost::json::object& shard_case);

}  // namespace shield::merge
