#pragma once
// The flat counters of one case, named as the benchmark JSON and the threshold rules name them.

#include "support/load/load_result.hpp"

#include <string>
#include <vector>

namespace shield::load {

// One named figure of a case.
struct counter {
  std::string name;    // e.g. "p95_ms", "err_reset"
  double value = 0.0;  // NaN when it cannot be known (no successful request to time)
};

// requests, ok, success_rate (percent), rps, ok_rps, mean_ms, p50_ms, p90_ms, p95_ms, p99_ms,
// p999_ms, max_ms, retried, connect_p50_ms, connect_max_ms, err_<kind> for every failure kind
// (err_not_sent included), and for streaming workloads ttfb_p50_ms, ttft_p50_ms, ttft_p95_ms,
// gap_p95_ms, tokens_per_s, incomplete_streams. A figure without data is NaN here; writers leave
// it out (benchmark counters) or write null (results file).
std::vector<counter> case_counters(const load_result& result);

// The same counters for stage `stage` of a shaped run (its own requests; rps over its length),
// without the streaming ones (those are the case's).
std::vector<counter> stage_counters(const load_result& result, std::size_t stage);

// Counters of endpoint `endpoint` (index into result.endpoints) inside a case, from its own
// figures: requests, ok, success_rate, rps, ok_rps (over the case's wall time), mean_ms, p50_ms,
// p90_ms, p95_ms, p99_ms, p999_ms, max_ms and err_<kind>.
std::vector<counter> endpoint_counters(const load_result& result, std::size_t endpoint);

// The streaming counters' names.
const std::vector<std::string>& stream_counter_names();

// Every counter name a case can have, for checking threshold expressions.
const std::vector<std::string>& known_counter_names();

// "err_" + the failure kind's name.
std::string error_counter_name(outcome kind);

}  // namespace shield::load
