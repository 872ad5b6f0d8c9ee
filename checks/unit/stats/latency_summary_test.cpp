#include "support/stats/latency_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace shield::stats {
namespace {

TEST(LatencySummary, EmptyHistogramGivesZeros) {
  const latency_summary s = summarize(latency_histogram{});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.mean, 0.0);
  EXPECT_EQ(s.p99, 0.0);
  EXPECT_EQ(s.max, 0.0);
}

TEST(LatencySummary, FiguresAreHistogramValuesInMilliseconds) {
  // 1..1000 ms, one sample each: percentiles land on whole milliseconds.
  latency_histogram h;
  for (std::uint64_t ms = 1; ms <= 1000; ++ms) h.record(ms * 1'000'000);
  const latency_summary s = summarize(h);
  EXPECT_EQ(s.count, 1000u);
  EXPECT_DOUBLE_EQ(s.mean, 500.5);
  EXPECT_NEAR(s.stddev, h.stddev() / 1e6, 1e-12);
  EXPECT_DOUBLE_EQ(s.min, 1.0);
  EXPECT_DOUBLE_EQ(s.max, 1000.0);
  const auto within = [](double got, double want) { return std::abs(got - want) <= 0.001 * want; };
  EXPECT_TRUE(within(s.p50, 500.0)) << s.p50;
  EXPECT_TRUE(within(s.p90, 900.0)) << s.p90;
  EXPECT_TRUE(within(s.p95, 950.0)) << s.p95;
  EXPECT_TRUE(within(s.p99, 990.0)) << s.p99;
  EXPECT_TRUE(within(s.p999, 999.0)) << s.p999;
  EXPECT_DOUBLE_EQ(s.p50, static_cast<double>(h.value_at_quantile(0.5)) / 1e6);
  EXPECT_DOUBLE_EQ(s.p999, static_cast<double>(h.value_at_quantile(0.999)) / 1e6);
  // Sample standard deviation of 1..1000 is sqrt(1000*1001/12) ms.
  EXPECT_NEAR(s.stddev, std::sqrt(1000.0 * 1001.0 / 12.0), 1e-9);
}

}  // namespace
}  // namespace shield::stats
