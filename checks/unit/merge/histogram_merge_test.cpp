// Merged histograms equal the histogram of all samples, whatever the merge order, also after the
// shards' histograms went through their results files (JSON) as shield_merge reads them.

#include "checks/unit/merge/shard_files.hpp"
#include "support/stats/histogram_json.hpp"
#include "support/stats/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace shield::merge::test {
namespace {

using stats::latency_histogram;

// Reads each document and merges them, as shield_merge merges the shards' histograms; a failure names
// the document (by `names`) that could not be read.
base::result<latency_histogram> merge_histogram_docs(const std::vector<const boost::json::value*>& docs,
                                                     const std::vector<std::string>& names) {
  latency_histogram total;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    auto read = stats::histogram_from_json(*docs[i]);
    if (!read) return base::fail((i < names.size() ? names[i] : "histogram") + ": " + read.error().message);
    total.merge(*read);
  }
  return total;
}

latency_histogram of(const std::vector<std::uint64_t>& values) {
  latency_histogram h;
  for (auto v : values) h.record(v);
  return h;
}

// Samples dealt to `parts` shards: round robin (as open-loop shards get arrivals) or at random.
std::vector<std::vector<std::uint64_t>> deal(const std::vector<std::uint64_t>& all, std::size_t parts, bool random) {
  std::vector<std::vector<std::uint64_t>> out(parts);
  std::mt19937 rng{7};
  std::uniform_int_distribution<std::size_t> pick{0, parts - 1};
  for (std::size_t i = 0; i < all.size(); ++i) out[random ? pick(rng) : i % parts].push_back(all[i]);
  return out;
}

TEST(HistogramMerge, EqualsTheHistogramOfAllSamplesInEveryOrder) {
  auto all = sample_latencies(30'000, 11);
  all.push_back(500);                // below the range: clamped, counted as underflow
  all.push_back(5'000'000'000'000);  // above: overflow
  const latency_histogram whole = of(all);
  for (const bool random : {false, true}) {
    const auto parts = deal(all, 4, random);
    // Each shard's histogram as its results file carries it.
    std::vector<boost::json::value> docs;
    for (const auto& p : parts) docs.push_back(stats::histogram_to_json(of(p)));
    std::vector<std::size_t> order(docs.size());
    std::iota(order.begin(), order.end(), 0);
    int permutations = 0;
    do {
      std::vector<const boost::json::value*> in;
      for (auto i : order) in.push_back(&docs[i]);
      const auto merged = merge_histogram_docs(in, {});
      ASSERT_TRUE(merged) << merged.error();
      EXPECT_TRUE(*merged == whole);
      for (double q : {0.5, 0.9, 0.95, 0.99, 0.999})
        EXPECT_EQ(merged->value_at_quantile(q), whole.value_at_quantile(q));
      EXPECT_EQ(merged->underflow(), 1u);
      EXPECT_EQ(merged->overflow(), 1u);
      ++permutations;
    } while (std::next_permutation(order.begin(), order.end()));
    EXPECT_EQ(permutations, 24);
    // Pairwise (a tree of merges) gives the same histogram as a chain.
    latency_histogram left = of(parts[0]), right = of(parts[2]);
    left.merge(of(parts[1]));
    right.merge(of(parts[3]));
    right.merge(left);
    EXPECT_TRUE(right == whole);
  }
}

TEST(HistogramMerge, AMissingOrDoubledShardIsSeen) {
  const auto all = sample_latencies(5'000, 3);
  const latency_histogram whole = of(all);
  const auto parts = deal(all, 3, false);
  std::vector<boost::json::value> docs;
  for (const auto& p : parts) docs.push_back(stats::histogram_to_json(of(p)));
  const auto missing = merge_histogram_docs({&docs[0], &docs[1]}, {});
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing == whole);
  EXPECT_LT(missing->count(), whole.count());
  const auto doubled = merge_histogram_docs({&docs[0], &docs[1], &docs[2], &docs[2]}, {});
  ASSERT_TRUE(doubled);
  EXPECT_FALSE(*doubled == whole);
}

TEST(HistogramMerge, AnInvalidDocumentIsNamed) {
  const auto doc = stats::histogram_to_json(of({2'000'000, 3'000'000}));
  boost::json::value broken = doc;
  broken.as_object()["count"] = 3;  // buckets no longer agree with the count
  const auto merged = merge_histogram_docs({&doc, &broken}, {"a.json", "b.json"});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.error().message.find("b.json"), std::string::npos) << merged.error();
}

}  // namespace
}  // namespace shield::merge::test
