#pragma once
// The --monitor observer of one case: one sample per monitor interval (client tallies, a /metrics
// scrape, the backend's /proc CPU/RSS), two idle scrapes before the load, and at the end the
// metrics_report_*.json, metrics_chart_*.png and the verdicts.

#include "support/load/interval_observer.hpp"
#include "benchmarks/bench/monitor_options.hpp"
#include "support/http/client_options.hpp"
#include "support/http/header.hpp"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace shield::bench {

// Where the monitor scrapes and writes.
struct monitor_run_config {
  std::string case_name;              // case being monitored (goes into the report's settings)
  std::string target_url;             // base URL of the target; empty: no scrapes (all counted failed)
  http::client_options tls;           // the target's TLS settings (--insecure, --ca_file); timeouts are the monitor's
  std::vector<http::header> headers;  // the profile's headers (a token /metrics may need too)
  std::string results_dir;            // where the report and chart go
  monitor_settings settings;          // interval and PID
  std::FILE* out = stderr;            // where the verdicts and file lines go
  int idle_scrapes = 2;               // samples of phase "idle" taken before the load starts
  std::vector<std::string> stage_phases;  // --stages: each stage's phase ("load:rise", ...); empty: "load"
};

// Records samples while a case runs; writes its outputs on the final interval.
class monitor_run final : public load::interval_observer {
 public:
  // Takes the idle samples (blocks for (idle_scrapes - 1) intervals).
  explicit monitor_run(monitor_run_config config);
  ~monitor_run() override;
  monitor_run(const monitor_run&) = delete;
  monitor_run& operator=(const monitor_run&) = delete;

  void on_interval(const load::interval_report& report) override;

 private:
  struct state;
  std::unique_ptr<state> state_;  // pimpl: keeps the HTTP client and monitor headers out of here
};

}  // namespace shield::bench
