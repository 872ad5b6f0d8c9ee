#pragma once
// Internal: a plain-TCP connection. Once connected, its descriptor leaves Asio's reactor for the
// io_context's read_poller, and reads and writes are plain system calls on it (read_poller.hpp).

#include "support/http/detail/connection_impl.hpp"

namespace shield::http::detail {

std::shared_ptr<connection_impl> make_plain_session(boost::asio::io_context& ioc, target_url url,
                                                    client_options options, const resolved_addresses* addresses);

}  // namespace shield::http::detail
