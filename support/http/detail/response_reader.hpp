#pragma once
// Internal: Beast's HTTP/1.1 response parser writing straight into a shield::http::response
// (no Beast fields, no intermediate body) and timestamping SSE events as their bytes arrive.

#include "support/http/client_options.hpp"
#include "support/http/request.hpp"
#include "support/http/response.hpp"
#include "support/http/sse_parser.hpp"

#include <boost/beast/http/basic_parser.hpp>

#include <string_view>

namespace shield::http::detail {

class response_reader final : public boost::beast::http::basic_parser<false> {
 public:
  // Limits come from `options`; `sse` is the connection's parser, reset here, reused for capacity.
  response_reader(const request& req, response& out, const client_options& options, sse_parser& sse);

  // Parses bytes that arrived at `now`; returns how many were consumed. `ec` stays clear when the
  // parser simply wants more input; is_done() tells when the response is complete.
  std::size_t feed(std::string_view bytes, steady_time now, boost::system::error_code& ec);

 private:
  void on_request_impl(boost::beast::http::verb, boost::beast::string_view, boost::beast::string_view, int,
                       boost::system::error_code&) override {}
  void on_response_impl(int code, boost::beast::string_view reason, int version,
                        boost::system::error_code& ec) override;
  void on_field_impl(boost::beast::http::field name, boost::beast::string_view name_string,
                     boost::beast::string_view value, boost::system::error_code& ec) override;
  void on_header_impl(boost::system::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, boost::system::error_code& ec) override;
  std::size_t on_body_impl(boost::beast::string_view body, boost::system::error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view, boost::system::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t remain, boost::beast::string_view body,
                                 boost::system::error_code& ec) override;
  void on_finish_impl(boost::system::error_code&) override {}

  // Body bytes after chunked decoding: kept, counted, and fed to the SSE parser.
  void on_body_bytes(std::string_view bytes);

  const request& req_;        // what to keep and whom to call per event
  response& out_;             // where status, headers, body and events go
  sse_parser& sse_;           // incremental event parser for text/event-stream bodies
  std::uint64_t body_limit_;  // caps the body reservation for a declared Content-Length
  steady_time now_;           // arrival time of the bytes being parsed
  bool is_sse_ = false;       // Content-Type is text/event-stream
};

}  // namespace shield::http::detail
