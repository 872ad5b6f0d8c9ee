#pragma once

#include "support/stats/latency_histogram.hpp"

#include <cstdint>

namespace shield::stats {

// Headline latency figures of one case, in milliseconds.
struct latency_summary {
  std::uint64_t count = 0;  // samples summarised
  double mean = 0.0;        // arithmetic mean, exact up to double rounding
  double stddev = 0.0;      // sample standard deviation (n - 1), 0 below two samples
  double min = 0.0;         // smallest sample (exact)
  double p50 = 0.0;         // median (nearest rank)
  double p90 = 0.0;         // 90th percentile
  double p95 = 0.0;         // 95th percentile, the one the grades use
  double p99 = 0.0;         // 99th percentile
  double p999 = 0.0;        // 99.9th percentile
  double max = 0.0;         // largest sample (exact)
};

// Summary of a histogram; percentiles carry the histogram's 0.1% precision. All zero when empty.
latency_summary summarize(const latency_histogram& histogram);

}  // namespace shield::stats
