// The dashboard's queries on a real Prometheus scraping the target: accepted (no bad_data) and,
// after sample traffic and a few fresh scrapes, returning data.
#include <gtest/gtest.h>

#include "checks/client/gtest_target.hpp"
#include "checks/metrics/client_traffic.hpp"
#include "checks/metrics/metrics_run.hpp"
#include "checks/metrics/prometheus_variables.hpp"
#include "checks/metrics/prometheus_verdict.hpp"

namespace shield::metrics {
namespace {

// The load client's exposition with a short load behind it, when Prometheus has a client job.
const client_traffic_result* client_side() {
  static const std::optional<client_traffic_result> result = []() -> std::optional<client_traffic_result> {
    if (current_metrics_config().client_listen.empty()) return std::nullopt;
    return start_client_traffic(client::current_target(), current_metrics_config().client_listen);
  }();
  return result ? &*result : nullptr;
}

// Traffic, then the bounded wait for fresh scrapes (of the client too); done once for both tests.
const scrape_wait_result& scrapes() {
  static const scrape_wait_result result = [] {
    (void)sample_traffic();
    const auto* side = client_side();
    auto client = make_prometheus_client();
    scrape_wait_options options;
    options.limit = current_metrics_config().scrape_wait;
    scrape_wait_options of_target = options;
    of_target.job = current_metrics_config().prometheus_job;
    of_target.instance = current_metrics_config().prometheus_instance;
    auto waited = wait_for_scrapes(client, client::current_target().url, of_target);
    if (side != nullptr && side->ok_run()) {
      const auto of_client = wait_for_scrapes(client, *http::parse_url(side->url), options);
      waited.problems.insert(waited.problems.end(), of_client.problems.begin(), of_client.problems.end());
    }
    return waited;
  }();
  return result;
}

class PrometheusQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(current_metrics_config().prometheus_url.empty())
        << "no Prometheus configured: pass --prometheus=URL or set SHIELD_PROMETHEUS (under CTest the "
           "shield_prometheus fixture provides one); this check cannot pass without a real server";
    static const bool announced = [] {
      std::cout << "[ prometheus] " << current_metrics_config().prometheus_url << " ("
                << current_metrics_config().prometheus_source << ")\n";
      return true;
    }();
    (void)announced;
  }
};

TEST_F(PrometheusQueries, ScrapesTheTarget) {
  const auto& wait = scrapes();
  std::cout << "[ prometheus] saw " << wait.scrapes_seen << " fresh scrapes in " << wait.waited.count() << " ms\n";
  report(wait.problems);
}

TEST_F(PrometheusQueries, DashboardQueriesAcceptedAndReturnData) {
  const bool with_target = current_metrics_config().with_target;
  // Grafana would derive $__rate_interval from the scrape interval the datasource is set to.
  grafana::substitution_settings settings;
  if (with_target) {
    ASSERT_TRUE(scrapes().ok()) << format_findings(scrapes().problems);
    if (scrapes().target && scrapes().target->scrape_interval.count() > 0)
      settings.scrape_interval_ms = scrapes().target->scrape_interval.count();
  }
  auto client = make_prometheus_client();
  prometheus_variable_source source(client);
  variable_inputs inputs{current_metrics_config().variables, &source};
  prepared_dashboard prepared = prepare_dashboard_file(client::current_target().dashboard_path, settings, inputs);
  // Queries not checked are listed once, by Dashboard.ReadableWithVariablesSubstituted; here only counted.
  std::erase_if(prepared.problems, [](const finding& f) { return f.kind == finding_kind::substitution_failed; });
  report(prepared.problems);
  report_checked(prepared, "DashboardQueriesAcceptedAndReturnData");
  // With a target, the "Client side" queries need a scraped load client; without one they are not
  // sent. Without a target they are another service's queries like any other.
  const auto* side = with_target ? client_side() : nullptr;
  if (side != nullptr && !side->ok_run()) ADD_FAILURE() << side->error;
  if (side != nullptr && side->ok_run()) {
    std::cout << "[ prometheus] load client exposition at " << side->url << "/metrics after " << side->requests
              << " requests (" << side->ok << " ok)\n";
  } else if (with_target) {
    const auto before = prepared.queries.size();
    std::erase_if(prepared.queries,
                  [](const prepared_query& q) { return q.promql.find("shield_client_") != std::string::npos; });
    if (before > prepared.queries.size()) {
      std::cout << "[ prometheus] " << before - prepared.queries.size()
                << " client-side queries not sent: no load client exposition (--client_metrics_listen)\n";
    }
  }
  const auto findings = run_dashboard_queries(client, prepared);
  std::size_t sent = 0;
  for (const auto& q : prepared.queries) sent += q.substituted && !q.promql.empty() ? 1 : 0;
  std::cout << "[ prometheus] sent " << sent << " queries, " << error_count(findings) << " errors\n";
  EXPECT_GT(sent, 0u) << "the dashboard has no query to send";
  report(findings);
}

}  // namespace
}  // namespace shield::metrics
