#pragma once
// The load client's side of a run as live Prometheus metrics: cumulative requests per case,
// endpoint and outcome, latency and time-to-first-token histograms with the backend's buckets,
// and requests in flight. Fed by interval observers (one per case); read by the exposition server.

#include "support/load/interval_observer.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace shield::live {

// Upper bounds (seconds) of the duration buckets: prometheus_client's defaults, the ones the
// backend's http_request_duration_seconds uses, so a panel can put both on one graph.
inline constexpr std::array<double, 14> duration_bounds{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                                                        0.5,   0.75, 1.0,   2.5,  5.0,   7.5, 10.0};

// What a case sends to: the workload's endpoints in tally order, and the one that streams.
struct case_shape {
  std::string case_name;               // e.g. "anonymize/concurrency:15"
  std::vector<std::string> endpoints;  // names, indexes of tally::endpoints
  std::string stream_endpoint;         // endpoint whose streams the TTFT is of; empty: none streams
};

// A cumulative Prometheus histogram with duration_bounds (+Inf is `count`).
struct bucket_counts {
  std::array<std::uint64_t, duration_bounds.size()> le{};  // samples <= each bound (cumulative)
  std::uint64_t count = 0;                                 // every sample
  double sum_seconds = 0.0;                                // sum of the samples

  // Adds a latency histogram's samples (a sample goes by its bucket's lowest value, within 0.1%).
  void add(const stats::latency_histogram& histogram);
};

// Cumulative figures of one (case, endpoint).
struct endpoint_series {
  std::string endpoint;                                       // endpoint label
  std::array<std::uint64_t, load::outcome_count> outcomes{};  // requests per outcome (index_of)
  bucket_counts duration;                                     // successful requests' latency
};

// Cumulative figures of one case.
struct case_series {
  std::string case_name;                   // case label
  std::vector<endpoint_series> endpoints;  // in tally order
  bool streams = false;                    // has a stream endpoint
  std::string stream_endpoint;             // its name
  bucket_counts ttft;                      // intended send to first token
  bool shaped = false;                     // run with --stages
  std::size_t stage = 0;                   // shaped: the stage running now (from 0)
  double target = 0.0;                     // shaped: its rate or in-flight target now
};

// A consistent copy of every series, for rendering.
struct metrics_snapshot {
  std::vector<case_series> cases;  // in the order cases started
  std::uint64_t in_flight = 0;     // requests in flight in the case running now
};

// Thread-safe store of the run's client figures; lives for the whole run.
class client_metrics {
 public:
  client_metrics();
  ~client_metrics();
  client_metrics(const client_metrics&) = delete;
  client_metrics& operator=(const client_metrics&) = delete;

  // Registers the case's series (all zero, so rates exist from the start) and returns the
  // observer that adds each interval's requests to them. The observer must not outlive this.
  std::unique_ptr<load::interval_observer> observe(case_shape shape);

  // A copy of every series, taken under the lock.
  metrics_snapshot snapshot() const;

  // The exposition, Prometheus text format 0.0.4.
  std::string render() const;

 private:
  class case_observer;
  void add_interval(std::size_t index, const load::interval_report& report);

  mutable std::mutex mutex_;        // guards everything below (observers write, scrapes read)
  std::vector<case_series> cases_;  // per case, in start order
  std::uint64_t in_flight_ = 0;     // from the latest interval report
};

}  // namespace shield::live
