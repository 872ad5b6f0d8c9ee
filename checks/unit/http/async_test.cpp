// The asynchronous interface: many connections in flight on one io_context, callbacks once each.

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/http/connection.hpp"
#include "support/http/tls_context.hpp"
#include "checks/unit/http/test_util.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace shield::http::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

// A closed loop: each connection sends `per_connection` requests one after the other.
struct closed_loop {
  closed_loop(boost::asio::io_context& ioc, const target_url& url, const client_options& options,
              std::size_t connections, int per_connection)
      : per_connection_(per_connection), slots_(connections) {
    for (slot& s : slots_) s.conn = std::make_unique<connection>(ioc, url, options);
  }

  void start() {
    for (std::size_t i = 0; i < slots_.size(); ++i) send(i);
  }

  struct slot {
    std::unique_ptr<connection> conn;  // this slot's connection
    response out;                      // reused for every request
    int completed = 0;                 // callbacks received
    int succeeded = 0;                 // of which ok
    int in_flight = 0;                 // sends without a callback yet (must stay 0 or 1)
    int max_in_flight = 0;             // highest in_flight seen
    std::vector<error_kind> errors;    // kinds of failed requests
    std::string last_error;            // message of the last failure, for diagnostics
  };

  void send(std::size_t i) {
    slot& s = slots_[i];
    ++s.in_flight;
    s.max_in_flight = std::max(s.max_in_flight, s.in_flight);
    s.conn->async_send(request_, s.out, [this, i](response& r) { on_done(i, r); });
  }

  void on_done(std::size_t i, response& r) {
    slot& s = slots_[i];
    EXPECT_EQ(&r, &s.out);
    --s.in_flight;
    ++s.completed;
    if (r.ok()) {
      ++s.succeeded;
    } else {
      s.errors.push_back(r.error);
      s.last_error = r.error_message;
    }
    if (s.completed < per_connection_) send(i);  // the next request from inside the callback
  }

  request request_;
  int per_connection_;
  std::vector<slot> slots_;
};

TEST(Async, ManyConnectionsInFlightOnOneIoContext) {
  server_options options;
  options.mode = server_mode::sse;
  options.sse_events = 3;
  options.interval = milliseconds(20);  // each request takes ~60 ms
  misbehaving_server server(options);

  // Sequentially 8 x 3 requests x 60 ms = 1.44 s; in flight together about 3 x 60 ms.
  expect_timely(
      [&] {
        std::size_t accepted_before = server.connections_accepted();
        boost::asio::io_context ioc;
        closed_loop loop(ioc, must_parse(server.url()), relaxed_options(), 8, 3);
        auto start = steady::now();
        loop.start();
        ioc.run();
        auto elapsed = std::chrono::duration_cast<milliseconds>(steady::now() - start);
        for (const auto& s : loop.slots_) {
          EXPECT_EQ(s.completed, 3);
          EXPECT_EQ(s.succeeded, 3) << s.last_error;
          EXPECT_EQ(s.in_flight, 0);
          EXPECT_EQ(s.max_in_flight, 1);
          EXPECT_EQ(s.conn->connections_opened(), 1u);
          EXPECT_EQ(s.out.events.size(), 3u);
        }
        EXPECT_EQ(server.connections_accepted() - accepted_before, 8u);
        return elapsed;
      },
      milliseconds(700));
}

TEST(Async, FailuresAndSuccessesSideBySide) {
  misbehaving_server good;
  server_options stall_options;
  stall_options.mode = server_mode::stall;
  misbehaving_server stall(stall_options);
  client_options quick = quick_options();
  quick.request_timeout = milliseconds(200);

  // Two timeouts in a row on each stalled connection, all connections in parallel.
  expect_timely(
      [&] {
        boost::asio::io_context ioc;
        closed_loop ok_loop(ioc, must_parse(good.url()), relaxed_options(), 4, 5);
        closed_loop bad_loop(ioc, must_parse(stall.url()), quick, 4, 2);
        auto start = steady::now();
        ok_loop.start();
        bad_loop.start();
        ioc.run();
        auto elapsed = std::chrono::duration_cast<milliseconds>(steady::now() - start);
        for (const auto& s : ok_loop.slots_) {
          EXPECT_EQ(s.completed, 5);
          EXPECT_EQ(s.succeeded, 5) << s.last_error;
        }
        for (const auto& s : bad_loop.slots_) {
          EXPECT_EQ(s.completed, 2);
          EXPECT_EQ(s.errors, (std::vector<error_kind>{error_kind::request_timeout, error_kind::request_timeout}));
        }
        return elapsed;
      },
      2 * quick.request_timeout * 11 / 10);
}

TEST(Async, CompletionNeverRunsInsideAsyncSend) {
  misbehaving_server server;
  boost::asio::io_context ioc;
  connection conn(ioc, must_parse(server.url()), relaxed_options());
  request bad;
  bad.target = "no slash";
  response out;
  int calls = 0;
  conn.async_send(bad, out, [&](response&) { ++calls; });
  EXPECT_EQ(calls, 0) << "even an immediate failure completes later, from the io_context";
  EXPECT_TRUE(conn.busy());
  ioc.run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(out.error, error_kind::protocol);
  EXPECT_FALSE(conn.busy());
}

TEST(Async, SecondSendWhileBusyFailsAndFirstStillCompletes) {
  misbehaving_server server;
  boost::asio::io_context ioc;
  connection conn(ioc, must_parse(server.url()), relaxed_options());
  request req;
  response first;
  response second;
  int first_calls = 0;
  int second_calls = 0;
  conn.async_send(req, first, [&](response&) { ++first_calls; });
  conn.async_send(req, second, [&](response&) { ++second_calls; });
  ioc.run();
  EXPECT_EQ(first_calls, 1);
  EXPECT_EQ(second_calls, 1);
  EXPECT_TRUE(first.ok()) << first.error_message;
  EXPECT_EQ(second.error, error_kind::protocol);
  EXPECT_NE(second.error_message.find("busy"), std::string::npos);
}

TEST(Async, CloseDuringRequestCompletesOnceWithReset) {
  server_options options;
  options.mode = server_mode::stall;
  misbehaving_server server(options);
  boost::asio::io_context ioc;
  connection conn(ioc, must_parse(server.url()), relaxed_options());
  request req;
  response out;
  int calls = 0;
  conn.async_send(req, out, [&](response&) { ++calls; });
  // Close once the request is on the wire.
  while (out.times.request_written == steady_time{} && ioc.run_one() != 0) {
  }
  conn.close();
  auto start = steady::now();
  ioc.run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(out.error, error_kind::reset) << out.error_message;
  EXPECT_LT(steady::now() - start, milliseconds(1000)) << "closing does not wait for a timeout (idle: 2 s)";
}

TEST(Async, CloseWhileConnectingCompletesOnceWithReset) {
  server_options options;
  options.mode = server_mode::no_accept;
  misbehaving_server server(options);
  boost::asio::io_context ioc;
  connection conn(ioc, must_parse(server.url()), relaxed_options());
  request req;
  response out;
  int calls = 0;
  conn.async_send(req, out, [&](response&) { ++calls; });
  ioc.poll();  // the connect is now pending: the backlog is full
  EXPECT_EQ(calls, 0);
  conn.close();
  ioc.run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(out.error, error_kind::reset) << out.error_message;
  EXPECT_NE(out.error_message.find("closed by the client"), std::string::npos) << out.error_message;
  EXPECT_FALSE(conn.busy());
}

TEST(Async, SharedTlsContextAcrossConnections) {
  server_options options;
  options.tls = true;
  misbehaving_server server(options);
  client_options co = relaxed_options();
  co.insecure = true;
  auto tls = std::make_shared<const tls_context>(co);
  ASSERT_TRUE(tls->usable()) << tls->usable().error();
  boost::asio::io_context ioc;
  std::vector<std::unique_ptr<connection>> conns;
  std::vector<response> outs(4);
  request req;
  int ok = 0;
  for (int i = 0; i < 4; ++i) {
    conns.push_back(std::make_unique<connection>(ioc, must_parse(server.url()), co, tls));
    conns.back()->async_send(req, outs[static_cast<std::size_t>(i)], [&](response& r) {
      ok += r.ok() ? 1 : 0;
      EXPECT_TRUE(r.ok()) << r.error_message;
    });
  }
  ioc.run();
  EXPECT_EQ(ok, 4);
  EXPECT_EQ(server.connections_accepted(), 4u);
}

// A server that accepts one connection, records the peer's address, and answers one request.
struct peer_recorder {
  explicit peer_recorder(boost::asio::io_context& ioc)
      : acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}), socket(ioc) {
    acceptor.async_accept(socket, [this](boost::system::error_code ec) {
      if (ec) return;
      peer = socket.remote_endpoint(ec).address().to_string();
      boost::asio::async_read_until(socket, request_bytes, "\r\n\r\n",
                                    [this](boost::system::error_code e, std::size_t) {
                                      if (e) return;
                                      boost::asio::async_write(socket, boost::asio::buffer(answer),
                                                               [](boost::system::error_code, std::size_t) {});
                                    });
    });
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()); }

  boost::asio::ip::tcp::acceptor acceptor;  // on a free loopback port
  boost::asio::ip::tcp::socket socket;      // the one accepted connection
  boost::asio::streambuf request_bytes;     // the request's header
  std::string peer;                         // the client's address as the server saw it
  const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
};

TEST(Async, SourceAddressIsBoundBeforeConnecting) {
  boost::asio::io_context ioc;
  peer_recorder server(ioc);
  client_options co = relaxed_options();
  co.source_address = "127.0.0.3";
  connection conn(ioc, must_parse(server.url()), co);
  const request req;  // alive until the completion
  response out;
  conn.async_send(req, out, [](response&) {});
  ioc.run();
  EXPECT_TRUE(out.ok()) << out.error_message;
  EXPECT_EQ(out.body, "ok");
  EXPECT_EQ(server.peer, "127.0.0.3");
}

TEST(Async, SourceAddressThatCannotBeBoundFailsTheConnectSayingWhich) {
  misbehaving_server server;
  for (const char* source : {"192.0.2.1", "not-an-address"}) {
    boost::asio::io_context ioc;
    client_options co = quick_options();
    co.source_address = source;
    connection conn(ioc, must_parse(server.url()), co);
    const request req;
    response out;
    bool inside = true;
    conn.async_send(req, out, [&](response&) { EXPECT_FALSE(inside) << "completed inside async_send"; });
    inside = false;
    ioc.run();
    EXPECT_FALSE(out.ok());
    EXPECT_NE(out.error_message.find(std::string("from ") + source), std::string::npos) << out.error_message;
  }
  EXPECT_EQ(server.connections_accepted(), 0u);
}

TEST(Async, PreRenderedRequestIsSentAsIs) {
  misbehaving_server server;
  boost::asio::io_context ioc;
  const target_url url = must_parse(server.url());
  request req;
  req.target = "/rendered";
  auto wire = render_request(req, url, relaxed_options());
  ASSERT_TRUE(wire) << wire.error().message;
  EXPECT_EQ(wire->rfind("GET /rendered HTTP/1.1\r\n", 0), 0u) << *wire;
  connection conn(ioc, url, relaxed_options());
  response out;
  const auto start = steady::now() - milliseconds(5);  // the caller's clock read of its event
  conn.async_send(
      req, *wire, out, [](response&) {}, start);
  ioc.run();
  EXPECT_TRUE(out.ok()) << out.error_message;
  EXPECT_EQ(out.times.start, start);
  EXPECT_GE(out.total_ms(), 5.0);
  request bad;
  bad.headers = {{"X-Bad", "a\r\nb"}};
  EXPECT_FALSE(render_request(bad, url, relaxed_options()));
}

}  // namespace
}  // namespace shield::http::test
