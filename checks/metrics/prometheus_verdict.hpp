#pragma once
// Verdict of a real Prometheus on a dashboard: it scrapes the target, and every query (after
// template substitution) is accepted by /api/v1/query and returns data.

#include <chrono>
#include <optional>
#include <vector>

#include "checks/metrics/dashboard_verdict.hpp"
#include "checks/metrics/finding.hpp"
#include "support/prom/prom_api_client.hpp"
#include "support/http/url.hpp"

namespace shield::metrics {

// How long to wait for fresh scrapes of the target.
struct scrape_wait_options {
  int scrapes = 3;                          // scrapes that must start after the call
  std::chrono::milliseconds limit{90'000};  // longest wait, whatever the scrape interval
  std::chrono::milliseconds poll{200};      // pause between /api/v1/targets calls
  std::string job;       // --prometheus_job: the target's series are this job's; empty: by scrape URL
  std::string instance;  // --prometheus_instance: and this instance label; empty: any of the job
};

// What the wait saw.
struct scrape_wait_result {
  std::vector<finding> problems;              // empty when `scrapes` fresh scrapes were seen
  int scrapes_seen = 0;                       // lastScrape changes observed
  std::chrono::milliseconds waited{0};        // time spent
  std::optional<prom::scrape_target> target;  // the matching target as last seen

  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// True when a scrape URL points at the target's host and port (loopback spellings equal).
[[nodiscard]] bool scrape_url_matches(std::string_view scrape_url, const http::target_url& target);

// Whether Prometheus's target `t` is the one the checks read: options.job / options.instance when
// given (labels), else a scrape URL pointing at `target`.
[[nodiscard]] bool is_selected_target(const prom::scrape_target& t, const http::target_url& target,
                                      const scrape_wait_options& options);

// Waits (bounded) until Prometheus has scraped `target` options.scrapes more times and it is up.
// When no active target matches, it fails after one scrape interval (the longest of the active
// targets', at least 2 s) with the list of the targets Prometheus has (job, instance, URL).
[[nodiscard]] scrape_wait_result wait_for_scrapes(prom::prom_api_client& client, const http::target_url& target,
                                                  const scrape_wait_options& options = {});

// Sends every prepared query to /api/v1/query. A rejected query (bad_data) or other error is an
// error. An empty result is an error when a metric it reads has no series at all, or when every
// selector has data but the whole query still returns nothing (panels and variables); it is a
// warning when a label matcher selects no series yet (e.g. status=~"5.." without errors) or when
// an annotation's filter drops everything (an event query is empty until the event happens).
[[nodiscard]] std::vector<finding> run_dashboard_queries(prom::prom_api_client& client,
                                                         const prepared_dashboard& dashboard);

}  // namespace shield::metrics
