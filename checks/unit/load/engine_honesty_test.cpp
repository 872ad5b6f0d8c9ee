// Honest accounting under failure, through the load engine against misbehaving servers that keep
// their own record: the client's figures must equal what the server did.

#include "checks/unit/load/engine_test_util.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"

namespace shield::load::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

workload with_method(const std::string& method) {
  workload w = get_workload();
  for (auto& p : w.pool) {
    p.request.method = method;
    if (method == "POST") p.request.body = "{\"text\":\"x\"}";
  }
  return w;
}

std::uint64_t count_of(const load_result& r, outcome o) { return r.totals.outcomes[index_of(o)].count; }

load_config open_loop(std::uint32_t concurrency, double rate, std::uint64_t requests) {
  load_config c;
  c.mode = load_mode::open;
  c.concurrency = concurrency;
  c.rate = rate;
  c.requests = requests;
  return c;
}

// (a) A server that answers the first request of each connection and drops the next one.
TEST(EngineHonesty, DropsAreFailuresAndOkEqualsTheServersAnswers) {
  for (const char* method : {"POST", "GET"}) {
    server_options so;
    so.mode = server_mode::drop_after_first;
    misbehaving_server server(so);
    const load_result r = run_load(closed(4, 200), with_method(method), target_at(server.url(), relaxed_timeouts()));
    ASSERT_TRUE(r.error.empty()) << r.error;
    expect_exact_counts(r);
    EXPECT_EQ(r.totals.requests, 200u) << method;
    EXPECT_EQ(r.totals.ok, server.answers_sent()) << method << ": ok is what the server answered";
    EXPECT_EQ(r.totals.failures(), server.requests_dropped()) << method << ": every drop is a failure";
    EXPECT_EQ(count_of(r, outcome::reset), server.requests_dropped()) << method;
    EXPECT_GT(server.requests_dropped(), 50u) << method;
    EXPECT_EQ(server.requests_received(), 200u) << method << ": nothing re-sent";
    EXPECT_EQ(r.totals.retried, 0u);
    EXPECT_EQ(counter_value(r, "retried"), 0.0);
  }
}

TEST(EngineHonesty, RetryIdempotentResendsGetsOnceAndCountsThem) {
  server_options so;
  so.mode = server_mode::drop_after_first;
  misbehaving_server server(so);
  load_target t = target_at(server.url(), relaxed_timeouts());
  t.options.retry_idempotent = true;
  const load_result r = run_load(closed(4, 200), with_method("GET"), t);
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.requests, 200u);
  EXPECT_EQ(r.totals.ok, server.answers_sent());
  EXPECT_EQ(r.totals.retried, server.requests_dropped()) << "every re-send counted";
  EXPECT_EQ(counter_value(r, "retried"), static_cast<double>(server.requests_dropped()));
  EXPECT_EQ(server.requests_received(), 200u + r.totals.retried);
  EXPECT_GT(r.totals.retried, 50u);

  misbehaving_server post_server(so);
  load_target pt = target_at(post_server.url(), relaxed_timeouts());
  pt.options.retry_idempotent = true;
  const load_result p = run_load(closed(4, 100), with_method("POST"), pt);
  EXPECT_EQ(p.totals.retried, 0u) << "POST is never re-sent";
  EXPECT_EQ(p.totals.failures(), post_server.requests_dropped());
}

// (b) Connection: close after N answers per connection: the client follows it, nothing fails.
TEST(EngineHonesty, ConnectionCloseAfterNHasNoFailures) {
  server_options so;
  so.mode = server_mode::close_after_n;
  so.close_after = 3;
  misbehaving_server server(so);
  const load_result r = run_load(closed(3, 90), with_method("POST"), target_at(server.url(), relaxed_timeouts()));
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 90u);
  EXPECT_EQ(r.totals.failures(), 0u);
  EXPECT_EQ(server.answers_sent(), 90u);
  EXPECT_EQ(server.requests_received(), 90u);
  EXPECT_GE(r.connections_opened, 30u);
}

// (c) The server closes connections idle longer than its keep-alive time, shorter than the
// client's gaps (open loop at 20/s over 2 connections: each idle ~100 ms, server gives 30 ms).
TEST(EngineHonesty, ServerIdleCloseHasNoFailures) {
  server_options so;
  so.mode = server_mode::idle_close;
  so.keepalive_timeout = milliseconds(30);
  misbehaving_server server(so);
  const load_result r =
      run_load(open_loop(2, 20, 30), with_method("POST"), target_at(server.url(), relaxed_timeouts()));
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 30u);
  EXPECT_EQ(r.totals.failures(), 0u) << "a closed idle connection is noticed before writing";
  EXPECT_EQ(server.requests_received(), 30u);
  EXPECT_GE(server.idle_closes(), 20u) << "the server did close idle connections";
}

TEST(EngineHonesty, KeepaliveIdleReopensBeforeTheServerCloses) {
  server_options so;
  so.mode = server_mode::idle_close;
  so.keepalive_timeout = milliseconds(500);
  misbehaving_server server(so);
  load_target t = target_at(server.url(), relaxed_timeouts());
  t.options.keepalive_idle = milliseconds(40);
  const load_result r = run_load(open_loop(1, 10, 8), get_workload(), t);
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 8u);
  EXPECT_EQ(server.idle_closes(), 0u) << "the client reopened first";
  EXPECT_GE(server.connections_accepted(), 8u) << "one connection per request: each waited ~100 ms";
}

// Every request due is counted: 50/s for 4 s with 4 connections against a server that never
// answers (1 s timeout): 200 due, 200 counted, the unsent ones as not_sent.
TEST(EngineHonesty, OpenLoopCountsEveryRequestDue) {
  server_options so;
  so.mode = server_mode::stall;
  misbehaving_server server(so);
  http::client_options o = relaxed_timeouts();
  o.request_timeout = milliseconds(1000);
  o.idle_timeout = milliseconds(10000);
  load_config c = open_loop(4, 50, 0);
  c.duration = std::chrono::seconds(4);
  const load_result r = run_load(c, get_workload(), target_at(server.url(), o));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.requests, 200u) << "every arrival due in 4 s at 50/s";
  EXPECT_EQ(count_of(r, outcome::request_timeout), server.requests_received()) << "sent ones waited out";
  EXPECT_EQ(count_of(r, outcome::not_sent), 200u - server.requests_received());
  EXPECT_EQ(r.unsent, count_of(r, outcome::not_sent));
  EXPECT_GT(count_of(r, outcome::not_sent), 150u);
  EXPECT_EQ(counter_value(r, "err_not_sent"), static_cast<double>(count_of(r, outcome::not_sent)));
  EXPECT_EQ(counter_value(r, "success_rate"), 0.0);
  EXPECT_EQ(counter_value(r, "ok_rps"), 0.0);
  EXPECT_TRUE(std::isnan(counter_value(r, "p50_ms"))) << "no latency without a success";
  const auto& messages = r.totals.outcomes[index_of(outcome::not_sent)].messages;
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(messages[0].find("raise --concurrency"), std::string::npos) << messages[0];
}

// Connections open before the clock: a slow TLS handshake shows in connect time, not latency.
TEST(EngineHonesty, ConnectTimeIsReportedApartFromLatency) {
  for (load_mode mode : {load_mode::closed, load_mode::open}) {
    server_options so;
    so.tls = true;
    so.handshake_delay = milliseconds(150);
    misbehaving_server server(so);
    load_target t = target_at(server.url(), relaxed_timeouts());
    t.options.insecure = true;
    load_config c = mode == load_mode::open ? open_loop(2, 40, 10) : closed(2, 10);
    const load_result r = run_load(c, get_workload(), t);
    expect_exact_counts(r);
    EXPECT_EQ(r.totals.ok, 10u) << to_string(mode);
    EXPECT_EQ(r.totals.connect.count(), 2u) << to_string(mode) << ": one connect per connection, before the clock";
    EXPECT_GE(counter_value(r, "connect_p50_ms"), 150.0) << to_string(mode);
    EXPECT_GE(counter_value(r, "connect_max_ms"), 150.0) << to_string(mode);
    EXPECT_LT(counter_value(r, "max_ms"), 150.0) << to_string(mode) << ": no request waited for a connect";
  }
}

TEST(EngineHonesty, GoodputBesideThroughput) {
  server_options so;
  so.mode = server_mode::drop_after_first;
  misbehaving_server server(so);
  const load_result r = run_load(closed(2, 40), get_workload(), target_at(server.url(), relaxed_timeouts()));
  ASSERT_GT(r.totals.failures(), 0u);
  const double rps = counter_value(r, "rps"), ok_rps = counter_value(r, "ok_rps");
  EXPECT_GT(ok_rps, 0.0);
  EXPECT_NEAR(ok_rps / rps, static_cast<double>(r.totals.ok) / static_cast<double>(r.totals.requests), 1e-9);
}

}  // namespace
}  // namespace shield::load::test
