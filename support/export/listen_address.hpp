#pragma once
// Where the exposition server listens: "HOST:PORT", "[IPv6]:PORT" or a bare "PORT" (loopback).

#include <cstdint>
#include <string>
#include <string_view>

#include "support/base/result.hpp"

namespace shield::live {

// A parsed listen address; host is an IP literal (IPv6 without brackets).
struct listen_address {
  std::string host = "127.0.0.1";  // IP literal to bind
  std::uint16_t port = 0;          // 0: the system picks a free port

  // "127.0.0.1:9464" or "[::1]:9464".
  std::string to_string() const;
};

// Parses "HOST:PORT" (HOST an IPv4 literal, "[IPv6]" or "localhost" for 127.0.0.1) or "PORT"; a
// failure names the problem.
base::result<listen_address> parse_listen_address(std::string_view text);

}  // namespace shield::live
