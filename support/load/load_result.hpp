#pragma once
// The outcome of one load run: the tally of its requests and how the run itself went.

#include "support/load/load_config.hpp"
#include "support/load/tally.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace shield::load {

// One stage of a shaped run: its time span and the requests sent in it (open loop: by intended
// send time; closed loop: by send time), whenever they completed.
struct stage_result {
  stage spec;                         // duration and target as asked
  double from = 0.0;                  // target at the stage's start
  std::chrono::nanoseconds begin{0};  // offset from the run start
  std::chrono::nanoseconds end{0};    // begin + duration
  tally totals;                       // its requests (not_sent by due time)

  // requests and ok per second of the stage's length; 0 for a 0-length stage (a step).
  double requests_per_second() const noexcept;
  double ok_per_second() const noexcept;
};

// Everything a run measured. Requests are counted exactly once: ok or one failure kind.
struct load_result {
  load_config config;                    // what was asked for (stop pointer cleared)
  std::uint32_t threads = 0;             // I/O threads used
  std::vector<std::string> endpoints;    // workload endpoint names, indexes of totals.endpoints
  tally totals;                          // every completed request
  std::vector<stage_result> stages;      // with a load shape: totals split by stage; else empty
  std::chrono::nanoseconds wall{0};      // run start to the last completion
  std::uint64_t unsent = 0;              // open loop: arrivals due but never sent (in totals as not_sent,
                                         // unless the run was stopped: then left out like abandoned ones)
  std::uint64_t abandoned = 0;           // in flight when the run was stopped: not counted as requests
  std::uint64_t connections_opened = 0;  // TCP connections opened (first connects and reconnects)
  bool interrupted = false;              // stopped early through load_config::stop
  std::string error;                     // why the run could not start; empty when it ran

  // Share of successful requests in percent; NaN when no request completed.
  double success_rate_percent() const noexcept;
  // Requests (every outcome, not_sent included) per second of wall time; 0 when no time passed.
  double requests_per_second() const noexcept;
  // Successful requests per second of wall time (goodput); 0 when no time passed.
  double ok_per_second() const noexcept;
  // Requests that ended in a connect, request or idle timeout.
  std::uint64_t timeouts() const noexcept;
};

// Stage `stage` of a shaped run as a run of its own: its tallies, its length as the wall time.
load_result stage_part(const load_result& result, std::size_t stage);

// Endpoint `endpoint` (index into endpoints) of a mixed run as a run of its own over the run's wall time.
load_result endpoint_part(const load_result& result, std::size_t endpoint);

// The benchmark time of a run, seconds: closed loop, wall time per request (compare.py reads
// throughput); open loop, where wall time is fixed by the rate, the mean latency of the successful
// requests (compare.py reads latency), or wall time per request when none succeeded.
double benchmark_seconds(const load_result& result);

}  // namespace shield::load
