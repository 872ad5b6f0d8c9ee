#include "support/http/detail/tls_setup.hpp"

#include <boost/system/error_code.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace shield::http::detail {

void prepare_client_ssl(SSL* ssl, const target_url& url, bool verify) {
  bool ip = url.host_is_ip();
  if (!ip) SSL_set_tlsext_host_name(ssl, url.host.c_str());  // SNI takes names only
  if (!verify) return;
  if (ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str());
  } else {
    SSL_set1_host(ssl, url.host.c_str());
  }
}

std::string describe_handshake_failure(SSL* ssl, const boost::system::error_code& ec) {
  std::string message = ec.message();
  long verdict = SSL_get_verify_result(ssl);
  if (verdict != X509_V_OK) message += std::string(" (") + X509_verify_cert_error_string(verdict) + ")";
  return message;
}

}  // namespace shield::http::detail
