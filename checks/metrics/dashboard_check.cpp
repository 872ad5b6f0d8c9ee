// The dashboard (--dashboard) against what the target really exposes (and, for the "Client side"
// row, what the load client exposes), or without a target what Prometheus holds: every query parses
// after template substitution, reads only exposed metrics, no node_* metric, counters through rate().
#include <gtest/gtest.h>

#include "checks/client/gtest_target.hpp"
#include "checks/metrics/client_catalog.hpp"
#include "checks/metrics/metric_catalog.hpp"
#include "checks/metrics/metrics_run.hpp"
#include "checks/metrics/prometheus_catalog.hpp"

namespace shield::metrics {
namespace {

// What the queries may read: the target's exposition (and the load client's, for the "Client side"
// row), or without a target what the Prometheus holds. Computed once.
const base::result<metric_catalog>& catalog() {
  static const base::result<metric_catalog> catalog = []() -> base::result<metric_catalog> {
    if (!current_metrics_config().with_target) {
      auto client = make_prometheus_client();
      return catalog_from_prometheus(client);
    }
    const auto& capture = target_exposition();
    if (!capture.ok()) return base::fail(capture.error);
    return with_client(catalog_from_exposition(capture.checked.parsed, "the exposition of " + capture.url),
                       client::current_target().profile, &dashboard());
  }();
  return catalog;
}

// check_dashboard_queries against that catalog, computed once.
const std::vector<finding>& query_findings() {
  static const std::vector<finding> findings =
      check_dashboard_queries(dashboard(), *catalog(), *expected_metrics_file().metrics);
  return findings;
}

class Dashboard : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(expected_metrics_file().ok()) << expected_metrics_file().error_text();
    ASSERT_TRUE(catalog()) << catalog().error().message;
    static const bool announced = [] {
      const prepared_dashboard& d = dashboard();  // prints how its variables resolved first
      std::cout << "[ dashboard] " << client::current_target().dashboard_path << ": " << d.queries.size()
                << " queries\n";
      return true;
    }();
    (void)announced;
  }
};

TEST_F(Dashboard, ReadableWithVariablesSubstituted) {
  EXPECT_FALSE(dashboard().queries.empty()) << "the dashboard has no Prometheus query";
  report(dashboard().problems);
}

TEST_F(Dashboard, EveryQueryParses) {
  report_checked(dashboard(), "EveryQueryParses");
  report(select(query_findings(), {finding_kind::syntax_error}));
}

TEST_F(Dashboard, ReadsOnlyMetricsTheTargetExposes) {
  report_checked(dashboard(), "ReadsOnlyMetricsTheTargetExposes");
  report(select(query_findings(), {finding_kind::unknown_metric, finding_kind::unchecked_selector}));
}

TEST_F(Dashboard, NoNodeExporterMetrics) {
  report_checked(dashboard(), "NoNodeExporterMetrics");
  report(select(query_findings(), {finding_kind::forbidden_metric}));
}

TEST_F(Dashboard, CountersReadThroughRateOrIncrease) {
  report_checked(dashboard(), "CountersReadThroughRateOrIncrease");
  report(select(query_findings(), {finding_kind::counter_without_rate}));
}

}  // namespace
}  // namespace shield::metrics
