#include "support/http/url.hpp"

#include "support/base/text.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <charconv>

namespace shield::http {

namespace urls = boost::urls;

namespace {

base::failure fail(std::string_view text, std::string_view why) {
  return base::fail("invalid target URL '" + redact_userinfo(text) + "': " + std::string(why));
}

std::uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

}  // namespace

bool target_url::host_is_ip() const {
  if (host.find(':') != std::string::npos) return true;  // only IPv6 literals contain ':'
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

std::string target_url::host_header() const {
  std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != default_port(scheme)) out += ":" + std::to_string(port);
  return out;
}

void append_target(std::string& out, std::string_view base_path, std::string_view target) {
  if (base_path.empty() && (target.empty() || target.front() == '?')) out += '/';
  out.append(base_path).append(target);
}

std::string target_url::join(std::string_view target) const {
  std::string out;
  append_target(out, base_path, target);
  return out;
}

std::string target_url::to_string() const { return scheme + "://" + host_header() + base_path; }

std::string redact_userinfo(std::string_view text) {
  const auto scheme_end = text.find("://");
  const std::size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const std::size_t end = std::min(text.find_first_of("/?#", start), text.size());
  const auto at = text.substr(start, end - start).rfind('@');
  if (at == std::string_view::npos) return std::string(text);
  return std::string(text.substr(0, start)) + "<redacted>" + std::string(text.substr(start + at));
}

url_result parse_url(std::string_view text) {
  if (text.empty()) return fail(text, "empty");
  auto parsed = urls::parse_uri(text);
  if (!parsed) return fail(text, "not an absolute URL (" + parsed.error().message() + ")");
  const urls::url_view& view = *parsed;

  target_url out;
  out.scheme = base::to_lower(view.scheme());
  if (out.scheme != "http" && out.scheme != "https") {
    return fail(text, "unsupported scheme '" + std::string(view.scheme()) + "' (expected http or https)");
  }
  if (!view.has_authority() || view.encoded_host().empty()) return fail(text, "missing host");
  if (view.has_userinfo()) return fail(text, "user info is not allowed");
  if (view.host_type() == urls::host_type::ipvfuture) return fail(text, "unsupported IP literal");
  if (view.has_query()) return fail(text, "a query is not allowed in the target URL");
  if (view.has_fragment()) return fail(text, "a fragment is not allowed in the target URL");

  out.host = view.host_type() == urls::host_type::name ? base::to_lower(view.host_address())
                                                       : std::string(view.encoded_host_address());
  out.port = default_port(out.scheme);
  if (view.has_port()) {
    std::string_view port = view.port();
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return fail(text, "bad port '" + std::string(port) + "' (expected 1-65535)");
    }
    out.port = static_cast<std::uint16_t>(value);
  }

  std::string_view path = view.encoded_path();
  // Boost.URL 1.81 accepts "http://host:8a" as port 8 and path "a"; RFC 3986 does not.
  if (!path.empty() && path.front() != '/') {
    return fail(text, "malformed text after the host (bad port, or a path not starting with '/')");
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.base_path = std::string(path);
  return out;
}

}  // namespace shield::http
