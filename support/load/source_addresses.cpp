#include "support/load/source_addresses.hpp"

#include <boost/asio/ip/address.hpp>

namespace shield::load {

namespace {

namespace ip = boost::asio::ip;

constexpr std::uint64_t most_addresses = 65536;  // a range larger than this is a typo

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

base::result<ip::address> address_of(std::string_view item, std::string_view text) {
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(item), ec);
  if (ec)
    return base::fail("--source_addresses=" + std::string(text) + ": '" + std::string(item) + "' is not an IP address");
  return address;
}

}  // namespace

base::result<std::vector<std::string>> parse_source_addresses(std::string_view text) {
  std::vector<std::string> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item.empty()) continue;
    const auto dash = item.find('-');
    if (dash == std::string_view::npos) {
      auto one = address_of(item, text);
      if (!one) return base::fail(one.error().message);
      out.push_back(one->to_string());
      continue;
    }
    auto first = address_of(trim(item.substr(0, dash)), text);
    if (!first) return base::fail(first.error().message);
    auto last = address_of(trim(item.substr(dash + 1)), text);
    if (!last) return base::fail(last.error().message);
    if (!first->is_v4() || !last->is_v4()) {
      return base::fail("--source_addresses=" + std::string(text) + ": '" + std::string(item) +
                        "': ranges are IPv4 only (list IPv6 addresses one by one)");
    }
    const std::uint64_t from = first->to_v4().to_uint(), to = last->to_v4().to_uint();
    if (from > to || to - from >= most_addresses) {
      return base::fail("--source_addresses=" + std::string(text) + ": '" + std::string(item) +
                        "' is not a range of 1 to 65536 addresses, lowest first");
    }
    for (std::uint64_t a = from; a <= to; ++a) out.push_back(ip::address_v4(static_cast<std::uint32_t>(a)).to_string());
  }
  if (out.empty()) return base::fail("--source_addresses is empty: give addresses or ranges, e.g. 127.0.0.2-127.0.0.9");
  return out;
}

}  // namespace shield::load
