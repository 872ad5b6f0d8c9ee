#include "support/http/tls_context.hpp"

#include <boost/asio/ssl/context.hpp>

namespace shield::http {

namespace ssl = boost::asio::ssl;

tls_context::tls_context(const client_options& options)
    : context_(std::make_unique<ssl::context>(ssl::context::tls_client)), verify_(!options.insecure) {
  boost::system::error_code ec;
  context_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                            ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                        ec);
  if (!ec) context_->set_default_verify_paths(ec);
  if (ec) {
    usable_ = base::fail("TLS context: " + ec.message());
    return;
  }
  if (!options.ca_file.empty()) {
    context_->load_verify_file(options.ca_file, ec);
    if (ec) {
      usable_ = base::fail("TLS context: cannot load CA file '" + options.ca_file + "': " + ec.message());
      return;
    }
  }
  context_->set_verify_mode(verify_ ? ssl::verify_peer : ssl::verify_none, ec);
  if (ec) usable_ = base::fail("TLS context: " + ec.message());
}

tls_context::~tls_context() = default;

}  // namespace shield::http
