#include "support/http/request_writer.hpp"

#include "support/http/url.hpp"

#include <charconv>

namespace shield::http {

namespace {

// RFC 9110 token characters (method and field names).
bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (unsigned char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// No byte that would end the line or the field early.
bool is_field_safe(std::string_view text) {
  for (unsigned char c : text) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool is_target_safe(std::string_view text) {
  for (unsigned char c : text) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  return true;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

bool needs_length(const request& req) {
  return !req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
}

}  // namespace

base::result<void> write_request(const request& req, const request_defaults& defaults, std::string& out) {
  out.clear();
  if (!is_token(req.method)) return base::fail("invalid request method '" + req.method + "'");
  if (!is_target_safe(req.target) || (!req.target.empty() && req.target.front() != '/' && req.target.front() != '?'))
    return base::fail("invalid request target '" + req.target + "' (must start with '/', no spaces or control bytes)");
  bool has_host = false;
  bool has_agent = false;
  bool has_type = false;
  bool has_connection = false;
  for (const header& h : req.headers) {
    if (!is_token(h.name) || !is_field_safe(h.value)) return base::fail("invalid request header '" + h.name + "'");
    has_host = has_host || iequals(h.name, "Host");
    has_agent = has_agent || iequals(h.name, "User-Agent");
    has_type = has_type || iequals(h.name, "Content-Type");
    has_connection = has_connection || iequals(h.name, "Connection");
  }

  out.append(req.method).append(" ");
  append_target(out, defaults.base_path, req.target);
  out.append(" HTTP/1.1\r\n");
  if (!has_host) append_field(out, "Host", defaults.host);
  if (!has_agent) append_field(out, "User-Agent", defaults.user_agent);
  if (!has_connection) append_field(out, "Connection", "keep-alive");
  if (!has_type && !req.body.empty()) append_field(out, "Content-Type", req.content_type);
  for (const header& h : req.headers) {
    // The body framing is always computed here.
    if (iequals(h.name, "Content-Length") || iequals(h.name, "Transfer-Encoding")) continue;
    append_field(out, h.name, h.value);
  }
  if (needs_length(req)) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, req.body.size()).ptr;
    append_field(out, "Content-Length", std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  out.append("\r\n").append(req.body);
  return {};
}

}  // namespace shield::http
