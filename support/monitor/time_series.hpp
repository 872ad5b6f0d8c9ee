#pragma once

// The monitor's time series: one sample per interval with the client's, the target's and the
// local process's view, and a recorder that turns raw readings into samples.

#include "support/monitor/proc_sampler.hpp"
#include "support/monitor/target_metrics.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shield::monitor {

// What the load engine saw in one interval (given by the caller).
struct client_interval {
  std::uint64_t completed = 0;   // requests completed in the interval (successes and failures)
  double rps = 0.0;              // completed per second over the interval
  std::uint64_t failures = 0;    // requests of the interval that failed (error, timeout, bad status)
  std::optional<double> p50_ms;  // median latency of the interval's requests; absent when none completed
  std::optional<double> p95_ms;  // 95th percentile latency of the interval's requests; absent when none
};

// What the target's /metrics said at the end of the interval.
struct target_side {
  bool scrape_ok = false;             // this interval's scrape succeeded
  std::uint64_t scrape_failures = 0;  // failed scrapes so far in the run (cumulative)
  std::string scrape_message;         // why the scrape failed, or its first format violation
  target_metrics values;              // metric values (all absent when the scrape failed)
  target_rates rates;                 // changes since the previous successful scrape
};

// The local backend process, when the caller watches one by PID.
struct local_side {
  bool watched = false;                       // a local PID is being sampled
  proc_status status = proc_status::missing;  // result of this interval's reading
  std::optional<double> cpu_percent;          // per-core scaled CPU % over the interval (200% = 2 cores)
  std::optional<std::uint64_t> rss_bytes;     // resident memory at the end of the interval
};

// One interval of the run.
struct series_sample {
  double t = 0.0;          // seconds since the run started, at the end of the interval
  std::string phase;       // run phase the caller was in (warmup, load, cooldown, ...)
  client_interval client;  // load engine's view
  target_side target;      // backend's own metrics
  local_side local;        // /proc view of the backend process
};

// Builds samples from raw readings; keeps the last good scrape to compute rates across gaps.
class series_recorder {
 public:
  // Appends one interval. `local` is absent when no PID is watched.
  void add(double t, std::string phase, const client_interval& client, const scrape_result& scrape,
           const std::optional<proc_sample>& local);

  // Samples so far, in time order.
  [[nodiscard]] const std::vector<series_sample>& samples() const { return samples_; }

  // Moves the samples out, leaving the recorder empty (its scrape baseline is kept).
  [[nodiscard]] std::vector<series_sample> take();

 private:
  std::vector<series_sample> samples_;       // recorded intervals
  std::optional<target_metrics> last_good_;  // values of the last successful scrape
  double last_good_t_ = 0.0;                 // when last_good_ was scraped
  std::uint64_t scrape_failures_ = 0;        // failed scrapes so far
};

}  // namespace shield::monitor
