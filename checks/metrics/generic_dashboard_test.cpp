// Dashboards of any service: series Prometheus makes itself are known, counting series is not
// reading a counter, the Shield-only rules may be empty, and the load client is named only when a
// dashboard reads its metrics.
#include <gtest/gtest.h>

#include "checks/metrics/client_catalog.hpp"
#include "checks/metrics/dashboard_verdict.hpp"
#include "fixtures/expected_metrics/expected_metrics_loader.hpp"
#include "support/profile/loader.hpp"
#include "support/prom/exposition_parser.hpp"

namespace shield::metrics {
namespace {

metric_catalog service_catalog() {
  const auto parsed = prom::parse_exposition(
      "# TYPE node_cpu_seconds_total counter\nnode_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1\n"
      "# TYPE app_requests_total counter\napp_requests_total 1\n",
      prom::exposition_format::prometheus_text);
  return catalog_from_exposition(parsed, "the exposition of http://node:9100/metrics");
}

std::string one_panel(const std::string& expr) {
  std::string escaped;
  for (const char c : expr) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return R"({"panels": [{"id": 1, "title": "p", "type": "stat", "targets": [{"refId": "A", "expr": ")" + escaped +
         R"("}]}]})";
}

std::vector<finding> check(const std::string& expr, const metric_catalog& catalog,
                           const expected::expected_metrics& rules) {
  return check_dashboard_queries(prepare_dashboard_text(one_panel(expr), "inline"), catalog, rules);
}

const expected::expected_metrics& no_rules() {
  static const expected::load_result r = expected::parse_expected_metrics(R"({"metrics": []})");
  EXPECT_TRUE(r.ok()) << r.error_text();
  return *r.metrics;
}

TEST(GenericDashboard, SeriesPrometheusMakesAreKnown) {
  for (const char* expr : {"up == 0", "avg(scrape_duration_seconds)", "scrape_samples_scraped > 0",
                           "count(ALERTS{alertstate=\"firing\"})", "ALERTS_FOR_STATE"}) {
    const auto findings = check(expr, service_catalog(), no_rules());
    EXPECT_TRUE(findings.empty()) << expr << ": " << format_findings(findings);
  }
}

TEST(GenericDashboard, CountingSeriesIsNotReadingACounter) {
  for (const char* expr :
       {"count(count(node_cpu_seconds_total) by (cpu))", "count_values(\"v\", app_requests_total)",
        "absent(app_requests_total)", "group(app_requests_total)", "absent_over_time(app_requests_total[5m])"}) {
    const auto findings = check(expr, service_catalog(), no_rules());
    EXPECT_TRUE(findings.empty()) << expr << ": " << format_findings(findings);
  }
  // Reading the value still is.
  const auto raw = check("sum(app_requests_total)", service_catalog(), no_rules());
  ASSERT_EQ(raw.size(), 1u) << format_findings(raw);
  EXPECT_EQ(raw[0].kind, finding_kind::counter_without_rate);
}

TEST(GenericDashboard, NodeExporterDashboardWithoutShieldRules) {
  // No Shield rules: node_* is fine; with the shipped ones it is forbidden.
  const std::string expr = "rate(node_cpu_seconds_total{mode!=\"idle\"}[5m])";
  EXPECT_TRUE(check(expr, service_catalog(), no_rules()).empty());
  const expected::load_result shipped = expected::load_expected_metrics(expected::default_expected_metrics_file());
  ASSERT_TRUE(shipped.ok());
  const auto forbidden = check(expr, service_catalog(), *shipped.metrics);
  ASSERT_EQ(forbidden.size(), 1u);
  EXPECT_EQ(forbidden[0].kind, finding_kind::forbidden_metric);
  // The rule is the file's, not a fixed service's: the message names where it comes from.
  EXPECT_NE(forbidden[0].message.find("which " + shipped.metrics->source + " forbids (node-exporter"),
            std::string::npos)
      << forbidden[0].message;
}

TEST(GenericDashboard, LoadClientNamedOnlyWhenItsMetricsAreRead) {
  const auto profile = profile::load_profile(SHIELD_DEFAULT_PROFILE);
  ASSERT_TRUE(profile.has_value());
  const prepared_dashboard other = prepare_dashboard_text(one_panel("rate(missing_total[5m])"), "inline");
  const auto findings = check_dashboard_queries(other, with_client(service_catalog(), *profile, &other), no_rules());
  ASSERT_EQ(findings.size(), 1u) << format_findings(findings);
  EXPECT_EQ(findings[0].message.find("load client"), std::string::npos) << findings[0].message;
  // A dashboard that reads a client metric gets the client's catalog (and its name in messages).
  const std::string client_metric = with_client(service_catalog(), *profile).families.rbegin()->first;
  const prepared_dashboard mixed = prepare_dashboard_text(
      one_panel("rate(missing_total[5m]) + on() group_left count(" + client_metric + ")"), "inline");
  const auto both = check_dashboard_queries(mixed, with_client(service_catalog(), *profile, &mixed), no_rules());
  ASSERT_EQ(both.size(), 1u) << format_findings(both);
  EXPECT_NE(both[0].message.find("load client"), std::string::npos) << both[0].message;
}

}  // namespace
}  // namespace shield::metrics
