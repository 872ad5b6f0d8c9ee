#include "support/http/detail/response_reader.hpp"

#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace shield::http::detail {

namespace {

using http_error = boost::beast::http::error;

constexpr std::string_view crlf = "\r\n";
constexpr std::size_t chunk_line_limit = 4096;  // a chunk-size line longer than this is not HTTP

// RFC 9110 token characters (field names), as a table: one load per character.
constexpr std::array<bool, 256> token_chars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  }
  return t;
}();

// `token` equals `lower` (lowercase letters and '-') ignoring case. Exact for tokens: OR-ing 0x20
// lowercases a letter and maps no other token character onto a letter or '-'.
bool token_is(std::string_view token, std::string_view lower) {
  if (token.size() != lower.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if ((static_cast<unsigned char>(token[i]) | 0x20) != static_cast<unsigned char>(lower[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls `f` with each trimmed, non-empty element of a comma-separated list.
template <class F>
void for_each_token(std::string_view list, F f) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    if (!item.empty()) f(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

response_reader::response_reader(const request& req, response& out, const client_options& options, sse_parser& sse)
    : req_(req), out_(out), sse_(sse), header_limit_(options.header_limit), body_limit_(options.body_limit) {
  sse_.reset();
}

std::size_t response_reader::feed(std::string_view bytes, steady_time now, boost::system::error_code& ec) {
  now_ = now;
  std::size_t used = 0;
  while (!ec && state_ != state::done) {
    const std::string_view rest = bytes.substr(used);
    if (rest.empty()) break;
    if (state_ == state::header) {
      // Not HTTP at all: say so at once rather than wait for a blank line that may never come.
      constexpr std::string_view magic = "HTTP/";
      if (rest.substr(0, magic.size()) != magic.substr(0, std::min(magic.size(), rest.size()))) {
        ec = http_error::bad_version;
        break;
      }
      const std::size_t size = find_header_end(rest, ec);
      if (ec) break;
      if (size > header_limit_ || (size == 0 && rest.size() > header_limit_)) {
        ec = http_error::header_limit;
        break;
      }
      if (size == 0) break;  // the header is not complete yet
      parse_header(rest.substr(0, size - 2), ec);
      if (ec) break;
      used += size;
      start_body(ec);
    } else if (state_ == state::length_body) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, rest.size()));
      on_body_bytes(rest.substr(0, n), ec);
      used += n;
      remaining_ -= n;
      if (remaining_ == 0) state_ = state::done;
    } else if (state_ == state::eof_body) {
      on_body_bytes(rest, ec);
      used += rest.size();
    } else {
      const std::size_t n = feed_chunked(rest, ec);
      used += n;
      if (n == 0) break;  // wants more bytes
    }
  }
  return used;
}

void response_reader::put_eof(boost::system::error_code& ec) {
  if (state_ == state::eof_body) {
    state_ = state::done;
  } else if (state_ != state::done) {
    ec = http_error::partial_message;
  }
}

// One pass over the bytes: each line's end is noted (for parse_header) until the blank line.
std::size_t response_reader::find_header_end(std::string_view bytes, boost::system::error_code& ec) {
  lines_ = 0;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const void* found = std::memchr(bytes.data() + start, '\n', bytes.size() - start);
    if (found == nullptr) return 0;
    const auto lf = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
    if (lf == 0 || bytes[lf - 1] != '\r') {
      ec = boost::beast::http::error::bad_line_ending;  // a bare LF
      return 0;
    }
    if (lf - 1 == start) return lf + 1;  // the blank line
    if (lines_ < line_ends_.size()) line_ends_[lines_] = static_cast<std::uint32_t>(lf - 1);
    ++lines_;
    start = lf + 1;
  }
  return 0;
}

void response_reader::parse_header(std::string_view text, boost::system::error_code& ec) {
  // The lines as find_header_end found them (past its note's capacity: found again).
  std::size_t index = 0, start = 0;
  auto next_line = [&]() {
    const std::size_t end = index < line_ends_.size() ? line_ends_[index] : text.find(crlf, start);
    ++index;
    const std::string_view line = text.substr(start, end - start);
    start = end + crlf.size();
    return line;
  };
  // Status line: HTTP/1.x SP 3DIGIT [SP reason] CRLF
  const std::string_view line = next_line();
  if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || line[7] < '0' || line[7] > '9' || line[8] != ' ') {
    ec = http_error::bad_version;
    return;
  }
  http11_ = line[7] != '0';
  int status = 0;
  for (std::size_t i = 9; i < 12; ++i) {
    if (line[i] < '0' || line[i] > '9') {
      ec = http_error::bad_status;
      return;
    }
    status = status * 10 + (line[i] - '0');
  }
  if (status < 100 || (line.size() > 12 && line[12] != ' ')) {
    ec = http_error::bad_status;
    return;
  }
  out_.status = status;

  // Fields: name ":" OWS value OWS CRLF, one per line (no obsolete line folding).
  while (start < text.size()) {
    const std::string_view field = next_line();
    const auto colon = field.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
      ec = http_error::bad_field;
      return;
    }
    const std::string_view name = field.substr(0, colon);
    for (unsigned char c : name) {
      if (!token_chars[c]) {
        ec = http_error::bad_field;
        return;
      }
    }
    const std::string_view value = trim(field.substr(colon + 1));
    for (unsigned char c : value) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) {  // control bytes (a lone CR among them)
        ec = http_error::bad_value;
        return;
      }
    }
    on_field(name, value, ec);
    if (ec) return;
  }
}

// Only the fields the client acts on are looked at, told apart by length first.
void response_reader::on_field(std::string_view name, std::string_view value, boost::system::error_code& ec) {
  switch (name.size()) {
    case 10:
      if (token_is(name, "connection")) {
        for_each_token(value, [this](std::string_view t) {
          if (iequals(t, "close")) close_token_ = true;
          if (iequals(t, "keep-alive")) keep_alive_token_ = true;
        });
      }
      break;
    case 12:
      if (token_is(name, "content-type")) {
        constexpr std::string_view sse_type = "text/event-stream";
        is_sse_ = value.size() >= sse_type.size() && iequals(value.substr(0, sse_type.size()), sse_type);
      }
      break;
    case 14:
      if (token_is(name, "content-length")) {
        std::uint64_t n = 0;
        bool ok = !value.empty() && value.size() <= 19;  // no overflow below 10^19
        for (char c : value) {
          if (c < '0' || c > '9') {
            ok = false;
            break;
          }
          n = n * 10 + static_cast<unsigned>(c - '0');
        }
        if (!ok || (has_length_ && n != content_length_)) {
          ec = http_error::bad_content_length;
          return;
        }
        has_length_ = true;
        content_length_ = n;
      }
      break;
    case 17:
      if (token_is(name, "transfer-encoding")) {
        has_encoding_ = true;
        chunked_ = false;
        for_each_token(value, [this](std::string_view t) { chunked_ = iequals(t, "chunked"); });  // the last one
      }
      break;
    default:
      break;
  }
  if (req_.keep_headers) out_.headers.push_back({std::string(name), std::string(value)});
}

void response_reader::start_body(boost::system::error_code& ec) {
  keep_alive_ = !close_token_ && (http11_ || keep_alive_token_);
  const int status = out_.status;
  if (req_.method == "HEAD" || (status >= 100 && status < 200) || status == 204 || status == 304) {
    state_ = state::done;  // no body, whatever the framing fields say
    return;
  }
  if (has_encoding_ && has_length_) {
    ec = http_error::bad_transfer_encoding;  // two framings: a smuggling risk, not a valid message
    return;
  }
  if (chunked_) {
    state_ = state::chunk_size;
  } else if (has_length_) {
    if (content_length_ > body_limit_) {
      ec = http_error::body_limit;
      return;
    }
    if (req_.keep_body) out_.body.reserve(static_cast<std::size_t>(content_length_));
    remaining_ = content_length_;
    state_ = remaining_ == 0 ? state::done : state::length_body;
  } else {
    state_ = state::eof_body;  // delimited by the end of the connection
    keep_alive_ = false;
  }
}

std::size_t response_reader::feed_chunked(std::string_view bytes, boost::system::error_code& ec) {
  std::size_t pos = 0;
  while (!ec && state_ != state::done && pos < bytes.size()) {
    const std::string_view rest = bytes.substr(pos);
    if (state_ == state::chunk_size) {
      // chunk-size [; extensions] CRLF
      const auto end = rest.find(crlf);
      if (end == std::string_view::npos) {
        if (rest.size() > chunk_line_limit) ec = http_error::bad_chunk;
        break;
      }
      std::uint64_t size = 0;
      std::size_t i = 0;
      for (; i < end && hex_value(rest[i]) >= 0; ++i) {
        if (i >= 15) {
          ec = http_error::bad_chunk;  // more than 2^60 bytes: not a real chunk
          return pos;
        }
        size = size * 16 + static_cast<unsigned>(hex_value(rest[i]));
      }
      const std::string_view tail = trim(rest.substr(i, end - i));
      if (i == 0 || (!tail.empty() && tail.front() != ';')) {
        ec = http_error::bad_chunk;
        break;
      }
      pos += end + crlf.size();
      remaining_ = size;
      state_ = size == 0 ? state::trailer : state::chunk_data;
    } else if (state_ == state::chunk_data) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, rest.size()));
      on_body_bytes(rest.substr(0, n), ec);
      pos += n;
      remaining_ -= n;
      if (remaining_ == 0) state_ = state::chunk_end;
    } else if (state_ == state::chunk_end) {
      if (rest.size() < crlf.size()) break;
      if (rest.substr(0, crlf.size()) != crlf) {
        ec = http_error::bad_chunk;
        break;
      }
      pos += crlf.size();
      state_ = state::chunk_size;
    } else {  // trailer: fields up to a blank line, ignored
      if (rest.size() < crlf.size()) break;
      if (rest.substr(0, crlf.size()) == crlf) {
        pos += crlf.size();
        state_ = state::done;
        break;
      }
      const auto end = rest.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (rest.size() > header_limit_) ec = http_error::header_limit;
        break;
      }
      pos += end + 4;
      state_ = state::done;
    }
  }
  return pos;
}

void response_reader::on_body_bytes(std::string_view bytes, boost::system::error_code& ec) {
  out_.body_bytes += bytes.size();
  if (out_.body_bytes > body_limit_) {
    ec = http_error::body_limit;
    return;
  }
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
