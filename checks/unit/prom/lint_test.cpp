// Lints: each corpus case yields exactly its lint; promlint's grouping and order rules.

#include <gtest/gtest.h>

#include <algorithm>

#include "checks/unit/prom/corpus.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/lint.hpp"

namespace shield::prom::testing {
namespace {

class PromLintCorpus : public ::testing::TestWithParam<lint_case> {};

TEST_P(PromLintCorpus, ReportsOnlyItsLint) {
  const lint_case& c = GetParam();
  const metrics_check result = check_metrics(c.text, exposition_format::prometheus_text);
  SCOPED_TRACE(format_problems(result.problems));
  EXPECT_EQ(result.parsed.ok(), c.parses_cleanly);
  if (c.lint.empty()) {
    EXPECT_TRUE(result.problems.empty());
    EXPECT_TRUE(result.ok());
    return;
  }
  EXPECT_EQ(result.problems.size(), c.count);
  for (const lint_problem& p : result.problems) {
    EXPECT_EQ(p.lint, c.lint);
    EXPECT_FALSE(p.text.empty());
    EXPECT_EQ(p.metric, result.parsed.families.front().name);
  }
  EXPECT_FALSE(result.ok());
}

INSTANTIATE_TEST_SUITE_P(Cases, PromLintCorpus, ::testing::ValuesIn(lint_corpus()),
                         [](const ::testing::TestParamInfo<lint_case>& param_info) {
                           return std::string(param_info.param.id);
                         });

TEST(PromLint, EveryLintHasACase) {
  const std::string_view all[] = {lints::no_help,
                                  lints::counter_total_suffix,
                                  lints::non_counter_total_suffix,
                                  lints::non_histogram_bucket_suffix,
                                  lints::reserved_count_suffix,
                                  lints::reserved_sum_suffix,
                                  lints::le_label_non_histogram,
                                  lints::quantile_label_non_summary,
                                  lints::non_base_unit,
                                  lints::unit_abbreviation,
                                  lints::type_in_name,
                                  lints::colon_in_name,
                                  lints::camel_case_metric,
                                  lints::camel_case_label,
                                  lints::metric_not_unique,
                                  lints::reserved_label_prefix};
  for (const std::string_view lint : all) {
    const bool covered =
        std::any_of(lint_corpus().begin(), lint_corpus().end(), [&](const lint_case& c) { return c.lint == lint; });
    EXPECT_TRUE(covered) << "no corpus case for lint " << lint;
  }
}

TEST(PromLint, ProblemsSortedByMetricThenText) {
  const metrics_check result = check_metrics("# TYPE zeta_ms counter\nzeta_ms 1\n# TYPE alpha gauge\nalpha 1\n",
                                             exposition_format::prometheus_text);
  ASSERT_EQ(result.problems.size(), 4U);
  EXPECT_EQ(format_problems(result.problems),
            "alpha no help text\n"
            "zeta_ms counter metrics should have \"_total\" suffix\n"
            "zeta_ms metric names should not contain abbreviated units\n"
            "zeta_ms no help text\n");
}

TEST(PromLint, TypeInNameReportsEveryMatchingType) {
  const metrics_check result =
      check_metrics("# HELP x_gauge_histogram X.\n# TYPE x_gauge_histogram gauge\nx_gauge_histogram 1\n",
                    exposition_format::prometheus_text);
  ASSERT_EQ(result.problems.size(), 3U);
  EXPECT_EQ(result.problems[0].text, "metric name should not include type 'gauge'");
  EXPECT_EQ(result.problems[1].text, "metric name should not include type 'gauge_histogram'");
  EXPECT_EQ(result.problems[2].text, "metric name should not include type 'histogram'");
}

TEST(PromLint, FirstUnitPartDecides) {
  // promlint stops at the first unit-looking part: seconds is a base unit, minutes is not looked at.
  EXPECT_TRUE(check_metrics("# HELP a_seconds_minutes A.\n# TYPE a_seconds_minutes gauge\na_seconds_minutes 1\n",
                            exposition_format::prometheus_text)
                  .problems.empty());
  const auto hours = check_metrics("# HELP a_hours_seconds A.\n# TYPE a_hours_seconds gauge\na_hours_seconds 1\n",
                                   exposition_format::prometheus_text);
  ASSERT_EQ(hours.problems.size(), 1U);
  EXPECT_EQ(hours.problems[0].text, "use base unit \"seconds\" instead of \"hours\"");
}

TEST(PromLint, UntypedFamiliesSkipTypeRules) {
  // promlint ignores reserved suffixes and le/quantile labels on untyped metrics.
  const metrics_check result =
      check_metrics("# HELP foo_count Foo.\nfoo_count{le=\"1\"} 1\n", exposition_format::prometheus_text);
  EXPECT_TRUE(result.problems.empty()) << format_problems(result.problems);
}

TEST(PromLint, FamiliesWithoutSamplesAreSkipped) {
  const metrics_check result = check_metrics("# TYPE fooBar counter\n", exposition_format::prometheus_text);
  EXPECT_TRUE(result.ok());
}

TEST(PromLint, OpenMetricsCounterNeedsNoTotalInFamilyName) {
  const metrics_check result = check_metrics(
      "# TYPE requests counter\n# HELP requests Requests.\nrequests_total 3\n# EOF\n", exposition_format::openmetrics);
  EXPECT_TRUE(result.parsed.ok());
  EXPECT_TRUE(result.problems.empty()) << format_problems(result.problems);
  // The same family in 0.0.4 is a counter without _total.
  const metrics_check text = check_metrics("# HELP requests Requests.\n# TYPE requests counter\nrequests 3\n",
                                           exposition_format::prometheus_text);
  ASSERT_EQ(text.problems.size(), 1U);
  EXPECT_EQ(text.problems[0].lint, lints::counter_total_suffix);
}

}  // namespace
}  // namespace shield::prom::testing
