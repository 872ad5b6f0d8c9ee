#pragma once
// Internal: a TLS connection, all of its I/O through Asio's SSL stream (one SSL object per connect,
// from the shared SSL_CTX).

#include "support/http/detail/connection_impl.hpp"

namespace shield::http::detail {

std::shared_ptr<connection_impl> make_tls_session(boost::asio::io_context& ioc, target_url url, client_options options,
                                                  std::shared_ptr<const tls_context> tls,
                                                  const resolved_addresses* addresses);

}  // namespace shield::http::detail
