// Exact counting against the misbehaving test servers: every failure kind lands in its own
// err_<kind> counter, and requests = ok + failures, exactly, with several connections and threads.

#include "checks/unit/load/engine_test_util.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace shield::load::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

misbehaving_server server_in(server_mode mode) {
  server_options o;
  o.mode = mode;
  return misbehaving_server(o);
}

// Runs `requests` requests at 2 in flight and checks that all of them ended as `expected`.
void expect_all(const load_target& target, outcome expected, std::uint64_t requests = 6,
                workload work = get_workload()) {
  const load_result r = run_load(closed(2, requests), work, target);
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.requests, requests);
  EXPECT_EQ(r.totals.outcomes[index_of(expected)].count, requests)
      << "outcome " << to_string(expected) << "; first messages: "
      << (r.totals.outcomes[index_of(expected)].messages.empty() ? ""
                                                                 : r.totals.outcomes[index_of(expected)].messages[0]);
  for (outcome kind : all_failures) {
    const double want = kind == expected ? static_cast<double>(requests) : 0.0;
    EXPECT_EQ(counter_value(r, error_counter_name(kind)), want) << error_counter_name(kind);
  }
  if (expected != outcome::ok) {
    EXPECT_EQ(counter_value(r, "ok"), 0.0);
    EXPECT_EQ(counter_value(r, "success_rate"), 0.0);
    const auto& messages = r.totals.outcomes[index_of(expected)].messages;
    EXPECT_FALSE(messages.empty());
    EXPECT_LE(messages.size(), r.config.messages_per_kind);
    for (const auto& m : messages) EXPECT_EQ(m.rfind(work.endpoints[0].name + ": ", 0), 0u) << m;
  }
}

TEST(EngineCounting, AllOkWithManyConnectionsAndThreads) {
  misbehaving_server server = server_in(server_mode::ok);
  const load_result r = run_load(closed(8, 1000, 2), get_workload(), target_at(server.url(), relaxed_timeouts()));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.requests, 1000u);
  EXPECT_EQ(r.totals.ok, 1000u);
  EXPECT_EQ(server.requests_received(), 1000u) << "exactly the requests counted were sent";
  EXPECT_EQ(r.threads, 2u);
  // Kept-alive connections are reused (a thread that starts late may find the requests all taken).
  EXPECT_GE(r.connections_opened, 1u);
  EXPECT_LE(r.connections_opened, 8u);
  EXPECT_EQ(counter_value(r, "success_rate"), 100.0);
  EXPECT_GT(r.requests_per_second(), 0.0);
  EXPECT_GT(r.wall.count(), 0);
}

TEST(EngineCounting, ConcurrencyAboveTheRequestCountSendsEachOnce) {
  misbehaving_server server = server_in(server_mode::ok);
  const load_result r = run_load(closed(10, 3), get_workload(), target_at(server.url(), relaxed_timeouts()));
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.requests, 3u);
  EXPECT_EQ(server.requests_received(), 3u);
}

TEST(EngineCounting, ConnectRefused) {
  std::uint16_t port = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor probe(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }  // nothing listens there any more
  expect_all(target_at("http://127.0.0.1:" + std::to_string(port), short_timeouts()), outcome::connect_refused);
}

TEST(EngineCounting, Dns) {
  // A label over 63 bytes fails in the resolver itself, without asking a name server.
  expect_all(target_at("http://" + std::string(70, 'x') + ".invalid:8080", short_timeouts()), outcome::dns, 4);
}

TEST(EngineCounting, ConnectTimeout) {
  misbehaving_server server = server_in(server_mode::no_accept);
  auto options = short_timeouts();
  options.connect_timeout = milliseconds(200);
  expect_all(target_at(server.url(), options), outcome::connect_timeout, 4);
}

TEST(EngineCounting, Tls) {
  server_options o;
  o.tls = true;
  misbehaving_server server(o);
  expect_all(target_at(server.url("localhost"), short_timeouts()), outcome::tls, 4);
}

TEST(EngineCounting, Reset) {
  misbehaving_server server = server_in(server_mode::reset);
  expect_all(target_at(server.url(), short_timeouts()), outcome::reset);
}

TEST(EngineCounting, RequestTimeout) {
  misbehaving_server server = server_in(server_mode::stall);
  auto options = short_timeouts();
  options.request_timeout = milliseconds(250);
  options.idle_timeout = milliseconds(2000);
  expect_all(target_at(server.url(), options), outcome::request_timeout, 4);
}

TEST(EngineCounting, IdleTimeout) {
  misbehaving_server server = server_in(server_mode::stall_after_headers);
  auto options = short_timeouts();
  options.idle_timeout = milliseconds(200);
  options.request_timeout = milliseconds(2000);
  expect_all(target_at(server.url(), options), outcome::idle_timeout, 4);
}

TEST(EngineCounting, Protocol) {
  misbehaving_server server = server_in(server_mode::garbage);
  expect_all(target_at(server.url(), short_timeouts()), outcome::protocol);
}

TEST(EngineCounting, TruncatedChunkedIsProtocol) {
  misbehaving_server server = server_in(server_mode::truncated_chunked);
  expect_all(target_at(server.url(), short_timeouts()), outcome::protocol);
}

TEST(EngineCounting, UnexpectedStatus) {
  misbehaving_server server = server_in(server_mode::unexpected_status);
  expect_all(target_at(server.url(), short_timeouts()), outcome::unexpected_status);
}

TEST(EngineCounting, StreamWithoutItsEndMarkerIsIncomplete) {
  server_options o;
  o.mode = server_mode::sse;
  o.sse_events = 3;
  o.interval = milliseconds(5);
  misbehaving_server server(o);
  const workload w = get_workload("chat", true, std::string("[DONE]"));
  expect_all(target_at(server.url(), relaxed_timeouts()), outcome::incomplete_stream, 6, w);
  const load_result r = run_load(closed(2, 4), w, target_at(server.url(), relaxed_timeouts()));
  EXPECT_EQ(counter_value(r, "incomplete_streams"), 4.0);
  ASSERT_TRUE(r.totals.stream.has_value());
  EXPECT_EQ(r.totals.stream->streams, 4u);
  EXPECT_EQ(r.totals.stream->tokens, 12u);
  EXPECT_NE(r.totals.outcomes[index_of(outcome::incomplete_stream)].messages.at(0).find("after 3 tokens"),
            std::string::npos);
}

TEST(EngineCounting, ServerClosingAfterEachResponseStillCountsOnce) {
  misbehaving_server server = server_in(server_mode::close_after_response);
  const load_result r = run_load(closed(3, 60), get_workload(), target_at(server.url(), relaxed_timeouts()));
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 60u);
  EXPECT_EQ(server.requests_received(), 60u);
  EXPECT_EQ(r.connections_opened, 60u) << "one connection per request when the server closes each";
}

}  // namespace
}  // namespace shield::load::test

namespace shield::load::test {
namespace {

TEST(EngineCounting, TlsWithVerificationOffSucceeds) {
  fixtures::server_options o;
  o.tls = true;
  fixtures::misbehaving_server server(o);
  auto options = relaxed_timeouts();
  options.insecure = true;
  const load_result r = run_load(closed(3, 30, 2), get_workload(), target_at(server.url(), options));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_EQ(r.totals.ok, 30u) << (r.totals.failures() ? r.totals.outcomes[index_of(outcome::tls)].messages.at(0) : "");
  EXPECT_GE(r.connections_opened, 1u);
  EXPECT_LE(r.connections_opened, 3u) << "TLS connections are kept alive too";
}

}  // namespace
}  // namespace shield::load::test
