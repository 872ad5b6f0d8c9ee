#include "support/stats/latency_histogram.hpp"

#include "checks/unit/stats/sample_sets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

namespace shield::stats {
namespace {

using testing::distribution_sets;

constexpr double quantiles[] = {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0};

latency_histogram histogram_of(const std::vector<std::uint64_t>& values) {
  latency_histogram h;
  for (const auto v : values) h.record(v);
  return h;
}

// Nearest-rank sample: the ceil(q*n)-th smallest, at least the first.
std::uint64_t exact_quantile(const std::vector<std::uint64_t>& sorted, double q) {
  const double wanted = std::ceil(q * static_cast<double>(sorted.size()));
  const std::size_t rank =
      std::clamp<std::size_t>(wanted < 1.0 ? 1 : static_cast<std::size_t>(wanted), 1, sorted.size());
  return sorted[rank - 1];
}

TEST(LatencyHistogram, LayoutIsContiguousAndWithinPrecision) {
  EXPECT_EQ(latency_histogram::bucket_index(latency_histogram::lowest_ns), 0u);
  EXPECT_LT(latency_histogram::bucket_index(latency_histogram::highest_ns), latency_histogram::bucket_count);
  for (std::size_t i = 0; i < latency_histogram::bucket_count; ++i) {
    const std::uint64_t lo = latency_histogram::bucket_lowest(i);
    const std::uint64_t width = latency_histogram::bucket_width(i);
    ASSERT_EQ(latency_histogram::bucket_index(lo), i);
    ASSERT_EQ(latency_histogram::bucket_index(lo + width - 1), i);
    // Width never exceeds 0.1% of the values it holds.
    ASSERT_LE(static_cast<double>(width - 1), 0.001 * static_cast<double>(lo)) << "bucket " << i;
    if (i + 1 < latency_histogram::bucket_count) {
      ASSERT_EQ(latency_histogram::bucket_lowest(i + 1), lo + width) << "gap after bucket " << i;
    }
  }
}

TEST(LatencyHistogram, EmptyHistogramReportsZeros) {
  const latency_histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.value_at_quantile(0.5), 0u);
  EXPECT_EQ(h.mean(), 0.0);
  EXPECT_EQ(h.stddev(), 0.0);
}

TEST(LatencyHistogram, PercentilesWithinPrecisionOfExactSamples) {
  for (const auto& set : distribution_sets(100'000, 20240601)) {
    SCOPED_TRACE(set.name);
    const latency_histogram h = histogram_of(set.values);
    auto sorted = set.values;
    std::sort(sorted.begin(), sorted.end());
    for (const double q : quantiles) {
      const auto exact = exact_quantile(sorted, q);
      const auto reported = h.value_at_quantile(q);
      const double error = std::abs(static_cast<double>(reported) - static_cast<double>(exact));
      EXPECT_LE(error, 0.001 * static_cast<double>(exact))
          << "q=" << q << " exact=" << exact << " reported=" << reported;
    }
    EXPECT_EQ(h.value_at_quantile(0.0), sorted.front());
    EXPECT_EQ(h.value_at_quantile(1.0), sorted.back());
  }
}

TEST(LatencyHistogram, PercentilesUseNearestRank) {
  // Ten values 1 ms .. 10 ms, far apart, so a rank off by one would be 10% off.
  latency_histogram h;
  for (std::uint64_t ms = 10; ms >= 1; --ms) h.record(ms * 1'000'000);
  const auto near = [](std::uint64_t got, std::uint64_t want) {
    return std::abs(static_cast<double>(got) - static_cast<double>(want)) <= 0.001 * static_cast<double>(want);
  };
  EXPECT_TRUE(near(h.value_at_quantile(0.5), 5'000'000)) << h.value_at_quantile(0.5);
  EXPECT_TRUE(near(h.value_at_quantile(0.51), 6'000'000)) << h.value_at_quantile(0.51);
  EXPECT_TRUE(near(h.value_at_quantile(0.9), 9'000'000)) << h.value_at_quantile(0.9);
  EXPECT_TRUE(near(h.value_at_quantile(0.95), 10'000'000)) << h.value_at_quantile(0.95);
  EXPECT_EQ(h.value_at_quantile(0.05), 1'000'000u);
  // Out-of-domain quantiles clamp to the ends.
  EXPECT_EQ(h.value_at_quantile(-1.0), 1'000'000u);
  EXPECT_EQ(h.value_at_quantile(std::nan("")), 1'000'000u);
  EXPECT_EQ(h.value_at_quantile(7.0), 10'000'000u);
}

TEST(LatencyHistogram, MinMaxMeanStddevMatchExactComputation) {
  for (const auto& set : distribution_sets(50'000, 7)) {
    SCOPED_TRACE(set.name);
    const latency_histogram h = histogram_of(set.values);
    long double sum = 0;
    for (const auto v : set.values) sum += static_cast<long double>(v);
    const long double mean = sum / static_cast<long double>(set.values.size());
    long double squares = 0;
    for (const auto v : set.values)
      squares += (static_cast<long double>(v) - mean) * (static_cast<long double>(v) - mean);
    const double stddev = static_cast<double>(std::sqrt(squares / static_cast<long double>(set.values.size() - 1)));

    EXPECT_EQ(h.count(), set.values.size());
    EXPECT_EQ(h.min(), *std::min_element(set.values.begin(), set.values.end()));
    EXPECT_EQ(h.max(), *std::max_element(set.values.begin(), set.values.end()));
    EXPECT_NEAR(h.mean(), static_cast<double>(mean), 1e-12 * static_cast<double>(mean));
    EXPECT_NEAR(h.stddev(), stddev, 1e-9 * stddev + 1e-9);
    uint128 exact_sum = 0;
    for (const auto v : set.values) exact_sum += v;
    EXPECT_TRUE(h.sum() == exact_sum);
  }
}

TEST(LatencyHistogram, StddevOfTwoKnownValues) {
  latency_histogram h;
  h.record(2'000);
  h.record(4'000);
  EXPECT_DOUBLE_EQ(h.mean(), 3'000.0);
  EXPECT_DOUBLE_EQ(h.stddev(), std::sqrt(2'000'000.0));  // sample stddev: ((1000^2)*2)/(2-1)
  latency_histogram one;
  one.record(5'000);
  EXPECT_EQ(one.stddev(), 0.0);
}

TEST(LatencyHistogram, MergeEqualsRecordingEverythingIntoOne) {
  for (const auto& set : distribution_sets(20'000, 99)) {
    SCOPED_TRACE(set.name);
    const latency_histogram all = histogram_of(set.values);
    // Spread samples over four "threads" at random, as the load engine would.
    std::mt19937 rng{static_cast<unsigned>(set.values.size())};
    std::uniform_int_distribution<int> pick{0, 3};
    std::vector<latency_histogram> parts(4);
    for (const auto v : set.values) parts[static_cast<std::size_t>(pick(rng))].record(v);
    latency_histogram merged;
    for (const auto& part : parts) merged.merge(part);
    EXPECT_TRUE(merged == all);
    EXPECT_EQ(merged.value_at_quantile(0.99), all.value_at_quantile(0.99));
    EXPECT_EQ(merged.stddev(), all.stddev());
  }
  // Merging an empty histogram changes nothing, in either direction.
  latency_histogram a;
  a.record(12'345);
  const latency_histogram before = a;
  a.merge(latency_histogram{});
  EXPECT_TRUE(a == before);
  latency_histogram empty;
  empty.merge(before);
  EXPECT_TRUE(empty == before);
}

TEST(LatencyHistogram, OutOfRangeValuesAreClampedAndCounted) {
  latency_histogram h;
  h.record(std::uint64_t{0});
  h.record(std::uint64_t{999});
  h.record(std::chrono::nanoseconds{-5});
  h.record(std::chrono::hours{2});
  h.record(std::chrono::milliseconds{3});
  EXPECT_EQ(h.count(), 5u);
  EXPECT_EQ(h.underflow(), 3u);
  EXPECT_EQ(h.overflow(), 1u);
  EXPECT_EQ(h.min(), latency_histogram::lowest_ns);
  EXPECT_EQ(h.max(), latency_histogram::highest_ns);
  EXPECT_EQ(h.value_at_quantile(0.5), latency_histogram::lowest_ns);
  EXPECT_NEAR(static_cast<double>(h.value_at_quantile(0.7)), 3e6, 3e3);
  EXPECT_TRUE(h.sum() == uint128{3 * latency_histogram::lowest_ns + latency_histogram::highest_ns + 3'000'000});
  // The edge values themselves are in range.
  latency_histogram edges;
  edges.record(latency_histogram::lowest_ns);
  edges.record(latency_histogram::highest_ns);
  EXPECT_EQ(edges.underflow(), 0u);
  EXPECT_EQ(edges.overflow(), 0u);
}

TEST(LatencyHistogram, RecordNAndResetKeepState) {
  latency_histogram once;
  for (int i = 0; i < 7; ++i) once.record(std::uint64_t{50'000});
  latency_histogram batch;
  batch.record_n(50'000, 7);
  batch.record_n(60'000, 0);
  EXPECT_TRUE(batch == once);
  batch.reset();
  EXPECT_TRUE(batch == latency_histogram{});
}

// Not an assertion on speed: prints what one record() costs on this machine.
TEST(LatencyHistogram, MeasureRecordCost) {
  std::mt19937_64 rng{42};
  std::lognormal_distribution<double> skewed{std::log(5e6), 1.5};
  std::vector<std::uint64_t> values(4096);
  for (auto& v : values) v = static_cast<std::uint64_t>(skewed(rng));
  latency_histogram h;
  constexpr std::size_t rounds = 1'000;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t r = 0; r < rounds; ++r)
    for (const auto v : values) h.record(v);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const double ns =
      std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(rounds * values.size());
  std::printf("[ measure  ] latency_histogram::record: %.2f ns per call (%zu calls)\n", ns, rounds * values.size());
  ::testing::Test::RecordProperty("record_ns", std::to_string(ns));
  EXPECT_EQ(h.count(), rounds * values.size());
}

}  // namespace
}  // namespace shield::stats
