// How runs end and what they measure: open-loop pacing, durations, Ctrl-C, streams, intervals.

#include "checks/unit/load/engine_test_util.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"

#include <atomic>
#include <cmath>
#include <thread>

namespace shield::load::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;
using steady = std::chrono::steady_clock;

double ms_of(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1e6; }

TEST(EngineRun, RejectsAConfigurationWithoutAnEnd) {
  load_config c;
  c.concurrency = 2;
  const load_result r = run_load(c, get_workload(), target_at("http://127.0.0.1:9", short_timeouts()));
  EXPECT_NE(r.error.find("request count or a duration"), std::string::npos) << r.error;
  EXPECT_EQ(r.totals.requests, 0u);
}

TEST(EngineRun, RejectsOpenLoopWithoutRateAndEmptyWorkloads) {
  load_config c = closed(1, 5);
  c.mode = load_mode::open;
  EXPECT_NE(run_load(c, get_workload(), target_at("http://127.0.0.1:9", short_timeouts())).error.find("rate"),
            std::string::npos);
  workload empty;
  empty.name = "nothing";
  EXPECT_NE(run_load(closed(1, 5), empty, target_at("http://127.0.0.1:9", short_timeouts())).error.find("no requests"),
            std::string::npos);
}

TEST(EngineRun, OpenLoopKeepsItsRate) {
  misbehaving_server server{server_options{}};
  load_config c = closed(4, 60, 2);
  c.mode = load_mode::open;
  c.rate = 200;  // 60 requests over 0.3 s
  const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 60u);
  EXPECT_EQ(r.unsent, 0u);
  EXPECT_EQ(server.requests_received(), 60u);
  // The last arrival is due at 59/200 s = 295 ms: the run cannot be faster, and should not be much slower.
  EXPECT_GE(ms_of(r.wall), 295.0);
  EXPECT_LT(ms_of(r.wall), 1500.0);
}

TEST(EngineRun, OpenLoopMeasuresFromTheIntendedSendTime) {
  // One connection, responses dripped over tens of milliseconds, arrivals every 2 ms: requests
  // queue behind each other, so latency from the schedule grows while the service time does not.
  server_options o;
  o.mode = server_mode::drip;
  o.body = "x";
  o.interval = milliseconds(1);
  misbehaving_server server(o);
  load_config c = closed(1, 10);
  c.mode = load_mode::open;
  c.rate = 500;
  const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  ASSERT_EQ(r.totals.ok, 10u);
  const double service_p50 = static_cast<double>(r.totals.service.value_at_quantile(0.5)) / 1e6;
  const double latency_max = static_cast<double>(r.totals.latency.max()) / 1e6;
  EXPECT_GT(latency_max, 3 * service_p50) << "queueing behind a slow connection must show in the latency";
  EXPECT_GE(r.totals.latency.value_at_quantile(0.5), r.totals.service.value_at_quantile(0.5));
}

TEST(EngineRun, DurationEndsAClosedLoop) {
  misbehaving_server server{server_options{}};
  load_config c;
  c.concurrency = 2;
  c.duration = milliseconds(300);
  const auto start = steady::now();
  const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()));
  const auto took = std::chrono::duration_cast<milliseconds>(steady::now() - start);
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_GT(r.totals.ok, 10u);
  EXPECT_EQ(server.requests_received(), r.totals.requests);
  EXPECT_GE(took.count(), 290);
  EXPECT_LT(took.count(), 2000);
}

TEST(EngineRun, DurationEndsAnOpenLoopAndCountsWhatItCouldNotSend) {
  misbehaving_server server = misbehaving_server([] {
    server_options o;
    o.mode = server_mode::stall;
    return o;
  }());
  auto options = relaxed_timeouts();
  options.request_timeout = milliseconds(400);
  load_config c;
  c.mode = load_mode::open;
  c.concurrency = 2;
  c.rate = 100;
  c.duration = milliseconds(200);  // 20 arrivals; 2 connections stall for 400 ms each
  const load_result r = run_load(c, get_workload(), target_at(server.url(), options));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.requests, 20u) << "every arrival due is counted";
  EXPECT_EQ(r.totals.outcomes[index_of(outcome::request_timeout)].count, 2u);
  EXPECT_EQ(r.totals.outcomes[index_of(outcome::not_sent)].count, 18u) << "due during the run but never sent";
  EXPECT_EQ(r.unsent, 18u);
}

TEST(EngineRun, StopFlagEndsTheRunAndAbandonsWhatIsInFlight) {
  server_options o;
  o.mode = server_mode::stall;
  misbehaving_server server(o);
  auto options = relaxed_timeouts();
  options.request_timeout = milliseconds(20000);
  options.idle_timeout = milliseconds(20000);
  std::atomic<bool> stop{false};
  load_config c = closed(3, 100);
  c.stop = &stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(200));
    stop = true;
  });
  const auto start = steady::now();
  const load_result r = run_load(c, get_workload(), target_at(server.url(), options));
  const auto took = std::chrono::duration_cast<milliseconds>(steady::now() - start);
  stopper.join();
  EXPECT_TRUE(r.interrupted);
  EXPECT_EQ(r.totals.requests, 0u) << "requests cut by the stop are not failures of the server";
  EXPECT_EQ(r.abandoned, 3u);
  EXPECT_LT(took.count(), 3000);
}

TEST(EngineRun, StreamMeasures) {
  server_options o;
  o.mode = server_mode::sse;
  o.sse_events = 5;
  o.interval = milliseconds(20);
  misbehaving_server server(o);
  // The test server's events carry the token as plain data ("tokN"); the stream ends with the body.
  const load_result r = run_load(closed(2, 6), get_workload("chat", true), target_at(server.url(), relaxed_timeouts()));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 6u);
  ASSERT_TRUE(r.totals.stream.has_value());
  const stream_figures& s = *r.totals.stream;
  EXPECT_EQ(s.streams, 6u);
  EXPECT_EQ(s.incomplete, 0u);
  EXPECT_EQ(s.tokens, 30u);
  EXPECT_EQ(s.ttft.count(), 6u);
  EXPECT_EQ(s.gap.count(), 24u);
  const double gap_p50 = static_cast<double>(s.gap.value_at_quantile(0.5)) / 1e6;
  EXPECT_GT(gap_p50, 15.0);
  EXPECT_LT(gap_p50, 80.0);
  EXPECT_GT(s.tokens_per_second(), 12.0);
  EXPECT_LT(s.tokens_per_second(), 70.0);
  EXPECT_LE(s.ttfb.max(), s.ttft.max());
  EXPECT_EQ(counter_value(r, "incomplete_streams"), 0.0);
  EXPECT_FALSE(std::isnan(counter_value(r, "ttft_p95_ms")));
}

// Collects every interval report.
struct recorder final : interval_observer {
  void on_interval(const interval_report& r) override {
    ++reports;
    summed += r.interval->requests;
    last_total = r.total->requests;
    if (r.final) ++finals;
    EXPECT_GE(r.elapsed.count(), previous);
    previous = r.elapsed.count();
  }
  int reports = 0;
  int finals = 0;
  std::uint64_t summed = 0;
  std::uint64_t last_total = 0;
  std::int64_t previous = 0;
};

TEST(EngineRun, IntervalsAddUpToTheTotal) {
  misbehaving_server server{server_options{}};
  load_config c;
  c.concurrency = 2;
  c.io_threads = 2;
  c.duration = milliseconds(450);
  c.interval = milliseconds(100);
  recorder rec;
  const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()), &rec);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_GE(rec.reports, 3);
  EXPECT_EQ(rec.finals, 1);
  EXPECT_EQ(rec.summed, r.totals.requests);
  EXPECT_EQ(rec.last_total, r.totals.requests);
}

TEST(EngineRun, MixedWorkloadCountsPerEndpoint) {
  misbehaving_server server{server_options{}};
  workload w = get_workload("a");
  w.name = "mixed";
  w.endpoints.push_back({"b", false, std::nullopt, std::nullopt});
  for (std::size_t i = 0; i < w.pool.size(); i += 2) w.pool[i].endpoint = 1;
  const load_result r = run_load(closed(3, 100, 2), w, target_at(server.url(), relaxed_timeouts()));
  expect_exact_counts(r);
  ASSERT_EQ(r.totals.endpoints.size(), 2u);
  EXPECT_EQ(r.totals.endpoints[0].requests, 50u);
  EXPECT_EQ(r.totals.endpoints[1].requests, 50u);
  EXPECT_EQ(r.endpoints, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace shield::load::test
