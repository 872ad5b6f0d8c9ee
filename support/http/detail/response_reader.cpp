#include "support/http/detail/response_reader.hpp"

#include <boost/beast/http/error.hpp>

#include <algorithm>

namespace shield::http::detail {

namespace http = boost::beast::http;

response_reader::response_reader(const request& req, response& out, const client_options& options, sse_parser& sse)
    : req_(req), out_(out), sse_(sse), body_limit_(options.body_limit) {
  header_limit(options.header_limit);
  body_limit(options.body_limit);
  eager(true);  // parse header and all available body in one call
  if (req.method == "HEAD") skip(true);
  sse_.reset();
}

std::size_t response_reader::feed(std::string_view bytes, steady_time now, boost::system::error_code& ec) {
  now_ = now;
  std::size_t used = 0;
  while (used < bytes.size() && !is_done()) {
    std::size_t n = put(boost::asio::const_buffer(bytes.data() + used, bytes.size() - used), ec);
    used += n;
    if (ec == http::error::need_more) {
      ec = {};
      break;
    }
    if (ec) break;
  }
  return used;
}

void response_reader::on_response_impl(int code, boost::beast::string_view, int, boost::system::error_code&) {
  out_.status = code;
}

void response_reader::on_field_impl(http::field name, boost::beast::string_view name_string,
                                    boost::beast::string_view value, boost::system::error_code&) {
  if (name == http::field::content_type) {
    constexpr std::string_view sse_type = "text/event-stream";
    is_sse_ = value.size() >= sse_type.size() && iequals(value.substr(0, sse_type.size()), sse_type);
  }
  if (req_.keep_headers) out_.headers.push_back({std::string(name_string), std::string(value)});
}

void response_reader::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                        boost::system::error_code&) {
  if (req_.keep_body && content_length) {
    out_.body.reserve(static_cast<std::size_t>(std::min(*content_length, body_limit_)));
  }
}

std::size_t response_reader::on_body_impl(boost::beast::string_view body, boost::system::error_code&) {
  on_body_bytes(body);
  return body.size();
}

std::size_t response_reader::on_chunk_body_impl(std::uint64_t, boost::beast::string_view body,
                                                boost::system::error_code&) {
  on_body_bytes(body);
  return body.size();
}

void response_reader::on_body_bytes(std::string_view bytes) {
  out_.body_bytes += bytes.size();
  if (req_.keep_body) out_.body.append(bytes);
  if (!is_sse_) return;
  while (sse_.next(bytes)) {
    sse_message message = sse_.message();
    ++out_.event_count;
    out_.times.last_event = now_;
    if (req_.keep_events) {
      out_.events.push_back({std::string(message.event), std::string(message.data), std::string(message.id), now_});
    }
    if (req_.on_event) req_.on_event(message, now_);
  }
}

}  // namespace shield::http::detail
