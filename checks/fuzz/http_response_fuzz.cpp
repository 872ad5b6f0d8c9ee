// An HTTP/1.1 response as the client reads it off the socket (status line, fields, Content-Length
// or chunked body, SSE events), delivered in chunks whose size the first byte sets.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/http/detail/response_reader.hpp"

#include <chrono>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  shield::http::request req;
  req.method = data[0] & 0x80 ? "HEAD" : "POST";
  shield::http::client_options options;
  options.header_limit = 4096;
  options.body_limit = 1 << 16;
  shield::http::response out;
  shield::http::sse_parser sse;
  shield::http::detail::response_reader reader(req, out, options, sse);
  const std::size_t chunk = (data[0] & 0x7f) + 1;
  auto bytes = shield::fuzz::as_text(data + 1, size - 1);
  const auto now = std::chrono::steady_clock::now();
  // As the session reads: bytes arrive in chunks, the reader consumes what it can, the rest waits.
  std::string buffer;
  boost::system::error_code ec;
  while (!bytes.empty() && !reader.is_done() && !ec) {
    const auto piece = bytes.substr(0, chunk);
    bytes.remove_prefix(piece.size());
    buffer.append(piece);
    buffer.erase(0, reader.feed(buffer, now, ec));
  }
  if (!ec && !reader.is_done()) reader.put_eof(ec);  // the connection closed
  (void)out.header_value("content-type");
  return 0;
}
