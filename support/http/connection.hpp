#pragma once
// Asynchronous keep-alive HTTP/1.1 connection for the load engine (Asio, callback completion).

#include "support/base/result.hpp"
#include "support/http/client_options.hpp"
#include "support/http/request.hpp"
#include "support/http/response.hpp"
#include "support/http/url.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}

namespace shield::http {

class tls_context;
struct resolved_addresses;  // opaque: the result of resolve_addresses

namespace detail {
class connection_impl;
}

// Completion of async_send, given the response object passed to it. A callable of at most two
// pointers stored inline by std::function (e.g. [this, slot]) keeps the hot path allocation-free.
using send_handler = std::function<void(response&)>;

// Resolves `url`'s host once (blocking), so that many connections can share the addresses and
// skip the resolver; a failure (with the resolver's error code) when the name does not resolve.
// IP literals need none.
base::result<std::shared_ptr<const resolved_addresses>> resolve_addresses(const target_url& url);

// `req` as a connection to `url` with `options` sends it (Host, base path, User-Agent added), for
// async_send's pre-rendered form; fails, saying why, where a send of it would fail as protocol.
base::result<std::string> render_request(const request& req, const target_url& url, const client_options& options);

// One connection to the target, bound to an io_context run by a single thread (one io_context
// per I/O thread). Opens lazily, stays open while the server keeps it alive, reconnects as needed.
// Destroy connections before their io_context.
class connection {
 public:
  // `tls` may be shared by many connections; null builds one from `options` for https URLs.
  // `addresses` (from resolve_addresses) spare the first connect a resolve; null resolves lazily.
  connection(boost::asio::io_context& ioc, target_url url, client_options options,
             std::shared_ptr<const tls_context> tls = nullptr,
             const std::shared_ptr<const resolved_addresses>& addresses = nullptr);
  // Closes the socket; a send in flight still completes (with an error) when the io_context runs.
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // Sends `req` and reads the response into `out` (cleared first). `done` is called exactly once,
  // from the io_context, never from inside async_send; it may send the next request at once.
  // `req` and `out` must stay alive until then. One request at a time: a second send while one
  // is in flight completes with error_kind::protocol.
  void async_send(const request& req, response& out, send_handler done);

  // The same, sending `wire` (render_request(req, url(), options) made once, kept alive until
  // `done`) instead of rendering `req` again; `now`, when not zero, is the send's start time (the
  // caller's clock read of the current event), so that a send costs no clock read of its own.
  void async_send(const request& req, std::string_view wire, response& out, send_handler done, steady_time now = {});

  // Opens the connection (resolve, TCP, TLS) without sending anything, unless it is open already.
  // `done` gets `out` with times.start/connected/complete set, or the connect failure. Same rules as
  // async_send: called once from the io_context; one operation at a time.
  void async_open(response& out, send_handler done);

  // Closes the socket now; a request in flight fails with error_kind::reset.
  void close();

  // True while a request is in flight.
  bool busy() const;
  // True when an open connection is ready to be reused.
  bool is_open() const;
  // TCP connections opened so far (first connect and every reconnect).
  std::size_t connections_opened() const;
  // Where this connection goes.
  const target_url& url() const;

 private:
  std::shared_ptr<detail::connection_impl> impl_;  // shared with in-flight handlers
};

}  // namespace shield::http
