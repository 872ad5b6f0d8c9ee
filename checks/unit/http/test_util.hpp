#pragma once
// Helpers shared by the client tests: URL parsing that must succeed, timed sends, time bounds.

#include "support/http/blocking_client.hpp"
#include "support/http/url.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

namespace shield::http::test {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

inline target_url must_parse(const std::string& text) {
  url_result result = parse_url(text);
  EXPECT_TRUE(result) << result.error();
  return result ? *result : target_url{};
}

// Short timeouts for tests about failures, so each ends quickly.
inline client_options quick_options() {
  client_options options;
  options.connect_timeout = milliseconds(300);
  options.request_timeout = milliseconds(500);
  options.idle_timeout = milliseconds(400);
  return options;
}

// For tests that expect success: only a broken client waits this long, and a loaded machine
// (sanitizers, parallel builds) does not turn a slow success into a timeout.
inline client_options relaxed_options() {
  client_options options;
  options.connect_timeout = milliseconds(2000);
  options.request_timeout = milliseconds(3000);
  options.idle_timeout = milliseconds(2000);
  return options;
}

struct timed_response {
  response r;              // what send() returned
  milliseconds elapsed{};  // steady-clock time send() took
};

inline timed_response timed_send(blocking_client& client, const request& req = {}) {
  auto start = steady::now();
  timed_response out{client.send(req), {}};
  out.elapsed = std::chrono::duration_cast<milliseconds>(steady::now() - start);
  return out;
}

// Upper time bounds on a shared machine: one measurement can be late because the process was not
// scheduled. `attempt` runs its own checks and returns the time it measured; the bound must hold
// in at least one of `attempts` runs, so a client that is late every time still fails.
template <class Attempt>
void expect_timely(Attempt attempt, milliseconds bound, int attempts = 3) {
  milliseconds best = milliseconds::max();
  for (int i = 0; i < attempts && best > bound; ++i) best = std::min(best, attempt());
  EXPECT_LE(best.count(), bound.count()) << "took longer than " << bound.count() << " ms in every attempt";
}

// For timing checks that are not one duration: `attempt` returns "" when its timing held, else
// what was off; it must hold in at least one of `attempts` runs.
template <class Attempt>
void expect_timing_holds(Attempt attempt, int attempts = 3) {
  std::string problem = "not run";
  for (int i = 0; i < attempts && !problem.empty(); ++i) problem = attempt();
  EXPECT_TRUE(problem.empty()) << problem << " (in every one of " << attempts << " attempts)";
}

// A timeout fires never before its setting (every attempt) and within 10% after it.
template <class Attempt>
void expect_timeout_within(Attempt attempt, milliseconds timeout) {
  expect_timely(
      [&] {
        milliseconds elapsed = attempt();
        EXPECT_GE(elapsed.count(), timeout.count() - 1) << "fired before the timeout";
        return elapsed;
      },
      timeout * 11 / 10);
}

// The request timestamps reached are in protocol order.
inline void expect_ordered_times(const response& r) {
  const request_times& t = r.times;
  EXPECT_LE(t.start, t.connected);
  EXPECT_LE(t.connected, t.request_written);
  EXPECT_LE(t.request_written, t.first_byte);
  EXPECT_LE(t.first_byte, t.complete);
  EXPECT_NE(t.first_byte, steady_time{});
}

}  // namespace shield::http::test
