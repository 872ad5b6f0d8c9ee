// check_dashboard on the shipped dashboard (clean) and its planted-fault copy (one error per fault),
// plus small inline dashboards for the rules' edges.
#include <gtest/gtest.h>

#include <map>

#include "checks/metrics/dashboard_verdict.hpp"
#include "checks/metrics/client_catalog.hpp"
#include "fixtures/expected_metrics/expected_metrics_loader.hpp"
#include "support/profile/loader.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/lint.hpp"

namespace shield::metrics {
namespace {

const std::string shield_file = std::string{SHIELD_DASHBOARDS_DIR} + "/shield.json";
const std::string faulty_file = std::string{SHIELD_DASHBOARDS_DIR} + "/faulty.json";

const expected::expected_metrics& shipped_expected() {
  static const expected::load_result r = expected::load_expected_metrics(expected::default_expected_metrics_file());
  EXPECT_TRUE(r.ok()) << r.error_text();
  return *r.metrics;
}

// A live-like catalog: what the reference backend exposes once it has had traffic.
metric_catalog exposition_catalog() {
  const std::string text =
      "# TYPE http_requests_total counter\n"
      "http_requests_total{method=\"GET\",endpoint=\"/health\",status=\"200\"} 3\n"
      "# TYPE http_request_duration_seconds histogram\n"
      "http_request_duration_seconds_bucket{method=\"GET\",endpoint=\"/health\",le=\"+Inf\"} 3\n"
      "http_request_duration_seconds_sum{method=\"GET\",endpoint=\"/health\"} 0.1\n"
      "http_request_duration_seconds_count{method=\"GET\",endpoint=\"/health\"} 3\n"
      "# TYPE pii_detection_errors_total counter\npii_detection_errors_total 0\n"
      "# TYPE deanonymization_failures_total counter\ndeanonymization_failures_total 0\n"
      "# TYPE system_cpu_usage_percent gauge\nsystem_cpu_usage_percent 3\n"
      "# TYPE system_memory_usage_bytes gauge\nsystem_memory_usage_bytes 1e7\n"
      "# TYPE redis_connection_status gauge\nredis_connection_status 1\n"
      "# TYPE redis_mapping_sessions_total untyped\nredis_mapping_sessions_total 2\n"
      "# TYPE redis_mapping_entries_total untyped\nredis_mapping_entries_total 4\n"
      "# TYPE redis_memory_usage_bytes gauge\nredis_memory_usage_bytes 1e6\n"
      "# TYPE declared_only gauge\n";
  const auto parsed = prom::parse_exposition(text, prom::exposition_format::prometheus_text);
  EXPECT_TRUE(parsed.ok());
  return catalog_from_exposition(parsed, "test exposition");
}

// The shipped profile, whose cases the client's exposition is rendered for.
const profile::target_profile& shipped_profile() {
  static const auto loaded = profile::load_profile(SHIELD_DEFAULT_PROFILE);
  EXPECT_TRUE(loaded.has_value());
  static const profile::target_profile p = loaded.has_value() ? loaded.value() : profile::target_profile{};
  return p;
}

// A dashboard with one panel per expr (titles "P0", "P1", ...) and optional extra JSON members.
std::string dashboard_json(const std::vector<std::string>& exprs, const std::string& extra = "") {
  std::string panels;
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    std::string escaped;
    for (const char c : exprs[i]) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    panels += std::string(i ? "," : "") + R"({"id": )" + std::to_string(i + 1) +
              R"(, "type": "timeseries", "title": "P)" + std::to_string(i) +
              R"(", "datasource": {"type": "prometheus", "uid": "x"}, "targets": [{"refId": "A", "expr": ")" + escaped +
              R"("}]})";
  }
  return R"({"title": "t", "panels": [)" + panels + "]" + extra + "}";
}

std::vector<finding> check_text(const std::string& json, const metric_catalog& catalog) {
  const prepared_dashboard d = prepare_dashboard_text(json, "inline");
  std::vector<finding> out = d.problems;
  const auto q = check_dashboard_queries(d, catalog, shipped_expected());
  out.insert(out.end(), q.begin(), q.end());
  return out;
}

TEST(DashboardVerdict, ShippedDashboardPassesAgainstExpectedAndExposition) {
  for (const auto& catalog : {with_client(catalog_from_expected(shipped_expected()), shipped_profile()),
                              with_client(exposition_catalog(), shipped_profile())}) {
    const auto findings = check_dashboard(shield_file, catalog, shipped_expected());
    EXPECT_TRUE(findings.empty()) << catalog.source << ":\n" << format_findings(findings);
  }
  const prepared_dashboard d = prepare_dashboard_file(shield_file);
  EXPECT_EQ(d.queries.size(), 20u);
  for (const auto& q : d.queries) EXPECT_EQ(q.promql.find('$'), std::string::npos) << q.query.name << ": " << q.promql;
}

// The "Client side" row reads the client's exposition: without it each of its metrics is unknown,
// and a misspelled client metric is caught with it.
TEST(DashboardVerdict, ClientRowIsCheckedAgainstTheClientExposition) {
  const auto without = check_dashboard(shield_file, exposition_catalog(), shipped_expected());
  ASSERT_EQ(without.size(), 4u) << format_findings(without);  // client p50, client p95, failures, in flight
  for (const auto& f : without) {
    EXPECT_EQ(f.kind, finding_kind::unknown_metric) << f.message;
    EXPECT_NE(f.subject.find("row \"Client side\""), std::string::npos) << f.subject;
    EXPECT_NE(f.message.find("reads shield_client_"), std::string::npos) << f.message;
  }
  const auto client = client_catalog(shipped_profile());
  EXPECT_TRUE(client.families.count("shield_client_requests_total"));
  EXPECT_TRUE(client.families.count("shield_client_ttft_seconds")) << "the shipped profile streams";
  EXPECT_TRUE(client.labels.at("shield_client_requests_total").count("outcome"));
  const auto typo =
      check_text(dashboard_json({"sum(rate(shield_client_request_total[5m]))", "shield_client_requests_total"}),
                 with_client(exposition_catalog(), shipped_profile()));
  ASSERT_EQ(typo.size(), 2u) << format_findings(typo);
  EXPECT_EQ(typo[0].kind, finding_kind::unknown_metric);
  EXPECT_NE(typo[0].message.find("did you mean shield_client_requests_total?"), std::string::npos) << typo[0].message;
  EXPECT_EQ(typo[1].kind, finding_kind::counter_without_rate);
  // And the client's exposition passes the strict parser and the promtool-equivalent lints.
  const auto checked =
      prom::check_metrics(client_exposition_text(shipped_profile()), prom::exposition_format::prometheus_text);
  EXPECT_TRUE(checked.ok()) << prom::format_problems(checked.problems);
}

TEST(DashboardVerdict, FaultyDashboardGivesOneErrorPerPlantedFault) {
  for (const auto& catalog : {with_client(catalog_from_expected(shipped_expected()), shipped_profile()),
                              with_client(exposition_catalog(), shipped_profile())}) {
    const auto findings = check_dashboard(faulty_file, catalog, shipped_expected());
    ASSERT_EQ(findings.size(), 4u) << catalog.source << ":\n" << format_findings(findings);
    std::map<finding_kind, finding> by_kind;
    for (const auto& f : findings) {
      EXPECT_EQ(f.level, severity::error) << f.message;
      EXPECT_TRUE(by_kind.emplace(f.kind, f).second) << "two findings of one kind:\n" << format_findings(findings);
      EXPECT_TRUE(f.message.starts_with(f.subject + ": ")) << f.message;
    }
    const auto& node = by_kind[finding_kind::forbidden_metric];
    EXPECT_EQ(node.subject, R"(row "Planted faults" / panel "Fault: node exporter metric" (id 16) target A)");
    EXPECT_NE(node.message.find("reads node_cpu_seconds_total"), std::string::npos) << node.message;
    EXPECT_NE(node.message.find("use system_cpu_usage_percent"), std::string::npos) << node.message;

    const auto& typo = by_kind[finding_kind::unknown_metric];
    EXPECT_EQ(typo.subject, R"(row "Planted faults" / panel "Fault: misspelled metric" (id 17) target A)");
    EXPECT_NE(typo.message.find("reads http_request_total, which the target does not expose"), std::string::npos)
        << typo.message;
    EXPECT_NE(typo.message.find("did you mean http_requests_total?"), std::string::npos) << typo.message;

    const auto& counter = by_kind[finding_kind::counter_without_rate];
    EXPECT_EQ(counter.subject, R"(row "Planted faults" / panel "Fault: counter without rate" (id 18) target A)");
    EXPECT_NE(counter.message.find("reads counter http_requests_total without rate() or increase()"), std::string::npos)
        << counter.message;

    const auto& syntax = by_kind[finding_kind::syntax_error];
    EXPECT_EQ(syntax.subject, R"(row "Planted faults" / panel "Fault: unbalanced parenthesis" (id 19) target A)");
    EXPECT_NE(syntax.message.find("PromQL syntax error"), std::string::npos) << syntax.message;
  }
}

TEST(DashboardVerdict, NodeMemoryNamesItsReplacementAndOthersHaveNone) {
  const auto findings =
      check_text(dashboard_json({"node_memory_MemAvailable_bytes", "rate(node_network_receive_bytes_total[5m])"}),
                 exposition_catalog());
  ASSERT_EQ(findings.size(), 2u) << format_findings(findings);
  EXPECT_NE(findings[0].message.find("use system_memory_usage_bytes"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[1].message.find("no backend metric replaces it"), std::string::npos) << findings[1].message;
  for (const auto& f : findings) EXPECT_EQ(f.kind, finding_kind::forbidden_metric);
}

TEST(DashboardVerdict, CumulativeSeriesNeedARateFunction) {
  const auto catalog = exposition_catalog();
  const auto bad =
      check_text(dashboard_json({"http_request_duration_seconds_count",
                                 "histogram_quantile(0.9, sum by (le) (http_request_duration_seconds_bucket))",
                                 "pii_detection_errors_total"}),
                 catalog);
  ASSERT_EQ(bad.size(), 3u) << format_findings(bad);
  for (const auto& f : bad) EXPECT_EQ(f.kind, finding_kind::counter_without_rate) << f.message;
  const auto good =
      check_text(dashboard_json({"sum(rate(http_request_duration_seconds_count[5m]))",
                                 "increase(http_requests_total[1h])", "irate(pii_detection_errors_total[1m])",
                                 "system_cpu_usage_percent", "redis_mapping_sessions_total",  // untyped: read bare
                                 "http_request_duration_seconds_sum * 0 + rate(http_requests_total[5m])"}),
                 catalog);
  ASSERT_EQ(good.size(), 1u) << format_findings(good);  // the bare _sum in the last query
  EXPECT_EQ(good[0].subject, R"(panel "P5" (id 6) target A)");
}

TEST(DashboardVerdict, VariablesMayReadCountersBare) {
  const std::string json = dashboard_json(
      {"sum(rate(http_requests_total{endpoint=~\"$endpoint\"}[$__rate_interval]))"},
      R"json(, "templating": {"list": [{"name": "endpoint", "type": "query", "datasource": {"type": "prometheus", "uid": "x"},
           "query": {"query": "label_values(http_requests_total, endpoint)", "refId": "V"},
           "current": {"text": "All", "value": "$__all"}, "includeAll": true, "allValue": ".*"}]})json");
  const auto findings = check_text(json, exposition_catalog());
  EXPECT_TRUE(findings.empty()) << format_findings(findings);
}

TEST(DashboardVerdict, OneMessagePerMetricAndKindInAQuery) {
  const auto findings = check_text(
      dashboard_json({"http_requests_total / http_requests_total + nope_metric + nope_metric"}), exposition_catalog());
  ASSERT_EQ(findings.size(), 2u) << format_findings(findings);
  EXPECT_EQ(findings[0].kind, finding_kind::counter_without_rate);
  EXPECT_EQ(findings[1].kind, finding_kind::unknown_metric);
  EXPECT_EQ(findings[1].message.find("did you mean"), std::string::npos) << findings[1].message;
}

TEST(DashboardVerdict, SamplelessFamiliesAreNotExposed) {
  const auto findings = check_text(dashboard_json({"declared_only"}), exposition_catalog());
  ASSERT_EQ(findings.size(), 1u) << format_findings(findings);
  EXPECT_EQ(findings[0].kind, finding_kind::unknown_metric);
}

TEST(DashboardVerdict, NamelessAndNegatedSelectorsAreWarnings) {
  // A negated name alone would match the empty name too: Prometheus (and the analyzer) reject it.
  const auto findings =
      check_text(dashboard_json({R"(count({job="shield"}))", R"(count({__name__!~"system_.*", job="shield"}))"}),
                 exposition_catalog());
  ASSERT_EQ(findings.size(), 2u) << format_findings(findings);
  for (const auto& f : findings) {
    EXPECT_EQ(f.kind, finding_kind::unchecked_selector);
    EXPECT_EQ(f.level, severity::warning);
  }
}

TEST(DashboardVerdict, NameRegexIsResolvedAgainstTheExposedNames) {
  // The issue's selector: both mapping metrics exposed, so nothing to report.
  const auto clean = check_text(
      dashboard_json({R"({__name__=~"redis_mapping_(sessions|entries)_total"})", R"({__name__=~"system_.*"})"}),
      exposition_catalog());
  EXPECT_TRUE(clean.empty()) << format_findings(clean);
  // Anchored like Prometheus: "redis_mapping" alone matches no full name.
  const auto none = check_text(dashboard_json({R"({__name__=~"redis_mapping"})"}), exposition_catalog());
  ASSERT_EQ(none.size(), 1u) << format_findings(none);
  EXPECT_EQ(none[0].kind, finding_kind::unknown_metric);
  EXPECT_EQ(none[0].level, severity::error);
  EXPECT_NE(none[0].message.find("matches no metric the target exposes (per test exposition)"), std::string::npos)
      << none[0].message;
  // Matched names are checked like exact ones: a counter still needs rate().
  const auto counters = check_text(dashboard_json({R"(sum({__name__=~"pii_detection_errors_total|system_cpu.*"}))"}),
                                   exposition_catalog());
  ASSERT_EQ(counters.size(), 1u) << format_findings(counters);
  EXPECT_EQ(counters[0].kind, finding_kind::counter_without_rate);
  EXPECT_NE(counters[0].message.find("pii_detection_errors_total"), std::string::npos) << counters[0].message;
  // Histogram series are selectable by regex too.
  EXPECT_TRUE(check_text(dashboard_json({R"q(rate({__name__=~"http_request_duration_seconds_(sum|count)"}[5m]))q"}),
                         exposition_catalog())
                  .empty());
}

TEST(DashboardVerdict, NameRegexThatDoesNotCompileIsAnError) {
  const auto findings = check_text(dashboard_json({R"({__name__=~"system_(cpu"})"}), exposition_catalog());
  ASSERT_EQ(findings.size(), 1u) << format_findings(findings);
  EXPECT_EQ(findings[0].kind, finding_kind::syntax_error);
  EXPECT_EQ(findings[0].level, severity::error);
}

TEST(DashboardVerdict, PreparationProblemsAreNamed) {
  const auto undefined = check_text(dashboard_json({"rate(http_requests_total[$nowhere])"}), exposition_catalog());
  ASSERT_EQ(undefined.size(), 1u) << format_findings(undefined);
  EXPECT_EQ(undefined[0].kind, finding_kind::substitution_failed);
  EXPECT_EQ(undefined[0].subject, R"(panel "P0" (id 1) target A)");
  EXPECT_NE(undefined[0].message.find("nowhere"), std::string::npos) << undefined[0].message;

  const auto not_json = check_text("{\"panels\": [", exposition_catalog());
  ASSERT_EQ(not_json.size(), 1u);
  EXPECT_EQ(not_json[0].kind, finding_kind::dashboard_unreadable);

  const auto missing = check_dashboard("/nonexistent/dashboard.json", exposition_catalog(), shipped_expected());
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].kind, finding_kind::dashboard_unreadable);
  EXPECT_NE(missing[0].message.find("/nonexistent/dashboard.json"), std::string::npos) << missing[0].message;
}

TEST(MetricCatalog, ResolvesHistogramSeriesAndOpenMetricsCounters) {
  const auto catalog = exposition_catalog();
  const auto bucket = catalog.resolve("http_request_duration_seconds_bucket");
  ASSERT_TRUE(bucket.has_value());
  EXPECT_EQ(bucket->family, "http_request_duration_seconds");
  EXPECT_TRUE(bucket->cumulative);
  EXPECT_FALSE(catalog.resolve("system_cpu_usage_percent")->cumulative);
  EXPECT_FALSE(catalog.resolve("system_cpu_usage_percent_count").has_value());
  EXPECT_EQ(catalog.labels.at("http_requests_total"), (std::set<std::string>{"endpoint", "method", "status"}));

  const auto om = prom::parse_exposition("# TYPE jobs counter\njobs_total 1\njobs_created 1.7e9\n# EOF\n",
                                         prom::exposition_format::openmetrics);
  ASSERT_TRUE(om.ok()) << om.errors.front().message;
  const auto om_catalog = catalog_from_exposition(om, "om");
  ASSERT_TRUE(om_catalog.resolve("jobs_total").has_value());
  EXPECT_TRUE(om_catalog.resolve("jobs_total")->cumulative);
}

}  // namespace
}  // namespace shield::metrics
