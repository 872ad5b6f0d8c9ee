#pragma once
// The target URL: where the client connects and which path prefix every request gets.

#include "support/base/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shield::http {

// A parsed http(s) base URL such as https://shield.local:8443/api.
struct target_url {
  std::string scheme = "http";  // "http" or "https" (lower case)
  std::string host;             // host name or IP literal, IPv6 without brackets
  std::uint16_t port = 80;      // explicit port, else the scheme's default
  std::string base_path;        // path prefix without trailing '/', "" for the root

  // True for https.
  bool tls() const { return scheme == "https"; }
  // True when host is an IPv4 or IPv6 literal (no SNI, IP certificate check).
  bool host_is_ip() const;
  // Value of the Host header: host[:port], port omitted when it is the scheme's default.
  std::string host_header() const;
  // base_path joined with a request target ("/health" -> "/api/health", "" -> "/api" or "/").
  std::string join(std::string_view target) const;
  // Back to text, e.g. for reports: scheme://host[:port]base_path.
  std::string to_string() const;
};

// Appends base_path joined with target to `out` (what target_url::join returns), allocation-free
// once `out` has capacity.
void append_target(std::string& out, std::string_view base_path, std::string_view target);

// Outcome of parse_url: the URL, or a failure saying what is wrong with the text.
using url_result = base::result<target_url>;

// Parses an absolute http/https URL; rejects other schemes, a missing host, a bad port,
// user info, a query or a fragment with a message naming the problem.
url_result parse_url(std::string_view text);

// `text` with any user info ("user:password@") in its authority replaced by "<redacted>@", so an
// error message never shows a password typed into a URL.
std::string redact_userinfo(std::string_view text);

}  // namespace shield::http
