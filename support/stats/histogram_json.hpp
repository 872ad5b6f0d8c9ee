#pragma once

#include "support/stats/latency_histogram.hpp"
#include "support/base/result.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace shield::stats {

// Compact document: layout, exact statistics (the 128-bit sums as decimal strings) and only
// the non-empty buckets as [index, count] pairs in increasing index order, e.g.
// {"format":"shield.latency_histogram","version":1,"unit":"ns","lowest_ns":1000,
//  "highest_ns":3600000000000,"sub_bucket_bits":10,"count":2,"underflow":0,"overflow":0,
//  "min":1500,"max":1500,"sum":"3000","sum_sq":"4500000","buckets":[[500,2]]}
boost::json::value histogram_to_json(const latency_histogram& histogram);
std::string histogram_to_json_text(const latency_histogram& histogram);

// Reads a document back, checking layout, types, bucket order and that the buckets agree with
// count/min/max/sum; any mismatch is the failure, never thrown.
base::result<latency_histogram> histogram_from_json(const boost::json::value& document);
base::result<latency_histogram> histogram_from_json_text(std::string_view text);

}  // namespace shield::stats
