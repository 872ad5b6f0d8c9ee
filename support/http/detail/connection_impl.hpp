#pragma once
// Internal: the life of one send behind shield::http::connection, independent of the stream type
// (one request at a time, the deadlines, the outcome, completion exactly once). The I/O steps
// live in stream_session.hpp and its two stream types (plain_session.cpp, tls_session.cpp).

#include "support/http/connection.hpp"
#include "support/http/detail/deadline_guard.hpp"
#include "support/http/detail/response_reader.hpp"

#include <boost/beast/core/flat_buffer.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace shield::http::detail {

class connection_impl : public std::enable_shared_from_this<connection_impl> {
 protected:
  // The step a deadline guards, which decides the kind of a timeout.
  enum class step : std::uint8_t { idle, resolve, connect, write, read };

  // Members in the order a request uses them.
  boost::asio::io_context& ioc_;           // streams, timers and posted completions
  target_url url_;                         // host, port and base path of every request
  client_options options_;                 // timeouts and limits
  std::string host_header_;                // Host value, computed once
  std::string port_text_;                  // port as the resolver wants it
  const request* req_ = nullptr;           // request in flight, null when idle
  response* out_ = nullptr;                // its response
  send_handler done_;                      // its completion
  std::uint64_t send_id_ = 0;              // tells late answers for an old send apart
  steady_time deadline_;                   // whole-request deadline of the send in flight
  steady_time connect_deadline_;           // bounds resolve + connect + handshake
  bool retried_ = false;                   // this send was re-sent once already (retry_idempotent)
  bool open_only_ = false;                 // start_open: connect, then complete without a request
  steady_time idle_since_;                 // when the open connection last finished a response
  std::string wire_;                       // serialized request, capacity reused
  std::string_view wire_view_;             // the bytes to send: wire_, or the caller's pre-rendered request
  std::size_t connections_opened_ = 0;     // connects started, for reuse statistics
  bool open_ = false;                      // connected, may carry the next request
  deadline_guard guard_;                   // the deadline of the current step
  step step_ = step::idle;                 // what the guard is guarding
  bool timed_out_ = false;                 // the guard fired during this send
  bool closed_ = false;                    // close() was called during this send
  bool idle_binding_ = false;              // the pending read expires at the idle deadline
  boost::beast::flat_buffer buffer_;       // received bytes not yet parsed, capacity reused
  sse_parser sse_;                         // event parser, capacity reused across streams
  std::optional<response_reader> reader_;  // parser of the response being read

 public:
  connection_impl(boost::asio::io_context& ioc, target_url url, client_options options);
  virtual ~connection_impl() = default;

  void start(const request& req, response& out, send_handler done);
  // `wire`: `req` rendered once by render_request for this URL and options; `now`: the send's start
  // time (the caller's clock read of the current event), or zero to read the clock here.
  void start_rendered(const request& req, std::string_view wire, response& out, send_handler done, steady_time now);
  void start_open(response& out, send_handler done);
  void close();
  bool busy() const { return req_ != nullptr; }
  bool is_open() const { return open_; }
  std::size_t connections_opened() const { return connections_opened_; }
  const target_url& url() const { return url_; }
  // Lets the deadline timer's waits keep this object alive; called once after construction.
  void bind() { guard_.set_owner(weak_from_this()); }

 protected:
  // I/O of the stream type: send wire_view_ (connecting first unless open_); abort what is pending
  // (its handler then calls stopped()); close the socket for good (open_ becomes false).
  virtual void send_request() = 0;
  virtual void abort_io() = 0;
  virtual void close_stream() = 0;
  // No send follows the one that completed: stop waiting for readiness.
  virtual void went_idle() {}

  void watch(step s, steady_time deadline);
  // A deadline or close() stopped the pending operation: fails the send and returns true.
  bool stopped(std::string_view during);
  // Records the outcome and completes. `later`: from inside start(), completion is posted.
  void fail(error_kind kind, std::string message, bool later = false);
  void succeed(steady_time now);
  // start_open's connection is ready.
  void opened(steady_time now);
  std::string where() const { return url_.host + ":" + port_text_; }

 private:
  // Fails a send at once (posted) when one is in flight already; true when it did.
  bool reject_busy(response& out, send_handler& done);
  // The common start of start() and start_open(): false when the connection is busy (already answered).
  bool begin(const request& req, response& out, send_handler& done, steady_time now = {});
  // Sends wire_view_ for the begun send.
  void send_begun(const request& req, response& out);
  void on_deadline();
  error_kind timeout_kind() const;
  void fail_timeout(std::string_view during);
  void complete();
};

// A plain or TLS session, chosen by url.tls().
std::shared_ptr<connection_impl> make_session(boost::asio::io_context& ioc, target_url url, client_options options,
                                              std::shared_ptr<const tls_context> tls,
                                              const std::shared_ptr<const resolved_addresses>& addresses);

}  // namespace shield::http::detail
