// The session behind a connection, by the URL's scheme, and the one-off name resolution
// connections share.

#include "support/http/detail/plain_session.hpp"
#include "support/http/detail/resolved_addresses.hpp"
#include "support/http/detail/tls_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace shield::http::detail {

std::shared_ptr<connection_impl> make_session(boost::asio::io_context& ioc, target_url url, client_options options,
                                              std::shared_ptr<const tls_context> tls,
                                              const std::shared_ptr<const resolved_addresses>& addresses) {
  if (url.tls()) return make_tls_session(ioc, std::move(url), std::move(options), std::move(tls), addresses.get());
  return make_plain_session(ioc, std::move(url), std::move(options), addresses.get());
}

}  // namespace shield::http::detail

namespace shield::http {

base::result<std::shared_ptr<const resolved_addresses>> resolve_addresses(const target_url& url) {
  auto out = std::make_shared<resolved_addresses>();
  boost::system::error_code ec;
  if (url.host_is_ip()) {
    out->endpoints.emplace_back(boost::asio::ip::make_address(url.host, ec), url.port);
  } else {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::resolver resolver(ioc);
    const auto results = resolver.resolve(url.host, std::to_string(url.port), ec);
    out->endpoints.assign(results.begin(), results.end());
  }
  if (ec || out->endpoints.empty()) {
    return base::fail("cannot resolve '" + url.host + "': " + (ec ? ec.message() : std::string("no address")), ec);
  }
  return std::shared_ptr<const resolved_addresses>(std::move(out));
}

}  // namespace shield::http
