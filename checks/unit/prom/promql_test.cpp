// PromQL analyzer: which metrics a query reads, and syntax errors with positions.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "support/prom/metric_families.hpp"
#include "support/prom/promql_analyzer.hpp"

namespace shield::prom {
namespace {

// One expected selector: name and how it is matched.
struct expected_metric {
  std::string name;                      // name, pattern or templated text
  name_match match = name_match::exact;  // expected match kind
};

// Query and the selectors it must yield, in order.
struct extraction_case {
  std::string id;                        // test name
  std::string query;                     // PromQL
  std::vector<expected_metric> metrics;  // expected selectors
};

std::vector<extraction_case> extraction_cases() {
  using enum name_match;
  return {
      {"bare_name", "up", {{"up"}}},
      {"recording_rule_name", "job:http_requests:rate5m > 0", {{"job:http_requests:rate5m"}}},
      {"rate_with_matchers",
       "rate(http_requests_total{status=~\"5..\",method!=\"GET\"}[5m])",
       {{"http_requests_total"}}},
      {"name_label_exact", "{__name__=\"redis_memory_usage_bytes\", instance=\"a\"}", {{"redis_memory_usage_bytes"}}},
      {"name_label_regex", "sum({__name__=~\"redis_.*_total\"})", {{"redis_.*_total", regex}}},
      {"name_label_negated", "{__name__!=\"up\",job=\"x\"}", {{"up", not_equal}}},
      {"name_label_negated_regex", "count({__name__!~\"go_.*\",job=\"x\"})", {{"go_.*", not_regex}}},
      {"selector_without_name", "{job=\"shield\"}", {{"", any}}},
      {"quoted_metric_name", "{\"http.server.duration\", job=\"x\"}", {{"http.server.duration"}}},
      {"grouping_labels_are_not_metrics",
       "sum by (endpoint, method) (rate(http_requests_total[1m]))",
       {{"http_requests_total"}}},
      {"grouping_after_aggregation",
       "sum(rate(http_requests_total[1m])) without (instance)",
       {{"http_requests_total"}}},
      {"on_ignoring_group_left", "a * on(job) group_left(version) b + ignoring(instance) c", {{"a"}, {"b"}, {"c"}}},
      {"group_right_without_labels", "a / on(job) group_right b", {{"a"}, {"b"}}},
      {"strings_that_look_like_metrics",
       "label_replace(up, \"http_requests_total\", \"$1\", 'instance', `(.*):.*`)",
       {{"up"}}},
      {"count_values_parameter", "count_values(\"version\", build_info)", {{"build_info"}}},
      {"topk_parameter", "topk(5, redis_mapping_entries_total)", {{"redis_mapping_entries_total"}}},
      {"quantile_parameter", "quantile(0.9, system_cpu_usage_percent)", {{"system_cpu_usage_percent"}}},
      {"aggregator_names_as_metrics", "sum + count{job=\"x\"} - avg offset 5m", {{"sum"}, {"count"}, {"avg"}}},
      {"keywords_as_metrics", "by + without + offset", {{"by"}, {"without"}, {"offset"}}},
      {"set_operator_names_as_metrics", "foo and on(job) and", {{"foo"}, {"and"}}},
      {"uppercase_aggregation", "SUM BY (job) (up)", {{"up"}}},
      {"function_name_as_metric", "time() > rate", {{"rate"}}},
      {"function_name_without_parens", "time", {{"time"}}},
      {"comment_is_skipped", "up # rate(fake_total[5m])\n + process_open_fds", {{"up"}, {"process_open_fds"}}},
      {"numbers", "0x1F * 1e3 + Inf - NaN + .5 + 5. + up", {{"up"}}},
      {"inf_with_braces_is_a_metric", "Inf{job=\"x\"}", {{"Inf"}}},
      {"offset_and_at",
       "rate(foo[5m] offset -1h @ 1609746000) + bar @ start() + baz offset 1h30m @ end()",
       {{"foo"}, {"bar"}, {"baz"}}},
      {"subquery",
       "max_over_time(rate(http_requests_total[1m])[30m:1m]) + min_over_time(up[1h:])",
       {{"http_requests_total"}, {"up"}}},
      {"grafana_range_variables",
       "rate(a_total[$__rate_interval]) + rate(b_total[${window}]) + rate(c_total[[[interval]]])",
       {{"a_total"}, {"b_total"}, {"c_total"}}},
      {"grafana_label_values",
       "sum(rate(http_requests_total{job=~\"$job\",instance=\"${instance:raw}\"}[5m]))",
       {{"http_requests_total"}}},
      {"grafana_number_and_label_placeholders", "topk($n, sum by ($group) (up)) > $threshold", {{"up"}}},
      {"grafana_templated_name",
       "rate(${prefix}_requests_total[5m]) + $metric{job=\"x\"}",
       {{"${prefix}_requests_total", templated}, {"$metric", templated}}},
      {"grafana_offset_and_subquery", "avg_over_time(up[$__range:$__interval] offset $shift)", {{"up"}}},
      {"histogram_quantile",
       "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
       {{"http_request_duration_seconds_bucket"}}},
      {"unary_and_precedence", "-a ^ 2 * -b + +c", {{"a"}, {"b"}, {"c"}}},
      {"bool_comparison", "up == bool 1", {{"up"}}},
      {"atan2_operator", "a atan2 b", {{"a"}, {"b"}}},
      {"multiline", "sum(\n  rate(x_total[5m])\n)\n/\nsum(\n  rate(y_total[5m])\n)", {{"x_total"}, {"y_total"}}},
  };
}

void PrintTo(const extraction_case& c, std::ostream* os) { *os << c.id; }

class PromQLExtraction : public ::testing::TestWithParam<extraction_case> {};

TEST_P(PromQLExtraction, FindsEveryMetric) {
  const extraction_case& c = GetParam();
  const promql_analysis analysis = analyze_promql(c.query);
  ASSERT_TRUE(analysis.ok()) << analysis.error->message << " at column " << analysis.error->column;
  ASSERT_EQ(analysis.metrics.size(), c.metrics.size());
  for (std::size_t i = 0; i < c.metrics.size(); ++i) {
    EXPECT_EQ(analysis.metrics[i].name, c.metrics[i].name) << "selector " << i;
    EXPECT_EQ(analysis.metrics[i].match, c.metrics[i].match) << "selector " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, PromQLExtraction, ::testing::ValuesIn(extraction_cases()),
                         [](const ::testing::TestParamInfo<extraction_case>& param_info) {
                           return param_info.param.id;
                         });

const metric_reference& only_metric(const promql_analysis& a, std::string_view name) {
  for (const metric_reference& m : a.metrics) {
    if (m.name == name) {
      return m;
    }
  }
  ADD_FAILURE() << "no selector for " << name;
  static const metric_reference none{};
  return none;
}

TEST(PromQL, RateWrappingAndRanges) {
  const promql_analysis a = analyze_promql(
      "sum(rate(http_requests_total{status=\"500\"}[5m])) / sum(http_requests_total)"
      " + increase(pii_detection_errors_total[1h]) + max_over_time(deanonymization_failures_total[10m])");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a.metrics.size(), 4U);
  EXPECT_TRUE(a.metrics[0].rate_wrapped);
  EXPECT_EQ(a.metrics[0].range, "5m");
  EXPECT_EQ(a.metrics[0].range_function, "rate");
  EXPECT_EQ(a.metrics[0].enclosing, (std::vector<std::string>{"rate", "sum"}));
  ASSERT_EQ(a.metrics[0].matchers.size(), 1U);
  EXPECT_EQ(a.metrics[0].matchers[0].name, "status");
  EXPECT_EQ(a.metrics[0].matchers[0].op, "=");
  EXPECT_EQ(a.metrics[0].matchers[0].value, "500");
  EXPECT_FALSE(a.metrics[1].rate_wrapped);  // counter read raw: the checks flag this one
  EXPECT_TRUE(a.metrics[1].range.empty());
  EXPECT_EQ(a.metrics[1].enclosing, (std::vector<std::string>{"sum"}));
  EXPECT_TRUE(a.metrics[2].rate_wrapped);
  EXPECT_EQ(a.metrics[2].range_function, "increase");
  EXPECT_FALSE(a.metrics[3].rate_wrapped);
  EXPECT_EQ(a.metrics[3].range_function, "max_over_time");
}

TEST(PromQL, RateInsideSubqueryStillCounts) {
  const promql_analysis a = analyze_promql("max_over_time(deriv(queue_depth[5m])[1h:1m]) + avg_over_time(up[1h:])");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(only_metric(a, "queue_depth").rate_wrapped);
  EXPECT_EQ(only_metric(a, "queue_depth").range_function, "deriv");
  EXPECT_FALSE(only_metric(a, "up").rate_wrapped);
  EXPECT_TRUE(only_metric(a, "up").range_function.empty());  // a subquery, not a range selector
}

TEST(PromQL, OffsetsAndFunctionsRecorded) {
  const promql_analysis a = analyze_promql("rate(foo[5m] offset -1h) + bar offset 30s + max_over_time(baz[1m])");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(only_metric(a, "foo").offset_modifier, "-1h");
  EXPECT_EQ(only_metric(a, "bar").offset_modifier, "30s");
  ASSERT_EQ(a.functions.size(), 2U);
  EXPECT_EQ(a.functions[0].name, "rate");
  EXPECT_TRUE(a.functions[0].known);
  EXPECT_EQ(a.functions[1].name, "max_over_time");
  EXPECT_TRUE(a.functions[1].known);
  EXPECT_FALSE(only_metric(a, "baz").rate_wrapped);
}

TEST(PromQL, GroupingLabelsCollected) {
  const promql_analysis a =
      analyze_promql("sum by (endpoint, \"method\",) (rate(x[5m])) * on(job) group_left(version) info_metric");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.grouping_labels, (std::vector<std::string>{"endpoint", "method", "job", "version"}));
  ASSERT_EQ(a.functions.size(), 2U);
  EXPECT_TRUE(a.functions[0].aggregation);
  EXPECT_EQ(a.functions[0].name, "sum");
}

TEST(PromQL, PositionsPointAtSelectors) {
  const std::string q = "sum(rate(foo[1m])) + bar";
  const promql_analysis a = analyze_promql(q);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.metrics[0].position, q.find("foo"));
  EXPECT_EQ(a.metrics[1].position, q.find("bar"));
}

TEST(PromQL, MetricNamesAreDistinctAndExact) {
  const promql_analysis a = analyze_promql("a + a + {__name__=~\"b.*\"} + c");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.metric_names(), (std::vector<std::string>{"a", "c"}));
}

TEST(PromQL, HistogramSuffixesMapToFamilies) {
  const family_name_set histograms = {"http_request_duration_seconds"};
  EXPECT_EQ(histogram_base_name("http_request_duration_seconds_bucket", histograms), "http_request_duration_seconds");
  EXPECT_EQ(histogram_base_name("http_request_duration_seconds_sum", histograms), "http_request_duration_seconds");
  EXPECT_EQ(histogram_base_name("http_request_duration_seconds_count", histograms), "http_request_duration_seconds");
  EXPECT_EQ(histogram_base_name("http_requests_count", histograms), "http_requests_count");  // not a histogram
  EXPECT_EQ(histogram_base_name("_bucket", {""}), "_bucket");
  const promql_analysis a = analyze_promql(
      "histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m]))"
      " / rate(http_request_duration_seconds_sum[5m]) + rate(http_request_duration_seconds_count[5m])"
      " + http_requests_total");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(queried_families(a, histograms),
            (std::vector<std::string>{"http_request_duration_seconds", "http_requests_total"}));
}

// Syntax errors: the message and where (byte offset, line, column).
struct error_case {
  std::string id;            // test name
  std::string query;         // broken PromQL
  std::size_t position = 0;  // expected byte offset
  std::string message_part;  // expected fragment of the message
};

std::vector<error_case> error_cases() {
  return {
      {"unclosed_paren", "sum(rate(foo[5m])", 3, "unclosed '('"},
      {"unclosed_brace", "foo{job=\"x\"", 3, "unclosed '{'"},
      {"unclosed_bracket", "rate(foo[5m)", 11, "unexpected ')'"},
      {"extra_paren", "rate(foo[5m]))", 13, "unexpected ')'"},
      {"unterminated_string", "foo{job=\"x}", 8, "unterminated quoted string"},
      {"unterminated_raw_string", "label_replace(up, `x", 18, "unterminated raw string"},
      {"string_broken_by_newline", "foo{job=\"x\n\"}", 8, "unterminated quoted string"},
      {"unexpected_character", "foo ; bar", 4, "unexpected character ';'"},
      {"bang_alone", "foo ! bar", 4, "unexpected character after '!'"},
      {"bad_duration", "rate(foo[5x])", 9, "bad number or duration"},
      {"missing_duration", "rate(foo[])", 9, "expected a duration"},
      {"range_on_function", "rate(foo[5m])[5m]", 13, "ranges only allowed for vector selectors"},
      {"offset_twice", "foo offset 5m offset 1m", 14, "offset may not be set multiple times"},
      {"offset_on_function", "rate(foo[5m]) offset 1m", 14, "offset modifier must follow"},
      {"range_after_offset", "foo offset 5m [1m]", 14, "no offset or @ modifiers allowed before a range"},
      {"missing_operand", "foo +", 5, "unexpected end of input"},
      {"two_selectors", "foo bar", 4, "unexpected identifier \"bar\""},
      {"reserved_keyword", "bool", 0, "unexpected keyword \"bool\""},
      {"bool_on_arithmetic", "a + bool b", 4, "bool modifier can only be used on comparison operators"},
      {"grouping_on_set_operator", "a and on(job) group_left b", 14, "no grouping allowed for set operations"},
      {"name_set_twice", "foo{__name__=\"bar\"}", 4, "metric name must not be set twice"},
      {"empty_selector", "{}", 0, "at least one non-empty matcher"},
      {"matcher_without_string", "foo{job=bar}", 8, "expected a string"},
      {"aggregation_arity", "topk(foo)", 0, "wrong number of arguments for aggregation topk"},
      {"trailing_comma_in_call", "clamp(foo, 0, )", 12, "trailing commas not allowed"},
      {"empty_query", "  # only a comment", 18, "no expression found"},
      {"grafana_brackets_glued_to_name", "foo[[var]]", 3, "unexpected variable"},
      {"error_on_second_line", "sum(\n  rate(foo[5m]) +\n)", 23, "unexpected \")\""},
  };
}

void PrintTo(const error_case& c, std::ostream* os) { *os << c.id; }

class PromQLSyntaxErrors : public ::testing::TestWithParam<error_case> {};

TEST_P(PromQLSyntaxErrors, ReportedWithPosition) {
  const error_case& c = GetParam();
  const promql_analysis analysis = analyze_promql(c.query);
  ASSERT_FALSE(analysis.ok());
  EXPECT_EQ(analysis.error->position, c.position) << analysis.error->message;
  EXPECT_NE(analysis.error->message.find(c.message_part), std::string::npos) << analysis.error->message;
  // Line and column agree with the offset.
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < c.position; ++i) {
    line += c.query[i] == '\n' ? 1 : 0;
    column = c.query[i] == '\n' ? 1 : column + 1;
  }
  EXPECT_EQ(analysis.error->line, line);
  EXPECT_EQ(analysis.error->column, column);
}

INSTANTIATE_TEST_SUITE_P(Cases, PromQLSyntaxErrors, ::testing::ValuesIn(error_cases()),
                         [](const ::testing::TestParamInfo<error_case>& param_info) { return param_info.param.id; });

TEST(PromQL, LexerTokens) {
  const lex_result r = lex_promql("rate(x{a=~\"\\u00e9\\x41\"}[1h30m]) >= 0x1f");
  ASSERT_FALSE(r.error.has_value());
  std::vector<token_kind> kinds;
  for (const token& t : r.tokens) {
    kinds.push_back(t.kind);
  }
  using enum token_kind;
  EXPECT_EQ(kinds, (std::vector<token_kind>{identifier, left_paren, identifier, left_brace, identifier, regex_match,
                                            string, right_brace, left_bracket, duration, right_bracket, right_paren,
                                            greater_equal, number, end}));
  EXPECT_EQ(r.tokens[6].value,
            "\xc3\xa9"
            "A");
  EXPECT_EQ(r.tokens[9].text, "1h30m");
}

}  // namespace
}  // namespace shield::prom
