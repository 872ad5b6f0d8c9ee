#pragma once
// Internal: the addresses of a target host from one name resolution, shared by many connections.

#include <boost/asio/ip/tcp.hpp>

#include <vector>

namespace shield::http {

struct resolved_addresses {
  std::vector<boost::asio::ip::tcp::endpoint> endpoints;  // in resolver order; connect tries each
};

}  // namespace shield::http
