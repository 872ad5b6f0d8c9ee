#include "support/stats/threshold_check.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace shield::stats {
namespace {

const std::vector<std::string> counters = {"success_rate", "mean_ms", "p95_ms"};
const std::vector<std::string> endpoints = {"health", "anonymize"};

std::vector<threshold_rule> rules_of(std::string_view expression) {
  auto parsed = parse_thresholds(expression, counters, endpoints);
  EXPECT_TRUE(parsed) << parsed.error();
  return parsed ? *parsed : std::vector<threshold_rule>{};
}

case_counters anonymize_case(double success, double mean, double p95) {
  return {"anonymize/concurrency:15", "anonymize", {{"success_rate", success}, {"mean_ms", mean}, {"p95_ms", p95}}};
}

TEST(ThresholdCheck, PassingCase) {
  const auto rules = rules_of("success_rate>95,mean_ms<2000,anonymize:p95_ms<500");
  const auto outcome = check_thresholds(rules, anonymize_case(99.5, 120.0, 300.0));
  EXPECT_TRUE(outcome.passed());
  EXPECT_EQ(outcome.applied, 3u);
}

TEST(ThresholdCheck, FailureLineNamesCaseCounterValueOperatorAndLimit) {
  const auto rules = rules_of("success_rate>95,mean_ms<2000,anonymize:p95_ms<500");
  const auto outcome = check_thresholds(rules, anonymize_case(99.5, 2512.25, 612.5));
  ASSERT_EQ(outcome.failures.size(), 2u);
  EXPECT_FALSE(outcome.passed());

  const auto& mean = outcome.failures[0];
  EXPECT_EQ(mean.rule.counter, "mean_ms");
  EXPECT_EQ(mean.value, 2512.25);
  EXPECT_FALSE(mean.missing);
  for (const char* part : {"anonymize/concurrency:15", "mean_ms", "2512.25", "< 2000"})
    EXPECT_NE(mean.message.find(part), std::string::npos) << mean.message << " lacks " << part;
  EXPECT_EQ(mean.message.find('\n'), std::string::npos);

  const auto& p95 = outcome.failures[1];
  for (const char* part : {"anonymize/concurrency:15", "p95_ms", "612.5", "< 500", "anonymize:p95_ms<500"})
    EXPECT_NE(p95.message.find(part), std::string::npos) << p95.message << " lacks " << part;
}

TEST(ThresholdCheck, BoundaryValuesFollowTheOperator) {
  const auto strict = rules_of("success_rate>95");
  EXPECT_FALSE(check_thresholds(strict, anonymize_case(95.0, 1.0, 1.0)).passed());
  EXPECT_TRUE(check_thresholds(strict, anonymize_case(95.01, 1.0, 1.0)).passed());
  const auto inclusive = rules_of("success_rate>=95");
  EXPECT_TRUE(check_thresholds(inclusive, anonymize_case(95.0, 1.0, 1.0)).passed());
  const auto at_most = rules_of("mean_ms<=2000");
  EXPECT_TRUE(check_thresholds(at_most, anonymize_case(100.0, 2000.0, 1.0)).passed());
  EXPECT_FALSE(check_thresholds(at_most, anonymize_case(100.0, 2000.5, 1.0)).passed());
}

TEST(ThresholdCheck, ScopedRulesOnlyApplyToTheirEndpoint) {
  const auto rules = rules_of("anonymize:p95_ms<500,health:mean_ms<10");
  const case_counters health{"health/concurrency:5", "health", {{"mean_ms", 3.0}, {"p95_ms", 9000.0}}};
  const auto outcome = check_thresholds(rules, health);
  EXPECT_TRUE(outcome.passed());
  EXPECT_EQ(outcome.applied, 1u);
  const auto slow = check_thresholds(rules, anonymize_case(100.0, 1.0, 9000.0));
  ASSERT_EQ(slow.failures.size(), 1u);
  EXPECT_EQ(slow.failures[0].rule.endpoint, "anonymize");
}

TEST(ThresholdCheck, MissingCounterOrNaNFails) {
  const auto rules = rules_of("success_rate>95,p95_ms<500");
  const case_counters partial{"mixed/concurrency:3", "mixed", {{"success_rate", 100.0}}};
  const auto outcome = check_thresholds(rules, partial);
  ASSERT_EQ(outcome.failures.size(), 1u);
  EXPECT_TRUE(outcome.failures[0].missing);
  EXPECT_NE(outcome.failures[0].message.find("mixed/concurrency:3"), std::string::npos);
  EXPECT_NE(outcome.failures[0].message.find("p95_ms is missing"), std::string::npos) << outcome.failures[0].message;

  const auto nan = check_thresholds(rules, anonymize_case(std::nan(""), 1.0, 1.0));
  ASSERT_EQ(nan.failures.size(), 1u);
  EXPECT_NE(nan.failures[0].message.find("nan"), std::string::npos) << nan.failures[0].message;
}

TEST(ThresholdCheck, NoRulesAlwaysPass) {
  const auto none = parse_thresholds("none", counters, endpoints);
  ASSERT_TRUE(none);
  const auto outcome = check_thresholds(*none, anonymize_case(0.0, 1e9, 1e9));
  EXPECT_TRUE(outcome.passed());
  EXPECT_EQ(outcome.applied, 0u);
}

}  // namespace
}  // namespace shield::stats
