#pragma once
// The known answer for the ground-truth tests: one connection fed at a fixed arrival rate by a
// server whose every N-th request stalls, computed exactly (a single-server FIFO queue).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace shield::bench_checks {

// Latencies (ms, from each intended send) of `requests` arrivals `period_ms` apart on one
// connection: each takes `service_ms`, request i (1-based) also `stall_ms` when i % stall_every == 0.
inline std::vector<double> open_loop_latencies(std::size_t requests, double period_ms, double service_ms,
                                               std::size_t stall_every, double stall_ms) {
  std::vector<double> out;
  double free_at = 0.0;  // when the connection finishes its previous request
  for (std::size_t i = 1; i <= requests; ++i) {
    const double intended = static_cast<double>(i - 1) * period_ms;
    const double start = std::max(intended, free_at);
    free_at = start + service_ms + (i % stall_every == 0 ? stall_ms : 0.0);
    out.push_back(free_at - intended);
  }
  return out;
}

// The nearest-rank quantile (the ceil(q*n)-th smallest), as the latency histogram defines it.
inline double nearest_rank(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::max<std::size_t>(rank, 1) - 1];
}

}  // namespace shield::bench_checks
