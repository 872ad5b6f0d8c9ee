// Every misbehaviour yields its failure kind, within the configured timeout plus 10%.

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "checks/unit/http/test_util.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gtest/gtest.h>

namespace shield::http::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

misbehaving_server make_server(server_mode mode, milliseconds interval = milliseconds(20)) {
  server_options options;
  options.mode = mode;
  options.interval = interval;
  return misbehaving_server(options);
}

// Time from send to `at`, to measure a timeout whose clock starts at `at`.
milliseconds since_start(const response& r, steady_time at) {
  return std::chrono::duration_cast<milliseconds>(at - r.times.start);
}

timed_response send_once(const std::string& url, const client_options& options, const request& req = {}) {
  blocking_client client(must_parse(url), options);
  return timed_send(client, req);
}

// Sends once to `url` and expects `kind`; returns the elapsed time for the caller's bound.
milliseconds expect_kind(const std::string& url, const client_options& options, error_kind kind) {
  timed_response t = send_once(url, options);
  EXPECT_EQ(t.r.error, kind) << t.r.error_message;
  EXPECT_FALSE(t.r.error_message.empty());
  return t.elapsed;
}

TEST(ClientFailure, StallGivesRequestTimeout) {
  misbehaving_server server = make_server(server_mode::stall);
  client_options options = quick_options();
  options.request_timeout = milliseconds(400);
  options.idle_timeout = milliseconds(5000);
  expect_timeout_within(
      [&] {
        timed_response t = send_once(server.url(), options);
        EXPECT_EQ(t.r.error, error_kind::request_timeout) << t.r.error_message;
        EXPECT_EQ(t.r.status, 0);
        EXPECT_NE(t.r.times.request_written, steady_time{});
        EXPECT_EQ(t.r.times.first_byte, steady_time{});
        return t.elapsed;
      },
      options.request_timeout);
}

TEST(ClientFailure, StallGivesIdleTimeoutWhenIdleIsShorter) {
  misbehaving_server server = make_server(server_mode::stall);
  client_options options = quick_options();
  options.idle_timeout = milliseconds(300);
  options.request_timeout = milliseconds(2000);
  expect_timeout_within(
      [&] {
        timed_response t = send_once(server.url(), options);
        EXPECT_EQ(t.r.error, error_kind::idle_timeout) << t.r.error_message;
        return t.elapsed - since_start(t.r, t.r.times.request_written);  // the idle clock starts here
      },
      options.idle_timeout);
}

TEST(ClientFailure, StallAfterHeadersGivesIdleTimeout) {
  misbehaving_server server = make_server(server_mode::stall_after_headers);
  client_options options = quick_options();
  options.idle_timeout = milliseconds(300);
  options.request_timeout = milliseconds(2000);
  expect_timeout_within(
      [&] {
        timed_response t = send_once(server.url(), options);
        EXPECT_EQ(t.r.error, error_kind::idle_timeout) << t.r.error_message;
        EXPECT_EQ(t.r.status, 200) << "the header arrived before the silence";
        EXPECT_NE(t.r.times.first_byte, steady_time{});
        return t.elapsed - since_start(t.r, t.r.times.first_byte);  // the idle clock restarts at the header
      },
      options.idle_timeout);
}

TEST(ClientFailure, DripSlowerThanIdleGivesIdleTimeout) {
  misbehaving_server server = make_server(server_mode::drip, milliseconds(600));
  client_options options = quick_options();
  options.idle_timeout = milliseconds(300);
  options.request_timeout = milliseconds(2000);
  expect_timeout_within(
      [&] {
        timed_response t = send_once(server.url(), options);
        EXPECT_EQ(t.r.error, error_kind::idle_timeout) << t.r.error_message;
        EXPECT_NE(t.r.times.first_byte, steady_time{}) << "the first byte comes at once";
        return t.elapsed - since_start(t.r, t.r.times.first_byte);
      },
      options.idle_timeout);
}

TEST(ClientFailure, DripNeverOutlivesTheRequestDeadline) {
  misbehaving_server server = make_server(server_mode::drip, milliseconds(20));
  client_options options = quick_options();
  options.idle_timeout = milliseconds(200);
  options.request_timeout = milliseconds(400);  // the response needs ~70 bytes x 20 ms
  expect_timeout_within([&] { return expect_kind(server.url(), options, error_kind::request_timeout); },
                        options.request_timeout);
}

TEST(ClientFailure, PerRequestTimeoutOverridesTheDefault) {
  misbehaving_server server = make_server(server_mode::stall);
  client_options options = quick_options();
  options.request_timeout = milliseconds(5000);
  options.idle_timeout = milliseconds(5000);
  request req;
  req.timeout = milliseconds(300);
  expect_timeout_within(
      [&] {
        timed_response t = send_once(server.url(), options, req);
        EXPECT_EQ(t.r.error, error_kind::request_timeout) << t.r.error_message;
        return t.elapsed;
      },
      req.timeout);
}

TEST(ClientFailure, ResetGivesReset) {
  misbehaving_server server = make_server(server_mode::reset);
  expect_timely([&] { return expect_kind(server.url(), quick_options(), error_kind::reset); },
                quick_options().request_timeout * 11 / 10);
}

TEST(ClientFailure, GarbageGivesProtocol) {
  misbehaving_server server = make_server(server_mode::garbage);
  expect_timely([&] { return expect_kind(server.url(), quick_options(), error_kind::protocol); },
                quick_options().request_timeout * 11 / 10);
}

TEST(ClientFailure, TruncatedChunkedBodyGivesProtocol) {
  misbehaving_server server = make_server(server_mode::truncated_chunked);
  timed_response t = send_once(server.url(), quick_options());
  EXPECT_EQ(t.r.error, error_kind::protocol) << t.r.error_message;
  EXPECT_NE(t.r.error_message.find("truncated"), std::string::npos) << t.r.error_message;
  expect_timely([&] { return expect_kind(server.url(), quick_options(), error_kind::protocol); },
                quick_options().request_timeout * 11 / 10);
}

TEST(ClientFailure, HugeHeaderGivesProtocol) {
  misbehaving_server server = make_server(server_mode::huge_header);
  timed_response t = send_once(server.url(), quick_options());
  EXPECT_EQ(t.r.error, error_kind::protocol) << t.r.error_message;
  EXPECT_NE(t.r.error_message.find("header limit"), std::string::npos) << t.r.error_message;
  expect_timely([&] { return expect_kind(server.url(), quick_options(), error_kind::protocol); },
                quick_options().request_timeout * 11 / 10);
}

TEST(ClientFailure, ClosedPortGivesConnectRefused) {
  std::uint16_t port = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor probe(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }  // closed again: nothing listens there now
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  timed_response t = send_once(url, quick_options());
  EXPECT_EQ(t.r.error, error_kind::connect_refused) << t.r.error_message;
  EXPECT_EQ(t.r.times.connected, steady_time{});
  expect_timely([&] { return expect_kind(url, quick_options(), error_kind::connect_refused); },
                quick_options().connect_timeout * 11 / 10);
}

// A host name with a label over 63 bytes cannot be put in a DNS query: the resolver fails it on
// this machine, so the test sends no query to a name server (unlike e.g. nonexistent.invalid).
const std::string unresolvable_url = "http://" + std::string(70, 'x') + ".invalid:8080";

TEST(ClientFailure, UnresolvableHostGivesDns) {
  timed_response t = send_once(unresolvable_url, quick_options());
  EXPECT_EQ(t.r.error, error_kind::dns) << t.r.error_message;
  EXPECT_NE(t.r.error_message.find("cannot resolve 'xxx"), std::string::npos) << t.r.error_message;
  EXPECT_EQ(t.r.times.connected, steady_time{});
  expect_timely([&] { return expect_kind(unresolvable_url, quick_options(), error_kind::dns); },
                quick_options().connect_timeout * 11 / 10);
}

TEST(ClientFailure, FullBacklogGivesConnectTimeout) {
  misbehaving_server server = make_server(server_mode::no_accept);
  client_options options = quick_options();
  options.connect_timeout = milliseconds(300);
  options.request_timeout = milliseconds(2000);
  expect_timeout_within([&] { return expect_kind(server.url(), options, error_kind::connect_timeout); },
                        options.connect_timeout);
  EXPECT_EQ(server.connections_accepted(), 0u);
}

TEST(ClientFailure, ConnectBoundedByTheRequestDeadline) {
  misbehaving_server server = make_server(server_mode::no_accept);
  client_options options = quick_options();
  options.connect_timeout = milliseconds(2000);
  options.request_timeout = milliseconds(300);
  expect_timeout_within([&] { return expect_kind(server.url(), options, error_kind::request_timeout); },
                        options.request_timeout);
}

TEST(ClientFailure, ClientRecoversAfterAFailure) {
  misbehaving_server stall = make_server(server_mode::stall);
  client_options options = quick_options();
  options.request_timeout = milliseconds(150);
  blocking_client client(must_parse(stall.url()), options);
  EXPECT_EQ(client.send({}).error, error_kind::request_timeout);
  EXPECT_EQ(client.send({}).error, error_kind::request_timeout);
  EXPECT_EQ(stall.connections_accepted(), 2u) << "a timed-out connection is never reused";
}

}  // namespace
}  // namespace shield::http::test
