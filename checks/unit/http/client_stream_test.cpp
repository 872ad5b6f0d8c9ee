// Server-Sent Events with timestamps, and reconnection when servers close connections.

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "checks/unit/http/test_util.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace shield::http::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

// Streams 6 events 40 ms apart and checks data, ids, callbacks and timestamp order every time;
// returns "" when the gaps between events match the server's delay, else what was off.
std::string sse_stream_attempt(bool chunked) {
  server_options options;
  options.mode = server_mode::sse;
  options.sse_events = 6;
  options.interval = milliseconds(40);
  options.sse_chunked = chunked;
  misbehaving_server server(options);
  blocking_client client(must_parse(server.url()), relaxed_options());

  std::vector<std::pair<std::string, steady_time>> callbacks;
  request req;
  req.method = "POST";
  req.target = "/chat/streaming";
  req.body = R"({"message":"hi","session_id":"s"})";
  req.on_event = [&](const sse_message& m, steady_time at) { callbacks.emplace_back(std::string(m.data), at); };
  response r = client.send(req);
  EXPECT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.header_value("content-type"), "text/event-stream");
  EXPECT_EQ(r.event_count, 6u);
  EXPECT_EQ(client.connections_opened(), 1u);
  if (r.events.size() != 6u || callbacks.size() != 6u) {
    ADD_FAILURE() << "expected 6 events and 6 callbacks, got " << r.events.size() << " and " << callbacks.size();
    return {};
  }
  expect_ordered_times(r);
  steady_time previous = r.times.first_byte;
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    const sse_event& e = r.events[i];
    EXPECT_EQ(e.data, "tok" + std::to_string(i + 1));
    EXPECT_EQ(e.id, std::to_string(i + 1));
    EXPECT_EQ(callbacks[i].first, e.data);
    EXPECT_EQ(callbacks[i].second, e.at) << "callback and stored event share the arrival time";
    EXPECT_GE(e.at, previous) << "event " << i;
    EXPECT_LE(e.at, r.times.complete);
    previous = e.at;
  }

  // The server waits 40 ms before each event: the timestamps show it.
  auto ms = [](steady_time::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  double mean_gap = ms(r.events.back().at - r.events.front().at) / static_cast<double>(r.events.size() - 1);
  if (mean_gap < 0.8 * 40 || mean_gap > 1.5 * 40) return "mean gap " + std::to_string(mean_gap) + " ms, expected ~40";
  for (std::size_t i = 1; i < r.events.size(); ++i) {
    double gap = ms(r.events[i].at - r.events[i - 1].at);
    if (gap < 20) return "gap " + std::to_string(i) + " is " + std::to_string(gap) + " ms: not stamped on arrival";
  }
  // Time to first token: the header comes first, the first event about one interval later.
  double first = ms(r.events.front().at - r.times.first_byte);
  if (first < 20) return "first event " + std::to_string(first) + " ms after the header, expected ~40";
  return {};
}

TEST(ClientStream, SseOverChunkedEncoding) {
  expect_timing_holds([] { return sse_stream_attempt(true); });
}

TEST(ClientStream, SseDelimitedByConnectionClose) {
  expect_timing_holds([] { return sse_stream_attempt(false); });
}

TEST(ClientStream, SseKeepsConnectionWhenChunked) {
  server_options options;
  options.mode = server_mode::sse;
  options.sse_events = 2;
  options.interval = milliseconds(5);
  misbehaving_server server(options);
  blocking_client client(must_parse(server.url()), relaxed_options());
  for (int i = 0; i < 3; ++i) {
    response r = client.get("/");
    ASSERT_TRUE(r.ok()) << r.error_message;
    EXPECT_EQ(r.events.size(), 2u);
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(ClientStream, ConnectionCloseHeaderMakesNextRequestReconnect) {
  server_options options;
  options.mode = server_mode::close_after_response;
  misbehaving_server server(options);
  blocking_client client(must_parse(server.url()), relaxed_options());
  for (int i = 0; i < 4; ++i) {
    response r = client.get("/");
    ASSERT_TRUE(r.ok()) << "request " << i << ": " << r.error_message;
    EXPECT_FALSE(r.reused_connection) << "the client saw Connection: close and opened a new connection";
    EXPECT_FALSE(r.reconnected);
    EXPECT_EQ(r.body, "hello");
  }
  EXPECT_EQ(server.connections_accepted(), 4u);
  EXPECT_EQ(server.requests_received(), 4u);
}

TEST(ClientStream, SilentCloseIsNoticedBeforeWritingWithoutFailedRequests) {
  server_options options;
  options.mode = server_mode::silent_close;
  misbehaving_server server(options);
  client_options co = relaxed_options();
  co.idle_timeout = milliseconds(500);  // a client that waited for a timeout instead of reconnecting would show
  expect_timely(
      [&] {
        std::size_t accepted_before = server.connections_accepted();
        std::size_t received_before = server.requests_received();
        blocking_client client(must_parse(server.url()), co);
        milliseconds slowest{0};
        for (int i = 0; i < 4; ++i) {
          if (i > 0) std::this_thread::sleep_for(milliseconds(20));  // the server's FIN has arrived
          timed_response t = timed_send(client);
          EXPECT_TRUE(t.r.ok()) << "request " << i << ": " << t.r.error_message;
          EXPECT_EQ(t.r.body, "hello");
          EXPECT_EQ(t.r.reconnected, i > 0) << "the closed connection was found before writing and replaced";
          EXPECT_FALSE(t.r.retried) << "nothing was re-sent";
          EXPECT_FALSE(t.r.reused_connection);
          slowest = std::max(slowest, t.elapsed);
        }
        EXPECT_EQ(server.connections_accepted() - accepted_before, 4u);
        EXPECT_EQ(server.requests_received() - received_before, 4u) << "each request written once";
        return slowest;
      },
      milliseconds(300));
}

}  // namespace
}  // namespace shield::http::test
