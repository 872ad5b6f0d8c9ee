#include "support/http/blocking_client.hpp"

#include "support/http/connection.hpp"

#include <boost/asio/io_context.hpp>

namespace shield::http {

blocking_client::blocking_client(target_url url, client_options options, std::shared_ptr<const tls_context> tls)
    : options_(options),
      ioc_(std::make_unique<boost::asio::io_context>(1)),
      conn_(std::make_unique<connection>(*ioc_, std::move(url), std::move(options), std::move(tls))) {}

blocking_client::~blocking_client() {
  conn_.reset();
  ioc_->poll();  // let aborted operations finish before the io_context goes
}

response blocking_client::send(const request& req) {
  response out;
  send(req, out);
  return out;
}

void blocking_client::send(const request& req, response& out) {
  bool done = false;
  conn_->async_send(req, out, [&done](response&) { done = true; });
  ioc_->restart();
  // Every step has a deadline, so this ends by the request deadline at the latest.
  while (!done && ioc_->run_one() != 0) {
  }
  if (!done) {
    out.error = error_kind::protocol;
    out.error_message = "internal: I/O stopped before the request completed";
  }
}

response blocking_client::get(std::string_view target) {
  request req;
  req.target = std::string(target);
  return send(req);
}

response blocking_client::post(std::string_view target, std::string_view body) {
  request req;
  req.method = "POST";
  req.target = std::string(target);
  req.body = std::string(body);
  return send(req);
}

void blocking_client::close() { conn_->close(); }

std::size_t blocking_client::connections_opened() const { return conn_->connections_opened(); }

const target_url& blocking_client::url() const { return conn_->url(); }

}  // namespace shield::http
