#include "support/http/connection.hpp"

#include "support/http/detail/connection_impl.hpp"
#include "support/http/request_writer.hpp"
#include "support/http/tls_context.hpp"

namespace shield::http {

base::result<std::string> render_request(const request& req, const target_url& url, const client_options& options) {
  const std::string host = url.host_header();
  std::string wire;
  if (auto written = write_request(req, {url.base_path, host, options.user_agent}, wire); !written)
    return written.error();
  return wire;
}

connection::connection(boost::asio::io_context& ioc, target_url url, client_options options,
                       std::shared_ptr<const tls_context> tls,
                       const std::shared_ptr<const resolved_addresses>& addresses) {
  if (url.tls() && !tls) tls = std::make_shared<const tls_context>(options);
  impl_ = detail::make_session(ioc, std::move(url), std::move(options), std::move(tls), addresses);
}

connection::~connection() { impl_->close(); }

void connection::async_send(const request& req, response& out, send_handler done) {
  impl_->start(req, out, std::move(done));
}

void connection::async_send(const request& req, std::string_view wire, response& out, send_handler done,
                            steady_time now) {
  impl_->start_rendered(req, wire, out, std::move(done), now);
}

void connection::async_open(response& out, send_handler done) { impl_->start_open(out, std::move(done)); }

void connection::close() { impl_->close(); }

bool connection::busy() const { return impl_->busy(); }

bool connection::is_open() const { return impl_->is_open(); }

std::size_t connection::connections_opened() const { return impl_->connections_opened(); }

const target_url& connection::url() const { return impl_->url(); }

}  // namespace shield::http
