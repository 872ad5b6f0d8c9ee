// The expected-metrics file format: the shipped file, the strict loader's errors, globs, value rules.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "fixtures/expected_metrics/expected_metrics_loader.hpp"

namespace shield::expected {
namespace {

// A minimal valid file with one metric object spliced in.
std::string with_metric(const std::string& metric_json) { return R"({"metrics": [)" + metric_json + "]}"; }

// True when some error starts with path and contains fragment.
bool has_error(const load_result& r, std::string_view path, std::string_view fragment) {
  for (const auto& e : r.errors) {
    if (e.starts_with(std::string(path) + ": ") && e.find(fragment) != std::string::npos) return true;
  }
  return false;
}

TEST(ExpectedMetricsFile, ShippedFileHasTheTenDesignMetrics) {
  const load_result r = load_expected_metrics(default_expected_metrics_file());
  ASSERT_TRUE(r.ok()) << r.error_text();
  const std::set<std::string> design = {"system_cpu_usage_percent",       "system_memory_usage_bytes",
                                        "redis_connection_status",        "http_requests_total",
                                        "http_request_duration_seconds",  "pii_detection_errors_total",
                                        "deanonymization_failures_total", "redis_mapping_sessions_total",
                                        "redis_mapping_entries_total",    "redis_memory_usage_bytes"};
  std::set<std::string> names;
  for (const auto& m : r.metrics->metrics) names.insert(m.name);
  EXPECT_EQ(names, design);

  const auto& m = *r.metrics;
  EXPECT_EQ(m.find("http_requests_total")->type, prom::metric_type::counter);
  EXPECT_EQ(m.find("http_requests_total")->labels, (std::vector<std::string>{"method", "endpoint", "status"}));
  EXPECT_EQ(m.find("http_request_duration_seconds")->type, prom::metric_type::histogram);
  EXPECT_EQ(m.find("http_request_duration_seconds")->labels, (std::vector<std::string>{"method", "endpoint"}));
  // The rules the issue names.
  const value_rule& redis = m.find("redis_connection_status")->value;
  EXPECT_TRUE(redis.holds(1));
  EXPECT_FALSE(redis.holds(0));
  const value_rule& cpu = m.find("system_cpu_usage_percent")->value;
  EXPECT_TRUE(cpu.holds(0) && cpu.holds(100) && cpu.holds(42.5));
  EXPECT_FALSE(cpu.holds(-0.1) || cpu.holds(100.1) || cpu.holds(std::nan("")));
  EXPECT_FALSE(m.find("system_memory_usage_bytes")->value.holds(0));
  EXPECT_TRUE(m.find("system_memory_usage_bytes")->value.holds(1));
  // Mapping metrics: untyped current counts; gauges tolerated with the _total lint as a warning, counters too.
  for (const char* name : {"redis_mapping_sessions_total", "redis_mapping_entries_total"}) {
    const auto* mapping = m.find(name);
    ASSERT_NE(mapping, nullptr) << name;
    EXPECT_EQ(mapping->type, prom::metric_type::untyped);
    ASSERT_EQ(mapping->also_accept.size(), 2u);
    EXPECT_EQ(mapping->also_accept[0].type, prom::metric_type::gauge);
    EXPECT_EQ(mapping->also_accept[1].type, prom::metric_type::counter);
    EXPECT_EQ(mapping->also_accept[0].warn_lints, std::vector<std::string>{"non-counter-total-suffix"});
  }
  // Python extras accepted, node exporter forbidden with replacements.
  EXPECT_TRUE(m.accepted("http_requests_created"));
  EXPECT_TRUE(m.accepted("process_resident_memory_bytes"));
  EXPECT_TRUE(m.accepted("python_gc_objects_collected_total"));
  EXPECT_FALSE(m.accepted("go_goroutines"));
  ASSERT_NE(m.forbidden_match("node_cpu_seconds_total"), nullptr);
  EXPECT_EQ(m.forbidden_match("system_cpu_usage_percent"), nullptr);
  EXPECT_EQ(m.replacement_for("node_cpu_seconds_total")->name, "system_cpu_usage_percent");
  EXPECT_EQ(m.replacement_for("node_memory_MemAvailable_bytes")->name, "system_memory_usage_bytes");
  EXPECT_EQ(m.replacement_for("node_network_receive_bytes_total"), nullptr);
}

TEST(ExpectedMetricsFile, UnknownKeysAreErrorsNamingTheKey) {
  const load_result top = parse_expected_metrics(R"({"metrics": [{"name": "a", "type": "gauge"}], "extra": 1})");
  EXPECT_TRUE(has_error(top, "$", "unknown key \"extra\"")) << top.error_text();

  const load_result metric =
      parse_expected_metrics(with_metric(R"({"name": "a", "type": "gauge", "valu": {"min": 0}})"));
  EXPECT_TRUE(has_error(metric, "$.metrics[0]", "unknown key \"valu\"")) << metric.error_text();

  const load_result rule =
      parse_expected_metrics(with_metric(R"({"name": "a", "type": "gauge", "value": {"minimum": 0}})"));
  EXPECT_TRUE(has_error(rule, "$.metrics[0].value", "unknown key \"minimum\"")) << rule.error_text();

  const load_result alt = parse_expected_metrics(with_metric(
      R"({"name": "a_total", "type": "counter", "also_accept": [{"type": "gauge", "reason": "r", "why": "x"}]})"));
  EXPECT_TRUE(has_error(alt, "$.metrics[0].also_accept[0]", "unknown key \"why\"")) << alt.error_text();

  const load_result forbidden = parse_expected_metrics(
      R"({"metrics": [{"name": "a", "type": "gauge"}], "forbidden": [{"pattern": "x_*", "reason": "r", "because": 1}]})");
  EXPECT_TRUE(has_error(forbidden, "$.forbidden[0]", "unknown key \"because\"")) << forbidden.error_text();
  for (const auto* r : {&top, &metric, &rule, &alt, &forbidden}) EXPECT_FALSE(r->metrics.has_value());
}

TEST(ExpectedMetricsFile, BadValuesAreErrorsWithTheirPath) {
  struct bad_case {
    std::string metric;    // metric object
    std::string path;      // expected error path
    std::string fragment;  // expected error text
  };
  const std::vector<bad_case> cases = {
      {R"({"type": "gauge"})", "$.metrics[0]", "missing \"name\""},
      {R"({"name": "a"})", "$.metrics[0]", "missing \"type\""},
      {R"({"name": "a", "type": "gaugee"})", "$.metrics[0].type", "unknown type \"gaugee\""},
      {R"({"name": "1a", "type": "gauge"})", "$.metrics[0].name", "not a metric name"},
      {R"({"name": "a", "type": "gauge", "labels": ["ok", "not-ok"]})", "$.metrics[0].labels[1]", "not a label name"},
      {R"({"name": "a", "type": "gauge", "labels": ["x", "x"]})", "$.metrics[0].labels[1]", "listed twice"},
      {R"({"name": "a", "type": "histogram", "labels": ["le"]})", "$.metrics[0].labels[0]", "belongs to the type"},
      {R"({"name": "a", "type": "histogram", "value": {"min": 0}})", "$.metrics[0].value", "counters, gauges"},
      {R"({"name": "a", "type": "gauge", "value": {}})", "$.metrics[0].value", "empty rule"},
      {R"({"name": "a", "type": "gauge", "value": {"min": "0"}})", "$.metrics[0].value.min", "expected a number"},
      {R"({"name": "a", "type": "gauge", "value": {"min": 5, "max": 1}})", "$.metrics[0].value", "no value can pass"},
      {R"({"name": "a", "type": "gauge", "value": {"equals": 1, "max": 2}})", "$.metrics[0].value", "equals excludes"},
      {R"({"name": "a", "type": "gauge", "required": "yes"})", "$.metrics[0].required", "expected a boolean"},
      {R"({"name": "a", "type": "gauge", "replaces": ["node cpu"]})", "$.metrics[0].replaces[0]",
       "not a metric name pattern"},
      {R"({"name": "a", "type": "gauge", "also_accept": [{"type": "gauge", "reason": "r"}]})",
       "$.metrics[0].also_accept[0].type", "repeats the metric's own type"},
      {R"({"name": "a", "type": "counter", "also_accept": [{"type": "gauge"}]})", "$.metrics[0].also_accept[0]",
       "\"reason\""},
      {R"({"name": "a", "type": "counter", "also_accept": [{"type": "gauge", "reason": "r", "warn_lints": ["no-such-lint"]}]})",
       "$.metrics[0].also_accept[0].warn_lints[0]", "unknown lint id \"no-such-lint\""},
  };
  for (const auto& c : cases) {
    const load_result r = parse_expected_metrics(with_metric(c.metric));
    EXPECT_TRUE(has_error(r, c.path, c.fragment)) << c.metric << "\n got: " << r.error_text();
    EXPECT_FALSE(r.ok()) << c.metric;
  }
}

TEST(ExpectedMetricsFile, DocumentLevelErrors) {
  EXPECT_TRUE(has_error(parse_expected_metrics("{"), "$", "not JSON"));
  EXPECT_TRUE(has_error(parse_expected_metrics("[]"), "$", "expected an object"));
  EXPECT_TRUE(has_error(parse_expected_metrics("{}"), "$.metrics", "expected an array"));
  // Another service's dashboard: no Shield metric expected, none forbidden.
  const load_result empty = parse_expected_metrics(R"({"metrics": []})");
  EXPECT_TRUE(empty.ok()) << empty.error_text();
  const load_result twice =
      parse_expected_metrics(R"({"metrics": [{"name": "a", "type": "gauge"}, {"name": "a", "type": "gauge"}]})");
  EXPECT_TRUE(has_error(twice, "$.metrics[1].name", "listed twice")) << twice.error_text();
  const load_result conflict = parse_expected_metrics(
      R"({"metrics": [{"name": "node_load1", "type": "gauge"}], "forbidden": [{"pattern": "node_*", "reason": "r"}]})");
  EXPECT_TRUE(has_error(conflict, "$.metrics[0].name", "matches forbidden pattern \"node_*\""))
      << conflict.error_text();
  const load_result missing = load_expected_metrics("/nonexistent/expected.json");
  EXPECT_TRUE(has_error(missing, "$", "cannot read")) << missing.error_text();
}

TEST(ExpectedMetricsFile, DefaultsOfAMinimalMetric) {
  const load_result r = parse_expected_metrics(with_metric(R"({"name": "a", "type": "untyped"})"), "inline");
  ASSERT_TRUE(r.ok()) << r.error_text();
  const auto& m = r.metrics->metrics.at(0);
  EXPECT_EQ(m.type, prom::metric_type::untyped);
  EXPECT_TRUE(m.required);
  EXPECT_TRUE(m.labels.empty());
  EXPECT_TRUE(m.value.empty());
  EXPECT_EQ(r.metrics->source, "inline");
}

TEST(ExpectedMetricsGlob, StarMatchesAnyRun) {
  EXPECT_TRUE(glob_match("node_*", "node_cpu_seconds_total"));
  EXPECT_TRUE(glob_match("node_*", "node_"));
  EXPECT_FALSE(glob_match("node_*", "nodes_cpu"));
  EXPECT_TRUE(glob_match("*_created", "http_requests_created"));
  EXPECT_FALSE(glob_match("*_created", "http_requests_created_total"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_TRUE(glob_match("a*b*c", "abc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXcYYb"));
  EXPECT_TRUE(glob_match("exact", "exact"));
  EXPECT_FALSE(glob_match("exact", "exactly"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("", "x"));
}

TEST(ExpectedMetricsValueRule, DescribeReadsLikeTheRule) {
  value_rule range;
  range.min = 0;
  range.max = 100;
  EXPECT_EQ(range.describe("cpu"), "0 <= cpu <= 100");
  value_rule positive;
  positive.above = 0;
  EXPECT_EQ(positive.describe("mem"), "0 < mem");
  value_rule one;
  one.equals = 1;
  EXPECT_EQ(one.describe("up"), "up == 1");
  value_rule below;
  below.below = 0.5;
  EXPECT_EQ(below.describe("x"), "x < 0.5");
  EXPECT_TRUE(below.holds(0.25));
  EXPECT_FALSE(below.holds(0.5));
  EXPECT_TRUE(value_rule{}.holds(std::nan("")));  // no rule, nothing to break
}

}  // namespace
}  // namespace shield::expected
