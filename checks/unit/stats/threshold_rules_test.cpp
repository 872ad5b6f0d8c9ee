#include "support/stats/threshold_rules.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace shield::stats {
namespace {

const std::vector<std::string> counters = {"success_rate", "mean_ms", "p95_ms", "p99_ms", "timeouts"};
const std::vector<std::string> endpoints = {"health", "anonymize", "chat_streaming"};

base::result<std::vector<threshold_rule>> parse(std::string_view expression) {
  return parse_thresholds(expression, counters, endpoints);
}

TEST(ThresholdRules, DefaultExpressionIsTheScriptsGate) {
  const auto r = parse(default_threshold_expression);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].endpoint, "");
  EXPECT_EQ((*r)[0].counter, "success_rate");
  EXPECT_EQ((*r)[0].op, compare_op::greater);
  EXPECT_EQ((*r)[0].limit, 95.0);
  EXPECT_EQ((*r)[1].counter, "mean_ms");
  EXPECT_EQ((*r)[1].op, compare_op::less);
  EXPECT_EQ((*r)[1].limit, 2000.0);
}

TEST(ThresholdRules, ScopedRulesAndEveryOperator) {
  const auto r = parse(
      "success_rate>95,mean_ms<2000,anonymize:p95_ms<500, chat_streaming : p99_ms <= 1e4 ,"
      "timeouts>=0,health:mean_ms<+0.5");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->size(), 6u);
  EXPECT_EQ((*r)[2].endpoint, "anonymize");
  EXPECT_EQ((*r)[2].counter, "p95_ms");
  EXPECT_EQ((*r)[2].limit, 500.0);
  EXPECT_EQ((*r)[3].endpoint, "chat_streaming");
  EXPECT_EQ((*r)[3].counter, "p99_ms");
  EXPECT_EQ((*r)[3].op, compare_op::less_equal);
  EXPECT_EQ((*r)[3].limit, 10000.0);
  EXPECT_EQ((*r)[4].op, compare_op::greater_equal);
  EXPECT_EQ((*r)[4].limit, 0.0);
  EXPECT_EQ((*r)[5].limit, 0.5);
  EXPECT_EQ(to_string((*r)[2]), "anonymize:p95_ms<500");
  EXPECT_EQ(to_string((*r)[3]), "chat_streaming:p99_ms<=10000");
  EXPECT_EQ(to_string((*r)[5]), "health:mean_ms<0.5");
  // A rule's text reads back as the same rule.
  const auto again = parse(to_string((*r)[3]));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ((*again)[0].limit, (*r)[3].limit);
  EXPECT_EQ((*again)[0].op, (*r)[3].op);
}

TEST(ThresholdRules, NoneMeansNoRules) {
  for (const char* text : {"none", " none ", "NONE"}) {
    const auto r = parse(text);
    EXPECT_TRUE(r.has_value()) << text << ": " << r.error().message;
    EXPECT_TRUE(r->empty()) << text;
  }
}

// An invalid expression, and words its error must contain.
struct invalid_case {
  const char* expression;                 // what the user typed
  std::vector<std::string> must_mention;  // the offending item and the reason
};

TEST(ThresholdRules, InvalidFormsNameTheOffendingItem) {
  const std::vector<invalid_case> cases = {
      {"latency_ms<5", {"item 1", "'latency_ms<5'", "unknown counter 'latency_ms'", "mean_ms"}},
      {"mean_ms<2000,metrics:p95_ms<5", {"item 2", "'metrics:p95_ms<5'", "unknown endpoint 'metrics'", "anonymize"}},
      {"success_rate>95,mean_ms", {"item 2", "'mean_ms'", "missing operator"}},
      {"mean_ms<abc", {"item 1", "'mean_ms<abc'", "limit 'abc' is not a number"}},
      {"mean_ms<", {"'mean_ms<'", "missing limit"}},
      {"mean_ms<2000ms", {"'mean_ms<2000ms'", "trailing garbage 'ms'"}},
      {"mean_ms<2000 5", {"'mean_ms<2000 5'", "trailing garbage"}},
      {"mean_ms<2000;", {"trailing garbage ';'"}},
      {"success_rate>95,,mean_ms<2000", {"item 2", "is empty"}},
      {",mean_ms<2000", {"item 1", "is empty"}},
      {"mean_ms<2000,", {"item 2", "is empty"}},
      {"", {"expression is empty", "none"}},
      {"   ", {"expression is empty"}},
      {"mean_ms=5", {"'mean_ms=5'", "unsupported operator '='"}},
      {"mean_ms==5", {"unsupported operator '=='"}},
      {"mean_ms!=5", {"unsupported operator '!='"}},
      {"mean_ms<<5", {"limit '<5' is not a number"}},
      {"<5", {"'<5'", "missing counter name"}},
      {":mean_ms<5", {"empty endpoint scope"}},
      {"anonymize:<5", {"missing counter name"}},
      {"mean_ms<nan", {"not a finite number"}},
      {"mean_ms<inf", {"not a finite number"}},
      {"mean_ms<1e999", {"out of range"}},
      {"none,mean_ms<5", {"item 1", "'none' cannot be combined"}},
      {"mean_ms<5,none", {"item 2", "'none' cannot be combined"}},
  };
  for (const auto& c : cases) {
    const auto r = parse(c.expression);
    EXPECT_FALSE(r.has_value()) << "accepted: '" << c.expression << "'";
    for (const auto& word : c.must_mention)
      EXPECT_NE(r.error().message.find(word), std::string::npos)
          << "expression '" << c.expression << "' error '" << r.error().message << "' lacks '" << word << "'";
  }
}

TEST(ThresholdRules, KnownListsComeFromTheCaller) {
  const std::vector<std::string> only_rps = {"rps"};
  const std::vector<std::string> no_endpoints;
  EXPECT_TRUE(parse_thresholds("rps>10", only_rps, no_endpoints).has_value());
  const auto r = parse_thresholds("mean_ms<10", only_rps, no_endpoints);
  EXPECT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("known: rps"), std::string::npos) << r.error().message;
  const auto scoped = parse_thresholds("anonymize:rps>10", only_rps, no_endpoints);
  EXPECT_FALSE(scoped.has_value());
  EXPECT_NE(scoped.error().message.find("unknown endpoint 'anonymize'"), std::string::npos) << scoped.error().message;
}

TEST(ThresholdRules, SatisfiesEachOperator) {
  EXPECT_TRUE(satisfies(1.0, compare_op::less, 2.0));
  EXPECT_FALSE(satisfies(2.0, compare_op::less, 2.0));
  EXPECT_TRUE(satisfies(2.0, compare_op::less_equal, 2.0));
  EXPECT_FALSE(satisfies(2.5, compare_op::less_equal, 2.0));
  EXPECT_TRUE(satisfies(3.0, compare_op::greater, 2.0));
  EXPECT_FALSE(satisfies(2.0, compare_op::greater, 2.0));
  EXPECT_TRUE(satisfies(2.0, compare_op::greater_equal, 2.0));
  EXPECT_FALSE(satisfies(1.5, compare_op::greater_equal, 2.0));
  for (const auto op : {compare_op::less, compare_op::less_equal, compare_op::greater, compare_op::greater_equal})
    EXPECT_FALSE(satisfies(std::nan(""), op, 0.0)) << op_symbol(op);
}

}  // namespace
}  // namespace shield::stats
