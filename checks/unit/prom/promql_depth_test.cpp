// PromQL nesting depth: deep queries are refused with an error naming the limit, not a stack overflow.

#include <gtest/gtest.h>

#include <string>

#include "support/prom/promql_analyzer.hpp"

namespace shield::prom {
namespace {

std::string nested_parens(std::size_t depth) { return std::string(depth, '(') + "up" + std::string(depth, ')'); }

TEST(PromQLDepth, NestingUpToTheLimitParses) {
  const auto analysis = analyze_promql(nested_parens(max_promql_depth - 1));
  ASSERT_TRUE(analysis.ok()) << analysis.error->message;
  EXPECT_EQ(analysis.metric_names(), std::vector<std::string>{"up"});
}

TEST(PromQLDepth, OneLevelPastTheLimitIsAnError) {
  const auto analysis = analyze_promql(nested_parens(max_promql_depth));
  ASSERT_FALSE(analysis.ok());
  EXPECT_NE(analysis.error->message.find("nested more than 256 levels"), std::string::npos) << analysis.error->message;
  EXPECT_EQ(analysis.error->position, max_promql_depth);  // at the first expression past the limit
}

// The fuzzer's finds: 50,000 parentheses, unary minuses, function arguments and right-nested ^.
TEST(PromQLDepth, HostileDepthsAreErrorsNotCrashes) {
  const std::size_t n = 50'000;
  std::string calls;
  for (std::size_t i = 0; i < n; ++i) calls += "abs(";
  calls += "up" + std::string(n, ')');
  std::string powers;
  for (std::size_t i = 0; i < n; ++i) powers += "2^";
  powers += "2";
  for (const std::string& query : {nested_parens(n), std::string(n, '-') + "up", calls, powers}) {
    const auto analysis = analyze_promql(query);
    ASSERT_FALSE(analysis.ok()) << query.substr(0, 20);
    EXPECT_NE(analysis.error->message.find("the parser's limit"), std::string::npos) << analysis.error->message;
  }
}

}  // namespace
}  // namespace shield::prom
