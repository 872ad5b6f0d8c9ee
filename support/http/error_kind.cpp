#include "support/http/error_kind.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace shield::http {

namespace net = boost::asio;
namespace beast = boost::beast;

std::string_view to_string(error_kind kind) {
  switch (kind) {
    case error_kind::none:
      return "none";
    case error_kind::dns:
      return "dns";
    case error_kind::connect_refused:
      return "connect_refused";
    case error_kind::connect_timeout:
      return "connect_timeout";
    case error_kind::tls:
      return "tls";
    case error_kind::reset:
      return "reset";
    case error_kind::request_timeout:
      return "request_timeout";
    case error_kind::idle_timeout:
      return "idle_timeout";
    case error_kind::protocol:
      return "protocol";
    case error_kind::unexpected_status:
      return "unexpected_status";
  }
  return "unknown";
}

namespace {

bool is_timeout(const boost::system::error_code& ec) {
  return ec == beast::error::timeout || ec == net::error::timed_out;
}

bool is_tls_error(const boost::system::error_code& ec) {
  return ec.category() == net::error::get_ssl_category() || ec.category() == net::ssl::error::get_stream_category();
}

}  // namespace

bool is_end_of_stream(const boost::system::error_code& ec) {
  return ec == net::error::eof || ec == net::ssl::error::stream_truncated || ec == beast::http::error::end_of_stream;
}

bool is_peer_closed(const boost::system::error_code& ec) {
  return is_end_of_stream(ec) || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == net::error::connection_aborted;
}

error_kind classify_error(io_phase phase, const boost::system::error_code& ec, bool response_started) {
  if (!ec) return error_kind::none;
  switch (phase) {
    case io_phase::resolve:
      return error_kind::dns;
    case io_phase::connect:
      return is_timeout(ec) ? error_kind::connect_timeout : error_kind::connect_refused;
    case io_phase::handshake:
      return is_timeout(ec) ? error_kind::connect_timeout : error_kind::tls;
    case io_phase::write:
      if (is_timeout(ec)) return error_kind::request_timeout;
      return is_tls_error(ec) && !is_end_of_stream(ec) ? error_kind::tls : error_kind::reset;
    case io_phase::read:
      if (is_timeout(ec)) return error_kind::request_timeout;
      if (is_end_of_stream(ec)) return response_started ? error_kind::protocol : error_kind::reset;
      if (ec.category() == beast::http::make_error_code(beast::http::error::need_more).category()) {
        return error_kind::protocol;  // parser errors: bad version, bad chunk, header/body limit...
      }
      return is_tls_error(ec) ? error_kind::tls : error_kind::reset;
  }
  return error_kind::reset;
}

}  // namespace shield::http
