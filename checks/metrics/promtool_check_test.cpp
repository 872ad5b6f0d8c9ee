// The promtool runner itself: the three verdicts promtool 2.42 gives, and a missing binary.
#include <gtest/gtest.h>

#include "checks/metrics/promtool_check.hpp"

namespace shield::metrics {
namespace {

std::string promtool_or_fail() {
  const auto path = find_promtool();
  EXPECT_TRUE(path.has_value()) << "promtool not found (package prometheus, see ctest/packages.txt) and "
                                   "SHIELD_PROMTOOL not set";
  return path.value_or("");
}

TEST(PromtoolCheck, CleanLintAndParseVerdicts) {
  const std::string promtool = promtool_or_fail();
  ASSERT_FALSE(promtool.empty());
  const auto clean = run_promtool_check_metrics(promtool, "# HELP a_total A\n# TYPE a_total counter\na_total 1\n");
  EXPECT_EQ(clean.exit_code, 0) << clean.output << clean.error;
  EXPECT_TRUE(clean.lines.empty());

  const auto lint = run_promtool_check_metrics(promtool, "# HELP b_total B\n# TYPE b_total gauge\nb_total 1\n");
  EXPECT_EQ(lint.exit_code, 3) << lint.output;
  EXPECT_EQ(lint.lines, std::vector<std::string>{"b_total non-counter metrics should not have \"_total\" suffix"});

  const auto broken = run_promtool_check_metrics(promtool, "c{ 1\n");
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("line 1"), std::string::npos) << broken.output;
}

TEST(PromtoolCheck, MissingBinaryIsReported) {
  const auto r = run_promtool_check_metrics("/nonexistent/promtool", "a 1\n");
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.error.find("could not execute"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace shield::metrics
