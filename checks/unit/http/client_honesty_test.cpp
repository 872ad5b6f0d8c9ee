// Honest accounting at the client: nothing is re-sent unless asked (and then counted), a kept-alive
// connection the server closed is noticed before writing, 1xx interim answers are skipped, and a
// quiet stream says what it delivered. Each case compares with the server's own record.

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/http/connection.hpp"
#include "checks/unit/http/test_util.hpp"

#include <boost/asio/io_context.hpp>

#include <thread>

namespace shield::http::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

misbehaving_server server_in(server_mode mode) {
  server_options o;
  o.mode = mode;
  return misbehaving_server(o);
}

request with_method(std::string method) {
  request r;
  r.method = std::move(method);
  if (r.method == "POST") r.body = "{}";
  return r;
}

TEST(ClientHonesty, DroppedRequestIsAFailureNotASilentResend) {
  for (const char* method : {"GET", "POST"}) {
    misbehaving_server server = server_in(server_mode::drop_after_first);
    blocking_client client(must_parse(server.url()), relaxed_options());
    const request req = with_method(method);
    response first = client.send(req);
    ASSERT_TRUE(first.ok()) << method << ": " << first.error_message;
    response second = client.send(req);  // read by the server, never answered
    EXPECT_EQ(second.error, error_kind::reset) << method << ": " << second.error_message;
    EXPECT_FALSE(second.retried);
    EXPECT_EQ(server.requests_received(), 2u) << method << ": sent exactly once";
    EXPECT_EQ(server.requests_dropped(), 1u);
    EXPECT_EQ(server.answers_sent(), 1u);
  }
}

TEST(ClientHonesty, RetryIdempotentResendsGetOnceAndSaysSo) {
  misbehaving_server server = server_in(server_mode::drop_after_first);
  client_options o = relaxed_options();
  o.retry_idempotent = true;
  blocking_client client(must_parse(server.url()), o);
  ASSERT_TRUE(client.get("/").ok());
  response again = client.get("/");
  EXPECT_TRUE(again.ok()) << again.error_message;
  EXPECT_TRUE(again.retried) << "the re-send is reported";
  EXPECT_EQ(server.requests_received(), 3u);
  EXPECT_EQ(server.requests_dropped(), 1u);
  EXPECT_EQ(server.answers_sent(), 2u);
}

TEST(ClientHonesty, RetryIdempotentNeverResendsPost) {
  misbehaving_server server = server_in(server_mode::drop_after_first);
  client_options o = relaxed_options();
  o.retry_idempotent = true;
  blocking_client client(must_parse(server.url()), o);
  const request post = with_method("POST");
  ASSERT_TRUE(client.send(post).ok());
  response second = client.send(post);
  EXPECT_EQ(second.error, error_kind::reset) << second.error_message;
  EXPECT_FALSE(second.retried);
  EXPECT_EQ(server.requests_received(), 2u);
}

TEST(ClientHonesty, IdleCloseByTheServerIsNoticedBeforeWriting) {
  server_options so;
  so.mode = server_mode::idle_close;
  so.keepalive_timeout = milliseconds(20);
  misbehaving_server server(so);
  blocking_client client(must_parse(server.url()), relaxed_options());
  for (int i = 0; i < 4; ++i) {
    if (i > 0) std::this_thread::sleep_for(milliseconds(80));  // longer than the server's keep-alive
    response r = client.get("/");
    ASSERT_TRUE(r.ok()) << "request " << i << ": " << r.error_message;
    EXPECT_EQ(r.reconnected, i > 0) << "the closed connection was replaced before anything was written";
    EXPECT_FALSE(r.retried);
  }
  EXPECT_EQ(server.requests_received(), 4u) << "nothing was written into a closed connection";
  EXPECT_EQ(server.idle_closes(), 3u);
}

TEST(ClientHonesty, KeepaliveIdleReopensBeforeTheServerCloses) {
  server_options so;
  so.mode = server_mode::idle_close;
  so.keepalive_timeout = milliseconds(400);
  misbehaving_server server(so);
  client_options o = relaxed_options();
  o.keepalive_idle = milliseconds(30);
  blocking_client client(must_parse(server.url()), o);
  ASSERT_TRUE(client.get("/").ok());
  std::this_thread::sleep_for(milliseconds(60));
  response r = client.get("/");
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_TRUE(r.reconnected);
  EXPECT_FALSE(r.reused_connection);
  EXPECT_EQ(server.connections_accepted(), 2u);
  response quick = client.get("/");  // right away: still within keepalive_idle, reused
  EXPECT_TRUE(quick.reused_connection);
}

TEST(ClientHonesty, EarlyHintsAreSkipped) {
  misbehaving_server server = server_in(server_mode::early_hints);
  blocking_client client(must_parse(server.url()), relaxed_options());
  for (int i = 0; i < 3; ++i) {
    request req;
    req.expected_status = 200;
    response r = client.send(req);
    ASSERT_TRUE(r.ok()) << r.error_message;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "hello");
    EXPECT_TRUE(r.header_value("Link").empty()) << "the interim answer's fields are dropped";
  }
  EXPECT_EQ(server.connections_accepted(), 1u) << "the connection stays in step";
}

TEST(ClientHonesty, QuietStreamSaysHowManyEventsArrived) {
  server_options so;
  so.mode = server_mode::sse;
  so.sse_events = 5;
  so.sse_stall_after = 2;
  so.interval = milliseconds(10);
  misbehaving_server server(so);
  client_options o = relaxed_options();
  o.idle_timeout = milliseconds(200);
  blocking_client client(must_parse(server.url()), o);
  response r = client.get("/");
  EXPECT_EQ(r.error, error_kind::idle_timeout) << r.error_message;
  EXPECT_EQ(r.event_count, 2u);
  EXPECT_NE(r.error_message.find("the stream went quiet: 2 events arrived, the last"), std::string::npos)
      << r.error_message;
  EXPECT_NE(r.error_message.find("idle timeout 200 ms"), std::string::npos) << r.error_message;
}

TEST(ClientHonesty, SilentAnswerSaysNoResponseByte) {
  misbehaving_server server = server_in(server_mode::stall);
  client_options o = quick_options();
  o.idle_timeout = milliseconds(100);
  blocking_client client(must_parse(server.url()), o);
  response r = client.get("/");
  EXPECT_EQ(r.error, error_kind::idle_timeout);
  EXPECT_NE(r.error_message.find("no response byte for 100 ms"), std::string::npos) << r.error_message;
}

// Resolve once, connect many: connections given the addresses never resolve their host (a name
// that cannot resolve still connects), and async_open connects without sending anything.
TEST(ClientHonesty, SharedAddressesAndOpenWithoutSending) {
  misbehaving_server server;
  const auto resolved = resolve_addresses(must_parse(server.url("localhost")));
  ASSERT_TRUE(resolved) << resolved.error();
  const auto addresses = *resolved;
  ASSERT_NE(addresses, nullptr);
  const auto unknown = resolve_addresses(must_parse("http://no-such-host.invalid:80"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("cannot resolve 'no-such-host.invalid'"), std::string::npos)
      << unknown.error();
  EXPECT_TRUE(unknown.error().code) << "the resolver's error code is kept";

  boost::asio::io_context ioc;
  const std::string unresolvable = "http://no-such-host.invalid:" + std::to_string(server.port());
  connection conn(ioc, must_parse(unresolvable), relaxed_options(), nullptr, addresses);
  response opened;
  bool open_done = false;
  conn.async_open(opened, [&](response&) { open_done = true; });
  ioc.run();
  ASSERT_TRUE(open_done);
  EXPECT_TRUE(opened.ok()) << opened.error_message;
  EXPECT_NE(opened.times.connected, steady_time{});
  EXPECT_EQ(server.requests_received(), 0u) << "opening sends nothing";
  EXPECT_TRUE(conn.is_open());

  request req;
  response r;
  conn.async_send(req, r, [](response&) {});
  ioc.restart();
  ioc.run();
  EXPECT_TRUE(r.ok()) << r.error_message;
  EXPECT_TRUE(r.reused_connection) << "the request went out on the connection opened before";
  EXPECT_EQ(server.connections_accepted(), 1u);
}

}  // namespace
}  // namespace shield::http::test
