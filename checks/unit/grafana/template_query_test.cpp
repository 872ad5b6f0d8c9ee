#include "support/grafana/template_query.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

TEST(GrafanaTemplateQuery, LabelValuesWithMetric) {
  const auto q = parse_variable_query(R"x(  label_values(http_requests_total{job=~"a|b", x=",)"}, endpoint) )x");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->function, variable_function::label_values);
  EXPECT_EQ(q->expr, R"x(http_requests_total{job=~"a|b", x=",)"})x");
  EXPECT_EQ(q->metric, "http_requests_total");
  EXPECT_EQ(q->label, "endpoint");
}

TEST(GrafanaTemplateQuery, LabelValuesOfALabelOnly) {
  const auto q = parse_variable_query("label_values(instance)");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->function, variable_function::label_values);
  EXPECT_EQ(q->expr, "");
  EXPECT_EQ(q->metric, "");
  EXPECT_EQ(q->label, "instance");
}

TEST(GrafanaTemplateQuery, LabelValuesOfASelectorWithoutName) {
  const auto q = parse_variable_query(R"(label_values({__name__=~"redis_.*"}, $label))");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->expr, R"json({__name__=~"redis_.*"})json");
  EXPECT_EQ(q->metric, "");
  EXPECT_EQ(q->label, "$label");
}

TEST(GrafanaTemplateQuery, QueryResultKeepsItsCommas) {
  const auto q = parse_variable_query("query_result(topk(5, sum by (endpoint) (rate(x_total[5m]))))");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->function, variable_function::query_result);
  EXPECT_EQ(q->expr, "topk(5, sum by (endpoint) (rate(x_total[5m])))");
}

TEST(GrafanaTemplateQuery, MetricsRegexBecomesANameSelector) {
  // The stray quote checks that the regex is escaped into the PromQL string.
  const auto q = parse_variable_query(R"(metrics(redis_(mapping|memory)_.*"))");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->function, variable_function::metrics);
  EXPECT_EQ(q->metric_regex, R"(redis_(mapping|memory)_.*")");
  EXPECT_EQ(q->expr, R"json({__name__=~"redis_(mapping|memory)_.*\""})json");
}

TEST(GrafanaTemplateQuery, LabelNames) {
  const auto none = parse_variable_query("label_names()");
  ASSERT_TRUE(none) << none.error();
  EXPECT_EQ(none->function, variable_function::label_names);
  EXPECT_EQ(none->expr, "");
  const auto some = parse_variable_query("label_names(up{job=\"x\"})");
  ASSERT_TRUE(some) << some.error();
  EXPECT_EQ(some->expr, "up{job=\"x\"}");
  EXPECT_EQ(some->metric, "up");
}

TEST(GrafanaTemplateQuery, AnythingElseIsASeriesSelector) {
  const auto q = parse_variable_query("sum(up) by (job)");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->function, variable_function::series);
  EXPECT_EQ(q->expr, "sum(up) by (job)");
  // A name that merely starts like a function is not one.
  const auto prefix = parse_variable_query("label_values_total{a=\"b\"}");
  ASSERT_TRUE(prefix) << prefix.error();
  EXPECT_EQ(prefix->function, variable_function::series);
  EXPECT_EQ(prefix->metric, "label_values_total");
}

TEST(GrafanaTemplateQuery, MalformedCalls) {
  struct bad {
    std::string text;
    std::string fragment;
  };
  const std::vector<bad> cases = {
      {"label_values()", "got 0 arguments"},
      {"label_values(a, b, c)", "got 3 arguments"},
      {"label_values(up, 1abc)", "not a label name"},
      {"label_values(, job)", "empty metric"},
      {"label_values(up{a=\"b\", job)", "unbalanced"},
      {"label_values(up{a=\"b}, job)", "unterminated string"},
      {"label_values(up, job", "must end with ')'"},
      {"label_values(up)) , job)", "unbalanced"},
      {"query_result()", "empty expression"},
      {"query_result(sum(rate(x[5m]))", "unbalanced"},
      {"metrics( )", "empty regex"},
      {"label_names(a, b)", "got 2 arguments"},
  };
  for (const auto& c : cases) {
    const auto q = parse_variable_query(c.text);
    EXPECT_FALSE(q) << c.text;
    if (q) continue;
    EXPECT_NE(q.error().message.find(c.fragment), std::string::npos) << c.text << " -> " << q.error();
  }
}

TEST(GrafanaTemplateQuery, LeadingMetricName) {
  EXPECT_EQ(leading_metric_name("  http_requests_total{a=\"b\"}"), "http_requests_total");
  EXPECT_EQ(leading_metric_name("job:rate5m:sum"), "job:rate5m:sum");
  EXPECT_EQ(leading_metric_name("{__name__=\"x\"}"), "");
  EXPECT_EQ(leading_metric_name("9lives"), "");
}

}  // namespace
}  // namespace shield::grafana
