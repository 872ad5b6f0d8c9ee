#pragma once
// Internal: an HTTP/1.1 response parser that does only what the client needs (status, the framing
// fields, Content-Type for SSE, the rest kept as text on request), writing straight into a
// shield::http::response and timestamping SSE events as their bytes arrive. Beast's basic_parser
// looked up every field name in its table of known fields and parsed token lists for each; that
// was a quarter of the load engine's user time per request. Errors are Beast's http::error codes.

#include "support/http/client_options.hpp"
#include "support/http/request.hpp"
#include "support/http/response.hpp"
#include "support/http/sse_parser.hpp"

#include <boost/system/error_code.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace shield::http::detail {

class response_reader {
 public:
  // Limits come from `options`; `sse` is the connection's parser, reset here, reused for capacity.
  response_reader(const request& req, response& out, const client_options& options, sse_parser& sse);

  // Parses bytes that arrived at `now`; returns how many were consumed (the rest, an incomplete
  // header or chunk line, must be offered again with more bytes). `ec` stays clear when the
  // parser simply wants more input; is_done() tells when the response is complete.
  std::size_t feed(std::string_view bytes, steady_time now, boost::system::error_code& ec);
  // The connection ended: completes a body delimited by the end, else sets `ec` (partial_message).
  void put_eof(boost::system::error_code& ec);
  // The response is complete.
  bool is_done() const noexcept { return state_ == state::done; }
  // The connection may carry another request (HTTP/1.1 without "close", or 1.0 with "keep-alive").
  bool keep_alive() const noexcept { return keep_alive_; }

 private:
  enum class state : std::uint8_t { header, length_body, eof_body, chunk_size, chunk_data, chunk_end, trailer, done };

  // Size of the header up to and with its blank line, 0 while incomplete; notes where lines end.
  std::size_t find_header_end(std::string_view bytes, boost::system::error_code& ec);
  // Parses the header (status line and fields, each line with its CRLF; no blank line).
  void parse_header(std::string_view text, boost::system::error_code& ec);
  void on_field(std::string_view name, std::string_view value, boost::system::error_code& ec);
  // Chooses the body framing once the header is read.
  void start_body(boost::system::error_code& ec);
  // Chunked framing: consumes what it can of `bytes`.
  std::size_t feed_chunked(std::string_view bytes, boost::system::error_code& ec);
  // Body bytes after chunked decoding: kept, counted, and fed to the SSE parser.
  void on_body_bytes(std::string_view bytes, boost::system::error_code& ec);

  const request& req_;                       // what to keep and whom to call per event
  response& out_;                            // where status, headers, body and events go
  sse_parser& sse_;                          // incremental event parser for text/event-stream bodies
  std::uint32_t header_limit_;               // largest header accepted
  std::uint64_t body_limit_;                 // largest body accepted
  steady_time now_;                          // arrival time of the bytes being parsed
  state state_ = state::header;              // where in the message the next byte belongs
  std::uint64_t remaining_ = 0;              // bytes left of the Content-Length body or the current chunk
  std::uint64_t content_length_ = 0;         // declared Content-Length
  bool has_length_ = false;                  // a Content-Length field was seen
  bool chunked_ = false;                     // Transfer-Encoding ends with chunked
  bool has_encoding_ = false;                // a Transfer-Encoding field was seen
  bool close_token_ = false;                 // Connection: close
  bool keep_alive_token_ = false;            // Connection: keep-alive
  bool http11_ = true;                       // HTTP/1.1 (else 1.0)
  bool keep_alive_ = false;                  // decided when the header is read
  bool is_sse_ = false;                      // Content-Type is text/event-stream
  std::size_t lines_ = 0;                    // header lines before the blank one (find_header_end)
  std::array<std::uint32_t, 64> line_ends_;  // where the first 64 of them end (at their CR)
};

}  // namespace shield::http::detail
