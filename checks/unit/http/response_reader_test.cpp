#include "support/http/detail/response_reader.hpp"

#include <boost/beast/http/error.hpp>
#include <gtest/gtest.h>

#include <chrono>

namespace shield::http::detail {
namespace {

using std::chrono::milliseconds;

struct parsed {
  response out;
  boost::system::error_code ec;
  bool done = false;
  bool keep_alive = false;
};

// Feeds `pieces` through a buffer as a connection does (unconsumed bytes stay for the next
// call); the i-th piece arrives at i+1 ms.
parsed parse(const std::vector<std::string>& pieces, const request& req = {}, client_options options = {}) {
  parsed result;
  sse_parser sse;
  response_reader reader(req, result.out, options, sse);
  std::string buffer;
  for (std::size_t i = 0; i < pieces.size() && !result.ec && !reader.is_done(); ++i) {
    buffer += pieces[i];
    buffer.erase(0, reader.feed(buffer, steady_time{} + milliseconds(i + 1), result.ec));
  }
  result.done = reader.is_done();
  if (result.done) result.keep_alive = reader.keep_alive();
  return result;
}

TEST(ResponseReader, ContentLengthBodyAndHeaders) {
  auto r =
      parse({"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-A: 1\r\n"
             "Content-Length: 7\r\n\r\n{\"a\":1}"});
  ASSERT_TRUE(r.done) << r.ec.message();
  EXPECT_EQ(r.out.status, 201);
  EXPECT_EQ(r.out.body, "{\"a\":1}");
  EXPECT_EQ(r.out.body_bytes, 7u);
  EXPECT_EQ(r.out.header_value("content-type"), "application/json");
  EXPECT_EQ(r.out.header_value("x-a"), "1");
  EXPECT_EQ(r.out.headers.size(), 3u);
  EXPECT_TRUE(r.keep_alive);
}

TEST(ResponseReader, SplitAnywhere) {
  std::string text = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
  std::vector<std::string> bytes;
  for (char c : text) bytes.emplace_back(1, c);
  auto r = parse(bytes);
  ASSERT_TRUE(r.done);
  EXPECT_EQ(r.out.body, "hello");
  EXPECT_FALSE(r.keep_alive);
}

TEST(ResponseReader, ChunkedBodyDecoded) {
  auto r = parse({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", "lo\r\n6\r\n world\r\n0\r\n\r\n"});
  ASSERT_TRUE(r.done);
  EXPECT_EQ(r.out.body, "hello world");
}

TEST(ResponseReader, SseEventsStampedWithArrivalTime) {
  request req;
  std::vector<std::pair<std::string, steady_time>> seen;
  req.on_event = [&](const sse_message& m, steady_time at) { seen.emplace_back(std::string(m.data), at); };
  auto r = parse({"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n",
                  "8\r\ndata: a\n\r\n", "1\r\n\n\r\n", "10\r\ndata: b\n\ndata: c\r\n", "2\r\n\n\n\r\n0\r\n\r\n"},
                 req);
  ASSERT_TRUE(r.done) << r.ec.message();
  ASSERT_EQ(r.out.events.size(), 3u);
  EXPECT_EQ(r.out.event_count, 3u);
  EXPECT_EQ(r.out.events[0].data, "a");
  EXPECT_EQ(r.out.events[0].at, steady_time{} + milliseconds(3));  // completed by the third piece
  EXPECT_EQ(r.out.events[1].data, "b");
  EXPECT_EQ(r.out.events[1].at, steady_time{} + milliseconds(4));
  EXPECT_EQ(r.out.events[2].data, "c");
  EXPECT_EQ(r.out.events[2].at, steady_time{} + milliseconds(5));
  ASSERT_EQ(seen.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seen[i].first, r.out.events[i].data);
    EXPECT_EQ(seen[i].second, r.out.events[i].at);
  }
}

TEST(ResponseReader, NothingKeptWhenAskedNotTo) {
  request req;
  req.keep_headers = false;
  req.keep_body = false;
  req.keep_events = false;
  auto r = parse({"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 18\r\n\r\n"
                  "data: 1\n\ndata: 2\n\n"},
                 req);
  ASSERT_TRUE(r.done);
  EXPECT_TRUE(r.out.headers.empty());
  EXPECT_TRUE(r.out.body.empty());
  EXPECT_TRUE(r.out.events.empty());
  EXPECT_EQ(r.out.event_count, 2u);
  EXPECT_EQ(r.out.body_bytes, 18u);
}

TEST(ResponseReader, NonSseBodyIsNotParsedForEvents) {
  auto r = parse({"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\ndata: x\n\n"});
  ASSERT_TRUE(r.done);
  EXPECT_EQ(r.out.event_count, 0u);
}

TEST(ResponseReader, LimitsAndMalformedInput) {
  client_options small;
  small.header_limit = 64;
  small.body_limit = 4;
  auto big_header = parse({"HTTP/1.1 200 OK\r\nX-Big: " + std::string(100, 'a') + "\r\n\r\n"}, {}, small);
  EXPECT_EQ(big_header.ec, boost::beast::http::error::header_limit);
  auto big_body = parse({"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"}, {}, small);
  EXPECT_EQ(big_body.ec, boost::beast::http::error::body_limit);
  auto garbage = parse({"SSH-2.0-x\r\n\r\n"});
  EXPECT_TRUE(garbage.ec);
  EXPECT_FALSE(garbage.done);
  auto bad_chunk = parse({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"});
  EXPECT_TRUE(bad_chunk.ec);
}

TEST(ResponseReader, HeadResponseHasNoBody) {
  request head;
  head.method = "HEAD";
  auto r = parse({"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"}, head);
  EXPECT_TRUE(r.done);
  EXPECT_TRUE(r.out.body.empty());
}

}  // namespace
}  // namespace shield::http::detail
