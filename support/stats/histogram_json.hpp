#pragma once

#include "stats/latency_histogram.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shield::stats {

// Outcome of reading a histogram document: the histogram, or why the document was refused.
struct histogram_read_result {
    std::optional<latency_histogram> histogram;  // set only when the document was valid
    std::string error;                           // what was wrong; empty on success

    explicit operator bool() const noexcept { return histogram.has_value(); }
};

// Compact document: layout, exact statistics (the 128-bit sums as decimal strings) and only
// the non-empty buckets as [index, count] pairs in increasing index order, e.g.
// {"format":"shield.latency_histogram","version":1,"unit":"ns","lowest_ns":1000,
//  "highest_ns":3600000000000,"sub_bucket_bits":10,"count":2,"underflow":0,"overflow":0,
//  "min":1500,"max":1500,"sum":"3000","sum_sq":"4500000","buckets":[[500,2]]}
boost::json::value histogram_to_json(const latency_histogram& histogram);
std::string histogram_to_json_text(const latency_histogram& histogram);

// Reads a document back, checking layout, types, bucket order and that the buckets agree with
// count/min/max/sum; any mismatch is reported in `error`, never thrown.
histogram_read_result histogram_from_json(const boost::json::value& document);
histogram_read_result histogram_from_json_text(std::string_view text);

}  // namespace shield::stats
