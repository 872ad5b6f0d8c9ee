// Our verdicts against `promtool check metrics` (promtool reads 0.0.4 only).
// agrees:   promtool finds problems exactly when we do; parse errors name the same line and lint
//           problems print the same lines.
// stricter: promtool accepts the input; our rule goes beyond client_golang (checked to stay true).
// Without promtool installed, our own verdicts are still asserted and the comparison is noted.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "checks/unit/prom/corpus.hpp"
#include "checks/unit/prom/promtool_runner.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/lint.hpp"
#include "support/prom/synthetic_exposition.hpp"

namespace shield::prom::testing {
namespace {

std::vector<std::string> sorted_problem_lines(const std::vector<lint_problem>& problems) {
  std::vector<std::string> lines;
  std::istringstream in(format_problems(problems));
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

const std::optional<std::string>& promtool() {
  static const std::optional<std::string> path = find_promtool();
  return path;
}

void note_missing_promtool() {
  if (!promtool()) {
    std::cout << "[ note ] promtool not installed: comparison skipped, own verdict asserted\n";
  }
}

class PromtoolAgreementCorpus : public ::testing::TestWithParam<exposition_case> {};

TEST_P(PromtoolAgreementCorpus, SameVerdict) {
  const exposition_case& c = GetParam();
  const metrics_check ours = check_metrics(c.text, c.format);
  const bool our_problems = !ours.ok();
  // Our own verdict, whatever promtool says.
  EXPECT_EQ(!ours.parsed.ok(), !c.rule.empty());
  if (c.rule.empty() && c.promtool != promtool_view::not_applicable) {
    EXPECT_FALSE(our_problems) << format_problems(ours.problems);  // 0.0.4 valid cases are lint-clean too
  }
  if (c.promtool == promtool_view::not_applicable) {
    return;
  }
  note_missing_promtool();
  if (!promtool()) {
    return;
  }
  const promtool_verdict theirs = run_promtool_check_metrics(*promtool(), c.text);
  SCOPED_TRACE("promtool said (exit " + std::to_string(theirs.exit_code) + "): " + theirs.output);
  ASSERT_NE(theirs.exit_code, -1);
  if (c.promtool == promtool_view::stricter) {
    EXPECT_TRUE(our_problems);
    EXPECT_EQ(theirs.exit_code, 0) << "promtool now rejects this input: reclassify the case as 'agrees'";
    return;
  }
  EXPECT_EQ(our_problems, theirs.exit_code != 0);
  if (!c.rule.empty()) {
    EXPECT_EQ(theirs.exit_code, 1);
    EXPECT_EQ(promtool_error_line(theirs), ours.parsed.errors.front().line);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, PromtoolAgreementCorpus, ::testing::ValuesIn(exposition_corpus()),
                         [](const ::testing::TestParamInfo<exposition_case>& param_info) {
                           return std::string(param_info.param.id);
                         });

class PromtoolAgreementLints : public ::testing::TestWithParam<lint_case> {};

TEST_P(PromtoolAgreementLints, SameProblemLines) {
  const lint_case& c = GetParam();
  const metrics_check ours = check_metrics(c.text, exposition_format::prometheus_text);
  EXPECT_EQ(ours.problems.empty(), c.lint.empty());
  note_missing_promtool();
  if (!promtool()) {
    return;
  }
  const promtool_verdict theirs = run_promtool_check_metrics(*promtool(), c.text);
  SCOPED_TRACE("promtool said (exit " + std::to_string(theirs.exit_code) + "): " + theirs.output);
  if (c.promtool == promtool_view::stricter) {
    EXPECT_FALSE(ours.problems.empty());
    EXPECT_EQ(theirs.exit_code, 0) << "promtool now reports this: reclassify the case as 'agrees'";
    return;
  }
  EXPECT_EQ(theirs.exit_code, c.lint.empty() ? 0 : 3);
  EXPECT_EQ(sorted_problem_lines(ours.problems), theirs.lines);
}

INSTANTIATE_TEST_SUITE_P(Cases, PromtoolAgreementLints, ::testing::ValuesIn(lint_corpus()),
                         [](const ::testing::TestParamInfo<lint_case>& param_info) {
                           return std::string(param_info.param.id);
                         });

// A realistic exposition with mixed naming problems: identical problem lists.
TEST(PromtoolAgreement, MixedExposition) {
  const std::string text =
      "# HELP api_latency_ms Latency.\n# TYPE api_latency_ms summary\n"
      "api_latency_ms{quantile=\"0.5\",userId=\"a\"} 3\napi_latency_ms{quantile=\"0.9\",userId=\"a\"} 4\n"
      "api_latency_ms_sum{userId=\"a\"} 9\napi_latency_ms_count{userId=\"a\"} 3\n"
      "# TYPE cacheHits counter\ncacheHits{le=\"1\"} 3\ncacheHits{le=\"2\"} 4\n"
      "# HELP queue_size_total Size.\n# TYPE queue_size_total gauge\nqueue_size_total{quantile=\"x\"} 1\n"
      "# HELP job:errors:rate5m Errors.\n# TYPE job:errors:rate5m gauge\njob:errors:rate5m 0.5\n";
  const metrics_check ours = check_metrics(text, exposition_format::prometheus_text);
  ASSERT_TRUE(ours.parsed.ok());
  EXPECT_GE(ours.problems.size(), 8U);
  note_missing_promtool();
  if (!promtool()) {
    return;
  }
  const promtool_verdict theirs = run_promtool_check_metrics(*promtool(), text);
  EXPECT_EQ(theirs.exit_code, 3);
  EXPECT_EQ(sorted_problem_lines(ours.problems), theirs.lines);
}

// The benchmark's synthetic exposition is clean for both.
TEST(PromtoolAgreement, SyntheticExpositionIsClean) {
  synthetic_options options;
  options.histogram_series = 200;
  options.counter_series = 50;
  const std::string text = make_synthetic_exposition(options);
  const metrics_check ours = check_metrics(text, exposition_format::prometheus_text);
  EXPECT_TRUE(ours.ok()) << format_problems(ours.problems);
  note_missing_promtool();
  if (!promtool()) {
    return;
  }
  const promtool_verdict theirs = run_promtool_check_metrics(*promtool(), text);
  EXPECT_EQ(theirs.exit_code, 0) << theirs.output;
}

}  // namespace
}  // namespace shield::prom::testing
