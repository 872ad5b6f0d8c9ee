#pragma once
// The OpenSSL client context, built once per client configuration and shared by its connections.

#include "support/base/result.hpp"
#include "support/http/client_options.hpp"

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace shield::http {

// TLS 1.2+ client context: peer and host-name verification on unless options.insecure; trusts the
// system store plus options.ca_file. Thread-safe to share once built (OpenSSL contexts are).
class tls_context {
 public:
  // Builds the context; when something fails (unreadable CA file...) usable() says what, and
  // connections using it fail their requests with error_kind::tls and that message.
  explicit tls_context(const client_options& options);
  ~tls_context();
  tls_context(const tls_context&) = delete;
  tls_context& operator=(const tls_context&) = delete;

  // Whether the context is usable; the failure says why not.
  const base::result<void>& usable() const { return usable_; }
  // Whether connections check the certificate and host name.
  bool verify() const { return verify_; }
  // The Asio context for ssl streams.
  boost::asio::ssl::context& native() const { return *context_; }

 private:
  std::unique_ptr<boost::asio::ssl::context> context_;  // owns the SSL_CTX
  base::result<void> usable_;                           // a failure when building failed
  bool verify_ = true;                                  // !options.insecure
};

}  // namespace shield::http
