#pragma once
// Internal: the per-connection OpenSSL settings of a TLS client session (SNI, name check) and
// the message of a failed handshake.

#include "support/http/url.hpp"

#include <string>

struct ssl_st;  // OpenSSL's SSL

namespace boost::system {
class error_code;
}

namespace shield::http::detail {

// Before the handshake: SNI for host names; when verifying, the DNS name or IP address the
// server certificate must match.
void prepare_client_ssl(ssl_st* ssl, const target_url& url, bool verify);

// The handshake error, plus OpenSSL's certificate verdict when verification failed.
std::string describe_handshake_failure(ssl_st* ssl, const boost::system::error_code& ec);

}  // namespace shield::http::detail
