// Dashboards as published (no saved variable values) against the CTest fixture's real Prometheus:
// chained query variables resolve from it and every query is then checked; the same dashboard
// fails when a metric its variable query reads is missing; without Prometheus nothing passes.
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "checks/metrics/dashboard_verdict.hpp"
#include "checks/metrics/live_endpoints.hpp"
#include "checks/metrics/prometheus_variables.hpp"
#include "checks/metrics/prometheus_verdict.hpp"
#include "support/base/read_file.hpp"
#include "support/http/blocking_client.hpp"
#include "support/prom/exposition_parser.hpp"

namespace shield::metrics {
namespace {

const std::string published_file = std::string{SHIELD_DASHBOARDS_DIR} + "/published.json";

prom::prom_api_client prometheus() {
  const auto where = live::prometheus_url();
  EXPECT_TRUE(where) << where.error();
  http::client_options options;
  options.request_timeout = std::chrono::seconds(20);
  return prom::prom_api_client(*http::parse_url(where ? *where : "http://127.0.0.1:1"), options);
}

// What the fixture's target exposes now, as the catalog the offline checks use.
metric_catalog target_catalog() {
  const auto where = live::target_url();
  EXPECT_TRUE(where) << where.error();
  http::blocking_client client(*http::parse_url(*where), {});
  http::request req;
  req.target = "/metrics";
  const http::response res = client.send(req);
  EXPECT_EQ(res.status, 200);
  return catalog_from_exposition(prom::parse_exposition(res.body, prom::exposition_format::prometheus_text),
                                 "the exposition of " + *where);
}

expected::expected_metrics no_shield_rules() { return {}; }

TEST(LiveVariables, PublishedDashboardPassesOnceVariablesResolve) {
  auto client = prometheus();
  prometheus_variable_source source(client);
  const prepared_dashboard d = prepare_dashboard_file(published_file, {}, {{}, &source});
  for (const auto& note : d.notes) std::cout << "[ variable ] " << note << "\n";
  EXPECT_TRUE(d.problems.empty()) << format_findings(d.problems);
  EXPECT_EQ(d.not_checked(), 0u);
  EXPECT_GE(d.checkable(), 5u);
  std::cout << "[ checked  ] " << d.checkable() << " of " << d.queries.size() << " queries checked\n";
  // Offline rules against the target (up and scrape_* are Prometheus's; count(count(bucket)) counts series).
  const auto findings = check_dashboard_queries(d, target_catalog(), no_shield_rules());
  EXPECT_EQ(error_count(findings), 0u) << format_findings(findings);
  // Prometheus accepts every substituted query.
  for (const auto& f : run_dashboard_queries(client, d)) {
    EXPECT_NE(f.kind, finding_kind::query_rejected) << f.message;
  }
}

TEST(LiveVariables, MissingMetricInAVariableQueryFailsItsQueries) {
  auto text = base::read_file(published_file);
  ASSERT_TRUE(text) << text.error().message;
  const std::string from = "label_values(up{job=\\\"$job\\\"}, instance)";
  const std::string to = "label_values(no_such_metric{job=\\\"$job\\\"}, instance)";
  for (auto at = text->find(from); at != std::string::npos; at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
  auto client = prometheus();
  prometheus_variable_source source(client);
  const prepared_dashboard d = prepare_dashboard_text(*text, "published without instance", {}, {{}, &source});
  // Every panel and the `le` variable read $instance: none of them is checked, and that is a failure.
  EXPECT_EQ(d.not_checked(), 6u) << format_findings(d.problems);
  bool explained = false;
  for (const auto& f : d.problems) {
    explained = explained ||
                f.message.find("variable instance got no values from its query `label_values(no_such_metric{job=\"") !=
                    std::string::npos;
  }
  EXPECT_TRUE(explained) << format_findings(d.problems);
}

TEST(LiveVariables, WithoutPrometheusEveryQueryIsNotCheckedOnce) {
  const prepared_dashboard d = prepare_dashboard_file(published_file);
  std::size_t lines = 0;
  for (const auto& f : d.problems) {
    if (f.kind != finding_kind::substitution_failed || f.level != severity::error) continue;
    ++lines;
    // The first variable without a value in each query is named: job, or instance where job is not used.
    const bool job = f.message.find("not checked: variable job has no value (give --var job=... or --prometheus)") !=
                     std::string::npos;
    const bool instance =
        f.message.find("not checked: variable instance has no value (give --var instance=...") != std::string::npos;
    EXPECT_TRUE(job || instance) << f.message;
  }
  EXPECT_EQ(lines, d.not_checked());
  EXPECT_GE(d.not_checked(), 5u);
  // --var gives the values instead (instance depends on job; both given).
  const std::vector<grafana::variable_override> given{
      {"job", {"shield"}}, {"instance", {"127.0.0.1:1"}}, {"le", {"$__all"}}};
  const prepared_dashboard with_vars = prepare_dashboard_file(published_file, {}, {given, nullptr});
  EXPECT_EQ(with_vars.not_checked(), 0u) << format_findings(with_vars.problems);
}

}  // namespace
}  // namespace shield::metrics
