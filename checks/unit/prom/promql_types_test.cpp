// PromQL type checking offline: each rule of Prometheus's checkAST shown accepted in its valid form
// and rejected in its broken form, with Prometheus's wording.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "support/prom/promql_analyzer.hpp"
#include "support/prom/promql_types.hpp"

namespace shield::prom {
namespace {

// One rule: a query that keeps it and one that breaks it.
struct type_rule_case {
  std::string id;       // test name
  std::string valid;    // accepted
  std::string broken;   // rejected
  std::string message;  // fragment of the rejection
};

std::vector<type_rule_case> type_rule_cases() {
  return {
      {"unknown_function", "rate(x[5m])", "rates(x[5m])", "unknown function with name \"rates\""},
      {"function_names_are_case_sensitive", "rate(x[5m])", "Rate(x[5m])", "unknown function with name \"Rate\""},
      {"range_required", "rate(x[5m])", "rate(x)",
       "expected type range vector in call to function \"rate\", got instant vector"},
      {"instant_required", "abs(x)", "abs(x[5m])",
       "expected type instant vector in call to function \"abs\", got range vector"},
      {"scalar_required", "clamp_max(x, 1)", "clamp_max(x, y)",
       "expected type scalar in call to function \"clamp_max\", got instant vector"},
      {"string_required", "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")",
       "label_replace(x, a, \"$1\", \"b\", \"(.*)\")", "expected type string"},
      {"fixed_arity", "histogram_quantile(0.9, x)", "histogram_quantile(x)",
       "expected 2 argument(s) in call to \"histogram_quantile\", got 1"},
      {"too_many_arguments", "rate(x[5m])", "rate(x[5m], 1)", "expected 1 argument(s) in call to \"rate\", got 2"},
      {"optional_argument", "round(x, 5)", "round(x, 5, 1)",
       "expected at most 2 argument(s) in call to \"round\", got 3"},
      {"optional_argument_omitted", "hour()", "hour(x, x)", "expected at most 1 argument(s)"},
      {"variadic_least", "label_join(x, \"d\", \",\", \"a\", \"b\", \"c\")", "label_join(x, \"d\")",
       "expected at least 3 argument(s) in call to \"label_join\", got 2"},
      {"no_arguments", "time()", "time(x)", "expected 0 argument(s) in call to \"time\", got 1"},
      {"aggregation_of_range", "sum(rate(x[5m]))", "sum(x[5m])",
       "expected type instant vector in aggregation expression, got range vector"},
      {"aggregation_of_scalar", "sum(vector(1))", "sum(1)",
       "expected type instant vector in aggregation expression, got scalar"},
      {"aggregation_parameter_scalar", "topk(3, x)", "topk(\"3\", x)",
       "expected type scalar in aggregation parameter, got string"},
      {"count_values_parameter_string", "count_values(\"v\", x)", "count_values(3, x)",
       "expected type string in aggregation parameter, got scalar"},
      {"range_on_non_selector", "max_over_time(rate(x[5m])[1h:])", "max_over_time(rate(x[5m])[1h])",
       "ranges only allowed for vector selectors"},
      {"subquery_of_range", "max_over_time(x[5m:])", "max_over_time(x[5m][1h:])",
       "subquery is only allowed on instant vector, got range vector"},
      {"binary_of_range", "rate(x[5m]) * 2", "x[5m] * 2",
       "binary expression must contain only scalar and instant vector types"},
      {"binary_of_string", "x + 1", "x + \"1\"", "binary expression must contain only scalar and instant vector types"},
      {"scalar_comparison_needs_bool", "1 > bool 2", "1 > 2", "comparisons between scalars must use BOOL modifier"},
      {"bool_on_non_comparison", "x > bool 1", "x + bool 1", "bool modifier can only be used on comparison operators"},
      {"set_operator_with_scalar", "x and y", "x and 1",
       "set operator \"and\" not allowed in binary scalar expression"},
      {"vector_matching_with_scalar", "x + on(job) y", "x + on(job) 1",
       "vector matching only allowed between instant vectors"},
      {"unary_on_range", "-rate(x[5m])", "-x[5m]",
       "unary expression only allowed on expressions of type scalar or instant vector"},
      {"unary_on_string", "-1", "-\"a\"", "unary expression only allowed"},
      {"parentheses_keep_the_type", "rate((x[5m]))", "rate((x))", "expected type range vector"},
      {"scalar_function_result", "vector(scalar(x)) > 1", "scalar(x) > 1",
       "comparisons between scalars must use BOOL modifier"},
      {"invalid_regex", "x{job=~\"a(b|c)\"}", "x{job=~\"a(b|c\"}", "invalid regular expression \"a(b|c\""},
      {"invalid_negated_regex", "x{job!~\"[a-z]+\"}", "x{job!~\"[a-z+\"}", "invalid regular expression"},
      {"invalid_name_regex", "{__name__=~\"x_.+\"}", "{__name__=~\"*x\"}", "invalid regular expression"},
      {"perl_lookahead_is_not_re2", "x{job=~\"a.*\"}", "x{job=~\"a(?=b)\"}", "invalid regular expression"},
      {"all_matchers_match_empty", "{job=~\".+\"}", "{job=~\".*\"}", "at least one non-empty matcher"},
      {"empty_equality_matches_empty", "{job!=\"\"}", "{job=\"\"}", "at least one non-empty matcher"},
      // Grouping modifiers belong to aggregations only.
      {"by_on_a_function", "sum by (job) (rate(x[5m]))", "rate(x[5m]) by (job)", "unexpected identifier \"by\""},
      {"without_on_a_selector", "sum without (job) (x)", "x without (job)", "unexpected identifier \"without\""},
      {"by_on_parentheses", "sum by (job) ((x))", "(x) by (job)", "unexpected identifier \"by\""},
  };
}

void PrintTo(const type_rule_case& c, std::ostream* os) { *os << c.id; }

class PromQLTypeRules : public ::testing::TestWithParam<type_rule_case> {};

TEST_P(PromQLTypeRules, ValidAcceptedBrokenRejected) {
  const type_rule_case& c = GetParam();
  const promql_analysis valid = analyze_promql(c.valid);
  EXPECT_TRUE(valid.ok()) << c.valid << ": " << (valid.error ? valid.error->message : "");
  const promql_analysis broken = analyze_promql(c.broken);
  ASSERT_FALSE(broken.ok()) << c.broken << " was accepted";
  EXPECT_NE(broken.error->message.find(c.message), std::string::npos) << broken.error->message;
}

INSTANTIATE_TEST_SUITE_P(Cases, PromQLTypeRules, ::testing::ValuesIn(type_rule_cases()),
                         [](const ::testing::TestParamInfo<type_rule_case>& param_info) {
                           return param_info.param.id;
                         });

TEST(PromQLTypes, ResultTypeOfTheWholeQuery) {
  EXPECT_EQ(analyze_promql("x").type, value_type::vector);
  EXPECT_EQ(analyze_promql("x[5m]").type, value_type::matrix);  // an instant query may return a range vector
  EXPECT_EQ(analyze_promql("rate(x[5m])[1h:1m]").type, value_type::matrix);
  EXPECT_EQ(analyze_promql("1 + 2").type, value_type::scalar);
  EXPECT_EQ(analyze_promql("time() - 1").type, value_type::scalar);
  EXPECT_EQ(analyze_promql("\"a\"").type, value_type::string);
  EXPECT_EQ(analyze_promql("1 + x").type, value_type::vector);
  EXPECT_EQ(analyze_promql("(sum(x))").type, value_type::vector);
}

TEST(PromQLTypes, GrafanaVariablesFitAnyType) {
  for (const char* q : {"topk($n, x)", "rate(x[$__rate_interval])", "x > $threshold", "clamp_max(x, $max)",
                        "x{job=~\"$job\"}", "x{job=~\"${job:regex}\"}", "{job=~\"$job\"}", "$metric{a=\"b\"}[5m]"}) {
    const promql_analysis a = analyze_promql(q);
    EXPECT_TRUE(a.ok()) << q << ": " << a.error->message;
  }
}

TEST(PromQLTypes, FunctionTableIsSortedAndComplete) {
  for (const char* name : {"abs", "absent_over_time", "clamp", "day_of_week", "histogram_quantile", "holt_winters",
                           "label_join", "label_replace", "predict_linear", "quantile_over_time", "round", "scalar",
                           "sort_desc", "time", "timestamp", "vector", "year", "sort_by_label", "info"}) {
    EXPECT_NE(find_function(name), nullptr) << name;
  }
  EXPECT_EQ(find_function("rates"), nullptr);
  EXPECT_EQ(find_function("sum"), nullptr);  // an aggregation, not a function
  EXPECT_EQ(find_function("scalar")->result, value_type::scalar);
}

}  // namespace
}  // namespace shield::prom
