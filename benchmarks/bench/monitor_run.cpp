#include "benchmarks/bench/monitor_run.hpp"

#include "support/load/tally.hpp"
#include "support/monitor/output_files.hpp"
#include "support/monitor/proc_sampler.hpp"
#include "support/monitor/report.hpp"
#include "support/monitor/run_outputs.hpp"
#include "support/monitor/target_metrics.hpp"
#include "support/monitor/time_series.hpp"
#include "support/monitor/verdicts.hpp"
#include "support/stats/latency_histogram.hpp"
#include "support/http/blocking_client.hpp"
#include "support/http/url.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace shield::bench {

struct monitor_run::state {
  monitor_run_config config;                           // what and where
  std::chrono::system_clock::time_point started_wall;  // run start, for the report and file stamp
  std::chrono::steady_clock::time_point started;       // t = 0 of the samples
  std::unique_ptr<http::blocking_client> client;       // scrapes /metrics; null without a target URL
  std::string client_error;                            // why there is no client
  std::optional<monitor::proc_sampler> proc;           // the backend PID, when watched
  monitor::series_recorder recorder;                   // samples so far
  double load_offset_s = 0.0;                          // t at which the load started
  // Client side of the monitor interval being gathered (several load intervals when S > 1 s).
  std::chrono::nanoseconds gathered{0};  // length gathered so far
  std::uint64_t completed = 0;           // requests completed in it
  std::uint64_t ok = 0;                  // of those, successful
  stats::latency_histogram latency;      // successful requests' latency
  bool finished = false;                 // outputs written

  monitor::scrape_result scrape() {
    if (!client) return monitor::failed_scrape(client_error);
    http::request req;
    req.target = "/metrics";
    req.headers = config.headers;
    const http::response r = client->send(req);
    if (!r.ok()) return monitor::failed_scrape("GET /metrics: " + r.error_message);
    if (r.status != 200) return monitor::failed_scrape("GET /metrics: HTTP " + std::to_string(r.status));
    return monitor::extract_target_metrics(r.body);
  }

  std::optional<monitor::proc_sample> sample_proc() {
    if (!proc) return std::nullopt;
    return proc->sample();
  }

  double now_s() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); }

  void record(double t, const std::string& phase, const monitor::client_interval& c) {
    const auto scraped = scrape();
    const auto local = sample_proc();
    recorder.add(t, phase, c, scraped, local);
  }

  void write_outputs();
};

monitor_run::monitor_run(monitor_run_config config) : state_(std::make_unique<state>()) {
  auto& s = *state_;
  s.config = std::move(config);
  s.started_wall = std::chrono::system_clock::now();
  s.started = std::chrono::steady_clock::now();
  if (s.config.target_url.empty()) {
    s.client_error = "no target URL";
  } else if (auto parsed = http::parse_url(s.config.target_url); !parsed) {
    s.client_error = "target URL: " + parsed.error().message;
  } else {
    http::client_options opts = s.config.tls;
    opts.connect_timeout = std::chrono::milliseconds(1000);
    opts.request_timeout = std::chrono::milliseconds(2000);
    opts.idle_timeout = std::min(opts.idle_timeout, opts.request_timeout);
    s.client = std::make_unique<http::blocking_client>(*parsed, opts);
  }
  if (s.config.settings.pid) s.proc.emplace(*s.config.settings.pid);
  // Idle phase: the baseline of the "request rate rose" verdict.
  for (int i = 0; i < s.config.idle_scrapes; ++i) {
    if (i > 0) std::this_thread::sleep_for(s.config.settings.interval);
    s.record(s.now_s(), "idle", monitor::client_interval{});
  }
  if (s.config.idle_scrapes > 0) std::this_thread::sleep_for(s.config.settings.interval);
  s.load_offset_s = s.now_s();
}

// A run that ended without a final report (the case failed to start) still leaves its samples.
monitor_run::~monitor_run() {
  if (state_ && !state_->finished) state_->write_outputs();
}

void monitor_run::on_interval(const load::interval_report& report) {
  auto& s = *state_;
  if (s.finished) return;
  if (report.interval != nullptr) {
    s.completed += report.interval->requests;
    s.ok += report.interval->ok;
    s.latency.merge(report.interval->latency);
  }
  s.gathered += report.length;
  // A few ms of slack: load intervals are timer-driven and may end a little early.
  const auto due = s.config.settings.interval - std::chrono::milliseconds(20);
  if (s.gathered < due && !report.final) return;
  if (s.gathered.count() > 0 || report.final) {
    monitor::client_interval c;
    c.completed = s.completed;
    c.failures = s.completed - s.ok;
    const double seconds = std::chrono::duration<double>(s.gathered).count();
    c.rps = seconds > 0 ? static_cast<double>(s.completed) / seconds : 0.0;
    if (s.latency.count() > 0) {
      c.p50_ms = static_cast<double>(s.latency.value_at_quantile(0.50)) / 1e6;
      c.p95_ms = static_cast<double>(s.latency.value_at_quantile(0.95)) / 1e6;
    }
    const double t = s.load_offset_s + std::chrono::duration<double>(report.elapsed).count();
    const auto& phases = s.config.stage_phases;
    s.record(t, report.stage < phases.size() ? "load:" + phases[report.stage] : std::string("load"), c);
  }
  s.gathered = std::chrono::nanoseconds{0};
  s.completed = 0;
  s.ok = 0;
  s.latency.reset();
  if (report.final) s.write_outputs();
}

void monitor_run::state::write_outputs() {
  finished = true;
  monitor::monitor_report report;
  report.settings.target = config.target_url;
  report.settings.interval_s = std::chrono::duration<double>(config.settings.interval).count();
  if (config.settings.pid) report.settings.local_pid = static_cast<int>(*config.settings.pid);
  report.settings.cpu_cores = monitor::online_cores();
  report.settings.started_at = monitor::local_iso_time(started_wall);
  report.settings.extra.emplace_back("case", config.case_name);
  report.samples = recorder.take();
  report.verdicts = monitor::evaluate_verdicts(report.samples, report.settings.verdicts, report.settings.cpu_cores);

  std::FILE* out = config.out;
  const auto written = monitor::write_run_outputs(report, config.results_dir, started_wall);
  if (written.report.ok()) {
    std::fprintf(out, "monitor report: %s (%zu samples)\n", written.report.path.c_str(), report.samples.size());
  } else {
    std::fprintf(out, "monitor report not written: %s\n", written.report.message.c_str());
  }
  if (written.chart.status == monitor::chart_status::written) {
    std::fprintf(out, "monitor chart: %s\n", written.chart.png.c_str());
  } else {
    std::fprintf(out, "monitor chart %s\n", written.chart.message.c_str());
  }
  std::fprintf(out, "monitor verdicts (%s):\n", config.case_name.c_str());
  for (const auto& v : report.verdicts) {
    std::fprintf(out, "  %-22s %-7s %s\n", v.name.c_str(), std::string(monitor::to_string(v.status)).c_str(),
                 v.detail.c_str());
  }
  std::fflush(out);
}

}  // namespace shield::bench
