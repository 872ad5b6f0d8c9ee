#pragma once
// Settings and shared state of one shield_metrics_checks run: the expected-metrics file, the
// Prometheus URL, and what is computed once (traffic, the target's exposition, the dashboard).

#include <chrono>
#include <string>
#include <vector>

#include "support/client/target_setup.hpp"
#include "checks/metrics/dashboard_verdict.hpp"
#include "fixtures/expected_metrics/expected_metrics_loader.hpp"
#include "checks/metrics/finding.hpp"
#include "support/prom/lint.hpp"
#include "support/prom/prom_api_client.hpp"
#include "checks/metrics/sample_traffic.hpp"

namespace shield::metrics {

// Settings beyond the shared target setup.
struct metrics_config {
  // False when no target was named but a dashboard was: only the dashboard is checked, against Prometheus.
  bool with_target = true;
  // --expected_metrics / SHIELD_EXPECTED_METRICS; default: the shipped file (none without a target).
  std::string expected_file;
  std::string prometheus_url;                     // --prometheus / SHIELD_PROMETHEUS / $SHIELD_STATE_DIR/prometheus.url
  std::string prometheus_source;                  // where prometheus_url came from, for messages
  std::chrono::milliseconds scrape_wait{90'000};  // --scrape_wait=S: longest wait for fresh scrapes
  std::vector<grafana::variable_override> variables;  // --var NAME=VALUE[,VALUE...] (repeatable)
  std::string client_listen;        // --client_metrics_listen / $SHIELD_STATE_DIR/client_metrics.listen: empty: none
  std::string prometheus_job;       // --prometheus_job / SHIELD_PROMETHEUS_JOB: the target's scrape job; empty: by URL
  std::string prometheus_instance;  // --prometheus_instance / SHIELD_PROMETHEUS_INSTANCE: its instance label
};

// Usage lines of this binary's own flags.
[[nodiscard]] std::string metrics_flags_usage();

// Takes this binary's flags out of args; a failure names the flag.
[[nodiscard]] base::result<metrics_config> read_metrics_config(std::vector<std::string>& args,
                                                               const client::target_setup& setup);

void set_metrics_config(metrics_config config);
[[nodiscard]] const metrics_config& current_metrics_config();

// Timeouts for requests to the Prometheus, and a client for the configured one (prometheus_url set).
[[nodiscard]] http::client_options prometheus_client_options();
[[nodiscard]] prom::prom_api_client make_prometheus_client();

// The expected-metrics file, loaded once (no metrics and no rules when there is none).
[[nodiscard]] const expected::load_result& expected_metrics_file();

// Sample traffic, sent once before anything reads metrics.
[[nodiscard]] const traffic_summary& sample_traffic();

// The target's /metrics, fetched once after the traffic.
struct exposition_capture {
  std::string url;              // what was fetched
  std::string content_type;     // the answer's Content-Type
  prom::metrics_check checked;  // parse + lint of the body
  std::string error;            // why there is no exposition, empty on success

  [[nodiscard]] bool ok() const { return error.empty(); }
};
[[nodiscard]] const exposition_capture& target_exposition();

// The dashboard (--dashboard), prepared with default Grafana settings: --var values first, query
// variables run against the Prometheus when one is configured, else the saved values.
[[nodiscard]] const prepared_dashboard& dashboard();

// Without a target: the checks that need one (or the expected-metrics file) are taken out of the
// GoogleTest filter, and one line per group says why. Call after InitGoogleTest. True when any was.
bool filter_out_not_applicable(const metrics_config& config);

// Errors become test failures (one each), warnings are printed.
void report(const std::vector<finding>& findings);

// Prints "checked N of M queries" for a dashboard test and fails it when some were not checked
// (a variable without a value): a check that checked nothing never passes.
void report_checked(const prepared_dashboard& dashboard, std::string_view check);

}  // namespace shield::metrics
