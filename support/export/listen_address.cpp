#include "support/export/listen_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace shield::live {

namespace {

bool is_ipv4(const std::string& host) {
  in_addr a{};
  return inet_pton(AF_INET, host.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& host) {
  in6_addr a{};
  return inet_pton(AF_INET6, host.c_str(), &a) == 1;
}

}  // namespace

std::string listen_address::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

base::result<listen_address> parse_listen_address(std::string_view text) {
  std::string host = "127.0.0.1";
  std::string_view port_text = text;
  if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    std::string_view h = text.substr(0, colon);
    port_text = text.substr(colon + 1);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
      host = std::string(h.substr(1, h.size() - 2));
      if (!is_ipv6(host)) {
        return base::fail("'" + std::string(text) + "': '" + host + "' is not an IPv6 address");
      }
    } else if (h == "localhost") {
      host = "127.0.0.1";
    } else {
      host = std::string(h);
      if (!is_ipv4(host)) {
        return base::fail("'" + std::string(text) + "': expected HOST:PORT with HOST an IP address ('" + host +
                          "' is not; IPv6 goes in brackets)");
      }
    }
  }
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
    return base::fail("'" + std::string(text) + "': the port must be a number from 0 to 65535");
  }
  return listen_address{host, static_cast<std::uint16_t>(port)};
}

}  // namespace shield::live
