#pragma once
// Generic JSON merging for shield_merge: counts summed, histograms merged exactly, and whatever
// cannot be combined exactly set to null and listed, so new fields never merge silently wrong.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "support/base/result.hpp"

namespace shield::stats {
class latency_histogram;
}

namespace shield::merge {

// Paths ("cases[2].counters.x") set to null because the shards' values could not be combined.
using path_list = std::vector<std::string>;

// True for a JSON integer (signed or unsigned).
bool is_integer(const boost::json::value& v) noexcept;

// A number as double (integers too); nullopt for anything else.
std::optional<double> as_double(const boost::json::value& v) noexcept;

// Combines the values of one field over the shards: integers summed; objects merged key by key
// (a key missing in a shard counts as absent); equal values kept; anything else null, its path
// added to `lost`.
boost::json::value merge_values(const std::vector<const boost::json::value*>& values, const std::string& path,
                                path_list& lost);

// Removes from `lost` every path at or under `path` (it has been recomputed exactly).
void forget(path_list& lost, const std::string& path);

// Merges histogram documents (stats::histogram_to_json) exactly; a failure when one is invalid
// (the message names which).
base::result<stats::latency_histogram> merge_histogram_docs(const std::vector<const boost::json::value*>& docs,
                                                            const std::vector<std::string>& names);

}  // namespace shield::merge
