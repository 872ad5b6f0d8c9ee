#include "support/http/error_kind.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace shield::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;

TEST(ErrorKind, NamesAreUniqueSnakeCaseAndCoverEveryKind) {
  std::set<std::string> names;
  for (error_kind kind : all_error_kinds) {
    std::string name(to_string(kind));
    EXPECT_NE(kind, error_kind::none);
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << name;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), all_error_kinds.size());
  EXPECT_EQ(names, (std::set<std::string>{"dns", "connect_refused", "connect_timeout", "tls", "reset",
                                          "request_timeout", "idle_timeout", "protocol", "unexpected_status"}));
  EXPECT_EQ(to_string(error_kind::none), "none");
}

TEST(ErrorKind, ClassifiesByPhase) {
  error_code refused = net::error::connection_refused;
  error_code reset = net::error::connection_reset;
  error_code eof = net::error::eof;
  error_code timeout = beast::error::timeout;
  error_code not_found = net::error::host_not_found;

  EXPECT_EQ(classify_error(io_phase::resolve, not_found, false), error_kind::dns);
  EXPECT_EQ(classify_error(io_phase::connect, refused, false), error_kind::connect_refused);
  EXPECT_EQ(classify_error(io_phase::connect, error_code(net::error::network_unreachable), false),
            error_kind::connect_refused);
  EXPECT_EQ(classify_error(io_phase::connect, timeout, false), error_kind::connect_timeout);
  EXPECT_EQ(classify_error(io_phase::connect, error_code(net::error::timed_out), false), error_kind::connect_timeout);
  EXPECT_EQ(classify_error(io_phase::handshake, error_code(net::ssl::error::stream_truncated), false), error_kind::tls);
  EXPECT_EQ(classify_error(io_phase::handshake, timeout, false), error_kind::connect_timeout);
  EXPECT_EQ(classify_error(io_phase::write, error_code(net::error::broken_pipe), false), error_kind::reset);
  EXPECT_EQ(classify_error(io_phase::write, timeout, false), error_kind::request_timeout);
  EXPECT_EQ(classify_error(io_phase::read, reset, false), error_kind::reset);
  EXPECT_EQ(classify_error(io_phase::read, reset, true), error_kind::reset);
  EXPECT_EQ(classify_error(io_phase::read, eof, false), error_kind::reset);
  EXPECT_EQ(classify_error(io_phase::read, eof, true), error_kind::protocol);
  EXPECT_EQ(classify_error(io_phase::read, error_code(beast::http::error::end_of_stream), false), error_kind::reset);
  EXPECT_EQ(classify_error(io_phase::read, error_code(beast::http::error::partial_message), true),
            error_kind::protocol);
  EXPECT_EQ(classify_error(io_phase::read, error_code(beast::http::error::bad_chunk), true), error_kind::protocol);
  EXPECT_EQ(classify_error(io_phase::read, error_code(beast::http::error::header_limit), true), error_kind::protocol);
  EXPECT_EQ(classify_error(io_phase::read, error_code(beast::http::error::body_limit), true), error_kind::protocol);
  EXPECT_EQ(classify_error(io_phase::read, error_code(beast::http::error::bad_version), true), error_kind::protocol);
  EXPECT_EQ(classify_error(io_phase::read, error_code(), true), error_kind::none);
}

TEST(ErrorKind, PeerClosedErrorsAllowARetry) {
  EXPECT_TRUE(is_end_of_stream(error_code(net::error::eof)));
  EXPECT_TRUE(is_end_of_stream(error_code(net::ssl::error::stream_truncated)));
  EXPECT_TRUE(is_end_of_stream(error_code(beast::http::error::end_of_stream)));
  EXPECT_FALSE(is_end_of_stream(error_code(net::error::connection_reset)));
  for (error_code ec :
       {error_code(net::error::eof), error_code(net::error::connection_reset), error_code(net::error::broken_pipe),
        error_code(net::error::connection_aborted), error_code(net::ssl::error::stream_truncated)}) {
    EXPECT_TRUE(is_peer_closed(ec)) << ec.message();
  }
  for (error_code ec : {error_code(beast::error::timeout), error_code(net::error::connection_refused),
                        error_code(beast::http::error::bad_version), error_code()}) {
    EXPECT_FALSE(is_peer_closed(ec)) << ec.message();
  }
}

}  // namespace
}  // namespace shield::http
