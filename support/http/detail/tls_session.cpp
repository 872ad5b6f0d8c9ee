#include "support/http/detail/tls_session.hpp"

#include "support/http/detail/stream_session.hpp"
#include "support/http/detail/tls_setup.hpp"
#include "support/http/tls_context.hpp"

#include <boost/asio/ssl/stream.hpp>
#include <unistd.h>

namespace shield::http::detail {

namespace {

using namespace session_net;
using tls_stream = net::ssl::stream<tcp::socket>;

class tls_session final : public stream_session<tls_stream> {
  std::shared_ptr<const tls_context> tls_;  // shared SSL_CTX

 public:
  tls_session(net::io_context& ioc, target_url url, client_options options, std::shared_ptr<const tls_context> tls,
              const resolved_addresses* addresses)
      : stream_session(ioc, std::move(url), std::move(options), addresses), tls_(std::move(tls)) {}

 private:
  tcp::socket& socket() override { return stream_->next_layer(); }
  int descriptor() override { return socket().native_handle(); }
  void make_stream() override { stream_.emplace(ioc_, tls_->native()); }  // a fresh SSL object per connection
  // Pending records may be session tickets, so only a bare FIN is seen; a close announced by
  // close_notify first is caught by keepalive_idle.
  bool known_unusable() override { return SSL_pending(stream_->native_handle()) > 0; }
  bool bytes_may_wait() const override { return true; }

  void send_request() override {
    if (!tls_->usable()) return fail(error_kind::tls, tls_->usable().error().message, true);
    stream_session::send_request();
  }

  void connected() override {
    prepare_client_ssl(stream_->native_handle(), url_, tls_->verify());
    stream_->async_handshake(net::ssl::stream_base::client,
                             [self = shared_from_this(), this](error_code ec) { on_handshake(ec); });
  }

  void on_handshake(error_code ec) {
    if (stopped("in TLS handshake with")) return;
    if (!ec) return ready();
    fail(classify_error(io_phase::handshake, ec, false),
         "TLS handshake with " + where() + ": " + describe_handshake_failure(stream_->native_handle(), ec));
  }

  // Asio's reactor added write readiness (EPOLLOUT) to the descriptor for the connect and keeps it,
  // so every later epoll_wait would also wake for write space. Registering the descriptor anew
  // leaves read readiness only; a write that must wait adds it back (rare: requests are small).
  bool adopt() override {
    const auto fd = socket().release(ignored_);
    if (ignored_) return true;
    socket().assign(protocol_, fd, ignored_);
    if (ignored_) ::close(fd);  // the socket stays closed: the write that follows fails and says so
    return true;
  }

  void write(steady_time) override { stream_write(); }

  void await_read() override { stream_read(); }
};

}  // namespace

std::shared_ptr<connection_impl> make_tls_session(net::io_context& ioc, target_url url, client_options options,
                                                  std::shared_ptr<const tls_context> tls,
                                                  const resolved_addresses* addresses) {
  return make_bound<tls_session>(ioc, std::move(url), std::move(options), std::move(tls), addresses);
}

}  // namespace shield::http::detail
