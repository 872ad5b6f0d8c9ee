#include "support/stats/histogram_json.hpp"

#include "checks/unit/stats/sample_sets.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <random>

namespace shield::stats {
namespace {

latency_histogram sample_histogram() {
  latency_histogram h;
  for (const std::uint64_t v : {1'500u, 1'500u, 250'000u, 3'000'000u, 3'001'000u, 900'000'000u}) h.record(v);
  return h;
}

std::size_t non_empty_buckets(const latency_histogram& h) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < latency_histogram::bucket_count; ++i) n += h.count_at(i) != 0 ? 1 : 0;
  return n;
}

TEST(HistogramJson, RoundTripGivesAnEqualHistogram) {
  std::vector<latency_histogram> cases;
  cases.emplace_back();  // empty
  cases.push_back(sample_histogram());
  for (const auto& set : testing::distribution_sets(10'000, 5)) {
    latency_histogram h;
    for (const auto v : set.values) h.record(v);
    cases.push_back(std::move(h));
  }
  latency_histogram clamped;
  clamped.record(std::uint64_t{10});
  clamped.record(std::uint64_t{5'000'000'000'000});
  clamped.record(std::uint64_t{40'000});
  cases.push_back(clamped);

  for (const auto& original : cases) {
    const std::string text = histogram_to_json_text(original);
    const auto back = histogram_from_json_text(text);
    ASSERT_TRUE(back) << back.error().message << "\n" << text.substr(0, 400);
    EXPECT_TRUE(*back == original);
    EXPECT_EQ(back->stddev(), original.stddev());
    // Only non-empty buckets are written.
    const auto document = boost::json::parse(text);
    EXPECT_EQ(document.at("buckets").as_array().size(), non_empty_buckets(original));
  }
}

TEST(HistogramJson, DocumentIsCompact) {
  const std::string text = histogram_to_json_text(sample_histogram());
  // Five distinct buckets: the text stays small even though the layout has 32k buckets.
  EXPECT_LT(text.size(), 400u) << text;
  const auto document = boost::json::parse(text);
  EXPECT_EQ(document.at("buckets").as_array().size(), 5u);
  const std::uint64_t sum = 1'500 + 1'500 + 250'000 + 3'000'000 + 3'001'000 + 900'000'000;
  EXPECT_EQ(document.at("sum").as_string(), std::to_string(sum));
  EXPECT_EQ(document.at("count").to_number<std::uint64_t>(), 6u);
}

TEST(HistogramJson, TextThatIsNotJsonIsRejected) {
  for (const char* text : {"", "{", "{\"count\":", "not json", "[1,2", "{\"a\":1}}"}) {
    const auto result = histogram_from_json_text(text);
    EXPECT_FALSE(result) << text;
    EXPECT_FALSE(result.error().message.empty()) << text;
  }
  const auto array = histogram_from_json_text("[]");
  EXPECT_FALSE(array);
  EXPECT_NE(array.error().message.find("not an object"), std::string::npos) << array.error().message;
}

// A valid document altered by one mutation must be refused with a message naming the problem.
struct mutation {
  const char* label;                                // what is wrong
  std::function<void(boost::json::object&)> apply;  // makes the document wrong
  const char* expected;                             // substring of the error
};

TEST(HistogramJson, MalformedDocumentsAreRejectedWithAReason) {
  const boost::json::value valid = histogram_to_json(sample_histogram());
  ASSERT_TRUE(histogram_from_json(valid));
  using obj = boost::json::object;
  const std::vector<mutation> mutations = {
      {"wrong format", [](obj& o) { o["format"] = "hdr"; }, "\"format\""},
      {"missing format", [](obj& o) { o.erase("format"); }, "\"format\""},
      {"future version", [](obj& o) { o["version"] = 2; }, "version"},
      {"other unit", [](obj& o) { o["unit"] = "us"; }, "unit"},
      {"other layout", [](obj& o) { o["sub_bucket_bits"] = 11; }, "layout"},
      {"missing count", [](obj& o) { o.erase("count"); }, "\"count\""},
      {"negative count", [](obj& o) { o["count"] = -6; }, "\"count\""},
      {"fractional count", [](obj& o) { o["count"] = 6.0; }, "\"count\""},
      {"string min", [](obj& o) { o["min"] = "1500"; }, "\"min\""},
      {"numeric sum", [](obj& o) { o["sum"] = 907502000; }, "\"sum\""},
      {"signed sum", [](obj& o) { o["sum"] = "-907502000"; }, "\"sum\""},
      {"sum past 128 bits", [](obj& o) { o["sum"] = std::string(40, '9'); }, "\"sum\""},
      {"buckets not array", [](obj& o) { o["buckets"] = 3; }, "\"buckets\""},
      {"bucket not pair", [](obj& o) { o["buckets"].as_array()[0] = boost::json::array{500}; }, "pair"},
      {"bucket negative", [](obj& o) { o["buckets"].as_array()[0].as_array()[1] = -2; }, "non-negative"},
      {"bucket past end",
       [](obj& o) { o["buckets"].as_array().back().as_array()[0] = latency_histogram::bucket_count; },
       "past the last bucket"},
      {"buckets out of order", [](obj& o) { std::swap(o["buckets"].as_array()[0], o["buckets"].as_array()[1]); },
       "out of order"},
      {"zero bucket",
       [](obj& o) {
         o["buckets"].as_array().push_back(boost::json::array{latency_histogram::bucket_count - 1, 0});
       },
       "zero count"},
      {"count mismatch", [](obj& o) { o["count"] = 7; }, "add up to"},
      {"min in wrong bucket", [](obj& o) { o["min"] = 1'600; }, "first/last"},
      {"max below min", [](obj& o) { o["max"] = 1'000; }, "min > max"},
      {"sum too small", [](obj& o) { o["sum"] = "8999"; }, "sum is outside"},
      {"sum_sq too small", [](obj& o) { o["sum_sq"] = "1"; }, "sum_sq is outside"},
      {"sum_sq below sum^2/count", [](obj& o) { o["sum_sq"] = "20000000"; }, "smaller than sum^2/count"},
      {"underflow without clamped min", [](obj& o) { o["underflow"] = 1; }, "underflow"},
      {"overflow past count", [](obj& o) { o["overflow"] = 99; }, "exceed count"},
  };
  for (const auto& m : mutations) {
    boost::json::value document = valid;
    m.apply(document.as_object());
    const auto result = histogram_from_json(document);
    EXPECT_FALSE(result) << m.label;
    EXPECT_NE(result.error().message.find(m.expected), std::string::npos) << m.label << ": " << result.error().message;
    // The same through the text path.
    EXPECT_FALSE(histogram_from_json_text(boost::json::serialize(document))) << m.label;
  }
}

TEST(HistogramJson, EmptyHistogramWithStrayStatisticsIsRejected) {
  boost::json::value document = histogram_to_json(latency_histogram{});
  document.as_object()["sum"] = "5";
  const auto result = histogram_from_json(document);
  EXPECT_FALSE(result);
  EXPECT_NE(result.error().message.find("empty histogram"), std::string::npos) << result.error().message;
}

TEST(HistogramJson, RandomlyCorruptedTextNeverCrashes) {
  const std::string valid = histogram_to_json_text(sample_histogram());
  std::mt19937 rng{1234};
  std::uniform_int_distribution<std::size_t> position{0, valid.size() - 1};
  std::uniform_int_distribution<int> byte{0x20, 0x7e};
  std::size_t accepted = 0;
  for (int round = 0; round < 3'000; ++round) {
    std::string text = valid;
    const int edits = 1 + round % 4;
    for (int e = 0; e < edits; ++e) text[position(rng)] = static_cast<char>(byte(rng));
    const auto result = histogram_from_json_text(text);
    if (result) {
      // Whatever is accepted must be self-consistent: it serialises back to an equal histogram.
      ++accepted;
      const auto again = histogram_from_json_text(histogram_to_json_text(*result));
      ASSERT_TRUE(again) << again.error().message;
      EXPECT_TRUE(*again == *result);
    } else {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
  std::printf("[ measure  ] %zu of 3000 corrupted documents were still valid\n", accepted);
}

}  // namespace
}  // namespace shield::stats
