#include "support/stats/latency_summary.hpp"

namespace shield::stats {

namespace {

constexpr double ns_per_ms = 1e6;

double to_ms(std::uint64_t ns) { return static_cast<double>(ns) / ns_per_ms; }

}  // namespace

latency_summary summarize(const latency_histogram& histogram) {
  latency_summary s;
  s.count = histogram.count();
  if (s.count == 0) return s;
  s.mean = histogram.mean() / ns_per_ms;
  s.stddev = histogram.stddev() / ns_per_ms;
  s.min = to_ms(histogram.min());
  s.p50 = to_ms(histogram.value_at_quantile(0.50));
  s.p90 = to_ms(histogram.value_at_quantile(0.90));
  s.p95 = to_ms(histogram.value_at_quantile(0.95));
  s.p99 = to_ms(histogram.value_at_quantile(0.99));
  s.p999 = to_ms(histogram.value_at_quantile(0.999));
  s.max = to_ms(histogram.max());
  return s;
}

}  // namespace shield::stats
