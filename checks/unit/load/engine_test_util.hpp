#pragma once
// Helpers of the engine tests: tiny workloads, short timeouts, and the exact-count invariant.

#include "support/load/case_counters.hpp"
#include "support/load/engine.hpp"
#include "support/http/url.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace shield::load::test {

using std::chrono::milliseconds;

// A workload of one GET endpoint (optionally streamed) with `pool` identical requests.
inline workload get_workload(std::string name = "probe", bool stream = false,
                             std::optional<std::string> end_marker = std::nullopt, std::size_t pool = 4) {
  workload w;
  w.name = name;
  workload_endpoint ep;
  ep.name = std::move(name);
  ep.stream = stream;
  ep.end_marker = std::move(end_marker);
  w.endpoints.push_back(ep);
  for (std::size_t i = 0; i < pool; ++i) {
    planned_request p;
    p.request.target = "/item/" + std::to_string(i);
    p.request.expected_status = 200;
    p.request.keep_body = false;
    p.request.keep_headers = false;
    p.request.keep_events = false;
    w.pool.push_back(std::move(p));
  }
  return w;
}

// Short timeouts, so failure tests end quickly.
inline http::client_options short_timeouts() {
  http::client_options o;
  o.connect_timeout = milliseconds(300);
  o.request_timeout = milliseconds(600);
  o.idle_timeout = milliseconds(500);
  return o;
}

// Generous timeouts for tests that expect success on a busy machine.
inline http::client_options relaxed_timeouts() {
  http::client_options o;
  o.connect_timeout = milliseconds(3000);
  o.request_timeout = milliseconds(5000);
  o.idle_timeout = milliseconds(4000);
  return o;
}

inline load_target target_at(const std::string& url, http::client_options options) {
  auto parsed = http::parse_url(url);
  EXPECT_TRUE(parsed) << parsed.error();
  return {parsed ? *parsed : http::target_url{}, options, nullptr, nullptr, {}};
}

inline load_config closed(std::uint32_t concurrency, std::uint64_t requests, std::uint32_t threads = 1) {
  load_config c;
  c.concurrency = concurrency;
  c.requests = requests;
  c.io_threads = threads;
  return c;
}

// Every completed request is counted once: ok plus every outcome equals requests, also per endpoint.
inline void expect_exact_counts(const load_result& r) {
  std::uint64_t sum = 0;
  for (const auto& o : r.totals.outcomes) sum += o.count;
  EXPECT_EQ(sum, r.totals.requests);
  EXPECT_EQ(r.totals.outcomes[index_of(outcome::ok)].count, r.totals.ok);
  EXPECT_EQ(r.totals.latency.count(), r.totals.ok) << "latencies are of successful requests";
  std::uint64_t per_endpoint = 0;
  for (const auto& e : r.totals.endpoints) {
    per_endpoint += e.requests;
    std::uint64_t s = 0;
    for (auto n : e.outcomes) s += n;
    EXPECT_EQ(s, e.requests);
  }
  EXPECT_EQ(per_endpoint, r.totals.requests);
}

// Value of a named counter, NaN when absent.
inline double counter_value(const load_result& r, const std::string& name) {
  for (const auto& c : case_counters(r)) {
    if (c.name == name) return c.value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace shield::load::test
