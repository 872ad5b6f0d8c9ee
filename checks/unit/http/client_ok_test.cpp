// The blocking client against well-behaved servers: requests on the wire, bodies, streams, reuse.

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "checks/unit/http/test_util.hpp"

#include <gtest/gtest.h>

namespace shield::http::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

std::string field(const fixtures::received_request& req, std::string_view name) {
  for (const auto& [n, v] : req.fields) {
    if (iequals(n, name)) return v;
  }
  return "<absent>";
}

TEST(ClientOk, SendsWellFormedRequests) {
  misbehaving_server server;
  blocking_client client(must_parse(server.url() + "/api"), relaxed_options());

  response get = client.get("/health");
  ASSERT_TRUE(get.ok()) << get.error_message;
  auto seen = server.last_request();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/api/health");
  EXPECT_EQ(field(seen, "Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(field(seen, "User-Agent"), "shield-stress/0.1");
  EXPECT_EQ(field(seen, "Connection"), "keep-alive");
  EXPECT_EQ(field(seen, "Content-Type"), "<absent>");

  request post;
  post.method = "POST";
  post.target = "/anonymize?x=1";
  post.body = R"({"text":"Juan","session_id":"s1"})";
  post.headers = {{"X-Trace", "abc"}};
  response posted = client.send(post);
  ASSERT_TRUE(posted.ok()) << posted.error_message;
  seen = server.last_request();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/api/anonymize?x=1");
  EXPECT_EQ(seen.body, post.body);
  EXPECT_EQ(field(seen, "Content-Type"), "application/json");
  EXPECT_EQ(field(seen, "Content-Length"), std::to_string(post.body.size()));
  EXPECT_EQ(field(seen, "X-Trace"), "abc");
}

TEST(ClientOk, ReadsStatusHeadersBodyAndTimestamps) {
  server_options options;
  options.body = std::string(100000, 'x');
  misbehaving_server server(options);
  blocking_client client(must_parse(server.url()), relaxed_options());
  response r = client.get("/");
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, options.body);
  EXPECT_EQ(r.header_value("content-length"), "100000");
  EXPECT_EQ(r.header_value("Content-Type"), "text/plain");
  EXPECT_FALSE(r.reused_connection);
  EXPECT_TRUE(r.error_message.empty());
  expect_ordered_times(r);
  EXPECT_GT(r.time_to_first_byte_ms(), 0.0);
  EXPECT_GE(r.total_ms(), r.time_to_first_byte_ms());
}

TEST(ClientOk, ReusesOneConnection) {
  misbehaving_server server;
  blocking_client client(must_parse(server.url()), relaxed_options());
  response r;
  for (int i = 0; i < 5; ++i) {
    client.send(request{}, r);
    ASSERT_TRUE(r.ok()) << r.error_message;
    EXPECT_EQ(r.reused_connection, i > 0) << "request " << i;
    EXPECT_FALSE(r.reconnected);
    if (i > 0) {
      EXPECT_EQ(r.times.connected, r.times.start);
    }
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
  EXPECT_EQ(server.requests_received(), 5u);
  EXPECT_EQ(client.connections_opened(), 1u);
  client.close();
  EXPECT_TRUE(client.get("/").ok());
  EXPECT_EQ(server.connections_accepted(), 2u);
}

TEST(ClientOk, ChunkedBodyReassembled) {
  server_options options;
  options.mode = server_mode::chunked;
  options.body = "The quick brown fox jumps over the lazy dog";
  options.chunks = 5;
  misbehaving_server server(options);
  blocking_client client(must_parse(server.url()), relaxed_options());
  for (int i = 0; i < 2; ++i) {
    response r = client.get("/");
    ASSERT_TRUE(r.ok()) << r.error_message;
    EXPECT_EQ(r.body, options.body);
    EXPECT_EQ(r.header_value("transfer-encoding"), "chunked");
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(ClientOk, DripAssembledAcrossManyReads) {
  server_options options;
  options.mode = server_mode::drip;
  options.interval = milliseconds(1);
  misbehaving_server server(options);
  client_options co = relaxed_options();
  co.request_timeout = milliseconds(3000);
  blocking_client client(must_parse(server.url()), co);
  response r = client.get("/");
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.body, options.body);
  expect_ordered_times(r);
  EXPECT_GT(r.times.complete - r.times.first_byte, milliseconds(30)) << "first byte stamped when it arrived";
}

TEST(ClientOk, UnexpectedStatusOnlyWhenAStatusIsExpected) {
  server_options options;
  options.mode = server_mode::unexpected_status;
  options.body = "down";
  misbehaving_server server(options);
  blocking_client client(must_parse(server.url()), relaxed_options());
  request req;
  response any = client.send(req);
  ASSERT_TRUE(any.ok()) << any.error_message;
  EXPECT_EQ(any.status, 503);
  req.expected_status = 200;
  timed_response expecting = timed_send(client, req);  // failed without waiting
  EXPECT_EQ(expecting.r.error, error_kind::unexpected_status);
  EXPECT_EQ(expecting.r.status, 503);
  EXPECT_EQ(expecting.r.body, "down");
  EXPECT_NE(expecting.r.error_message.find("expected status 200, got 503"), std::string::npos);
  EXPECT_TRUE(expecting.r.reused_connection);
  EXPECT_EQ(server.connections_accepted(), 1u) << "a complete response keeps the connection";
}

TEST(ClientOk, BodyOverLimitIsProtocolError) {
  server_options options;
  options.body = std::string(1000, 'b');
  misbehaving_server server(options);
  client_options co = relaxed_options();
  co.body_limit = 999;
  blocking_client client(must_parse(server.url()), co);
  response r = client.get("/");
  EXPECT_EQ(r.error, error_kind::protocol);
  EXPECT_NE(r.error_message.find("body limit"), std::string::npos) << r.error_message;
}

TEST(ClientOk, InvalidRequestFailsWithoutConnecting) {
  misbehaving_server server;
  blocking_client client(must_parse(server.url()), relaxed_options());
  request req;
  req.headers = {{"X-Bad", "a\r\nb"}};
  response r = client.send(req);
  EXPECT_EQ(r.error, error_kind::protocol);
  EXPECT_EQ(client.connections_opened(), 0u);
}

}  // namespace
}  // namespace shield::http::test
