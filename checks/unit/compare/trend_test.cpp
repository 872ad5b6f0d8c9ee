#include "support/report/compare/compare_trend.hpp"

#include "checks/unit/compare/test_files.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

namespace shield::report {
namespace {

using compare_test::benchmark_json;
using compare_test::make_case;
using compare_test::noisy_repetitions;
using compare_test::synthetic_context;

bench_run run_with(const std::string& commit, double rps, bool with_extra, const std::string& name) {
  synthetic_context ctx;
  ctx.commit = commit;
  std::vector<compare_test::synthetic_case> cases{
      make_case("anonymize/concurrency:15", noisy_repetitions(3, rps, 1000.0 / rps, 0.1))};
  if (with_extra) cases.push_back(make_case("chat/concurrency:3", noisy_repetitions(1, 5.0, 200.0, 0.0)));
  auto read = parse_bench_json(benchmark_json(ctx, cases), name);
  EXPECT_TRUE(read) << read.error();
  return read ? *read : bench_run{};
}

class CompareTrend : public ::testing::Test {
 protected:
  std::vector<bench_run> runs_{run_with("aaaaaaaaaaaa", 100.0, false, "r1.json"),
                               run_with("bbbbbbbbbbbb", 110.0, true, "r2.json"), run_with("", 120.0, true, "r3.json")};
};

TEST_F(CompareTrend, DefaultCountersOneRowPerCaseOneColumnPerRun) {
  const std::vector<std::string> counters(default_trend_counters.begin(), default_trend_counters.end());
  const auto trend = build_trend(runs_, counters);
  ASSERT_TRUE(trend) << trend.error();
  ASSERT_EQ(trend->tables.size(), 2u);
  const trend_table& rps = trend->tables[0];
  EXPECT_EQ(rps.counter, "rps");
  EXPECT_EQ(rps.cases, (std::vector<std::string>{"anonymize/concurrency:15", "chat/concurrency:3"}));
  ASSERT_EQ(rps.values.size(), 2u);
  ASSERT_EQ(rps.values[0].size(), 3u);
  EXPECT_DOUBLE_EQ(*rps.values[0][0], 100.0);
  EXPECT_DOUBLE_EQ(*rps.values[0][2], 120.0);
  EXPECT_FALSE(rps.values[1][0]);  // chat is missing from the first run
  EXPECT_DOUBLE_EQ(*rps.values[1][1], 5.0);
  EXPECT_EQ(trend->tables[1].counter, "p95_ms");
  EXPECT_DOUBLE_EQ(*trend->tables[1].values[0][0], 20.0);  // 2 * mean, mean = 1000 / rps

  const std::string text = render_trend_console(*trend);
  EXPECT_NE(text.find("#1 = r1.json, commit aaaaaaaaaaaa"), std::string::npos) << text;
  EXPECT_NE(text.find("case                      #1 aaaaaaaa  #2 bbbbbbbb     #3  last vs first"), std::string::npos)
      << text;
  EXPECT_NE(text.find("anonymize/concurrency:15        100.0        110.0  120.0         +20.0%"), std::string::npos)
      << text;
  EXPECT_NE(text.find("chat/concurrency:3                  -         5.00   5.00          +0.0%"), std::string::npos)
      << text;

  const std::string md = render_trend_markdown(*trend);
  EXPECT_NE(md.find("### rps by run"), std::string::npos) << md;
  EXPECT_NE(md.find("| `anonymize/concurrency:15` | 100.0 | 110.0 | 120.0 | +20.0% |"), std::string::npos) << md;

  const auto doc = boost::json::parse(boost::json::serialize(trend_to_json(*trend)));
  EXPECT_EQ(doc.at("runs").as_array().size(), 3u);
  EXPECT_TRUE(doc.at("counters").at("rps").at("chat/concurrency:3").at(0).is_null());
  EXPECT_DOUBLE_EQ(doc.at("counters").at("rps").at("anonymize/concurrency:15").at(1).to_number<double>(), 110.0);
}

TEST_F(CompareTrend, PickedCounterAndUnknownCounter) {
  const std::vector<std::string> mean{"mean_ms"};
  const auto trend = build_trend(runs_, mean);
  ASSERT_TRUE(trend) << trend.error();
  ASSERT_EQ(trend->tables.size(), 1u);
  EXPECT_DOUBLE_EQ(*trend->tables[0].values[0][0], 10.0);

  const std::vector<std::string> bogus{"rsp"};
  const auto bad = build_trend(runs_, bogus);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("counter 'rsp' appears in none of the files"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().message.find("rps"), std::string::npos) << bad.error();

  EXPECT_FALSE(build_trend({}, mean));
}

}  // namespace
}  // namespace shield::report
