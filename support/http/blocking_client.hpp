#pragma once
// Blocking HTTP client for checks: owns its io_context and one reused connection.

#include "support/http/client_options.hpp"
#include "support/http/request.hpp"
#include "support/http/response.hpp"
#include "support/http/url.hpp"

#include <cstddef>
#include <memory>
#include <string_view>

namespace boost::asio {
class io_context;
}

namespace shield::http {

class connection;
class tls_context;

// send() blocks until the response is complete or failed (never past the request deadline).
// Not thread-safe: one client per thread.
class blocking_client {
 public:
  // `tls` may be shared between clients; null builds one from `options` for https URLs.
  explicit blocking_client(target_url url, client_options options = {},
                           std::shared_ptr<const tls_context> tls = nullptr);
  ~blocking_client();
  blocking_client(const blocking_client&) = delete;
  blocking_client& operator=(const blocking_client&) = delete;

  // Sends and waits; failures are reported in the response (error, error_message).
  response send(const request& req);
  // Same, reusing `out`'s buffers.
  void send(const request& req, response& out);
  // GET `target` (path and query under the base path).
  response get(std::string_view target);
  // POST `body` (application/json) to `target`.
  response post(std::string_view target, std::string_view body);

  // Closes the connection; the next send opens a new one.
  void close();
  // TCP connections opened so far.
  std::size_t connections_opened() const;
  const target_url& url() const;
  const client_options& options() const { return options_; }

 private:
  client_options options_;                        // kept for options()
  std::unique_ptr<boost::asio::io_context> ioc_;  // declared before conn_: must outlive it
  std::unique_ptr<connection> conn_;              // the one reused connection
};

}  // namespace shield::http
