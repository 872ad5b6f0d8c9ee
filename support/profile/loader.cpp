#include "support/profile/loader.hpp"

#include "support/profile/dependencies.hpp"
#include "support/profile/detail/endpoint_parser.hpp"
#include "support/profile/detail/object_reader.hpp"
#include "support/profile/json_text.hpp"
#include "support/base/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace shield::profile {

namespace {

namespace json = boost::json;
using detail::error_sink;
using detail::object_reader;

constexpr std::size_t max_file_bytes = 4u << 20;  // profiles are small; a huge file is a mistake
constexpr std::size_t max_endpoints = 1000;       // bounds the dependency search depth
constexpr std::uint32_t max_timeout_ms = 3'600'000;

// Header fields the HTTP client manages itself.
constexpr std::array<std::string_view, 5> client_managed_headers{"host", "content-length", "transfer-encoding",
                                                                 "connection", "upgrade"};

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool env_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool profile_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

bool has_control_char(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

bool parse_env_header(const json::value& v, const std::string& key, error_sink& sink, header_spec& h) {
  const object_reader r(v, key, sink, {"env", "format"});
  if (!r.valid()) return false;
  const auto* env = r.required("env");
  if (env == nullptr || !detail::read_string(*env, r.path("env"), sink, h.env_var)) return false;
  if (!detail::all_chars(h.env_var, env_name_char) || std::isdigit(static_cast<unsigned char>(h.env_var[0])) != 0) {
    return sink.fail(r.path("env"), "environment variable name must match [A-Za-z_][A-Za-z0-9_]*");
  }
  if (const auto* format = r.optional("format")) {
    if (!detail::read_string(*format, r.path("format"), sink, h.format)) return false;
    if (count_of(h.format, "{}") != 1) return sink.fail(r.path("format"), "format must contain \"{}\" exactly once");
    if (has_control_char(h.format)) return sink.fail(r.path("format"), "format contains a control character");
  }
  h.source = header_source::environment;
  return true;
}

bool parse_headers(const json::value& v, const std::string& key, error_sink& sink, std::vector<header_spec>& out) {
  const json::object* obj = v.if_object();
  if (obj == nullptr) return sink.fail(key, "expected an object, got " + std::string(detail::kind_name(v)));
  std::vector<std::string> seen;  // lower-case names: header names are case-insensitive
  for (const auto& member : *obj) {
    header_spec h;
    h.name.assign(member.key().data(), member.key().size());
    const std::string header_key = json_path_child(key, h.name);
    if (!detail::all_chars(h.name, token_char)) return sink.fail(header_key, "invalid header name");
    const std::string folded = base::to_lower(h.name);
    if (std::find(client_managed_headers.begin(), client_managed_headers.end(), folded) !=
        client_managed_headers.end()) {
      return sink.fail(header_key, "header is managed by the HTTP client and cannot be set");
    }
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) {
      return sink.fail(header_key, "header given twice (names are case-insensitive)");
    }
    seen.push_back(folded);
    if (member.value().is_string()) {
      detail::read_string(member.value(), header_key, sink, h.literal);
      if (has_control_char(h.literal)) return sink.fail(header_key, "header value contains a control character");
    } else if (member.value().is_object()) {
      if (!parse_env_header(member.value(), header_key, sink, h)) return false;
    } else {
      return sink.fail(header_key, "expected a string or an object {\"env\", \"format\"}, got " +
                                       std::string(detail::kind_name(member.value())));
    }
    out.push_back(std::move(h));
  }
  return true;
}

bool parse_timeouts(const json::value& v, const std::string& key, error_sink& sink, timeout_config& out) {
  const object_reader r(v, key, sink, {"connect_ms", "request_ms"});
  if (!r.valid()) return false;
  if (const auto* c = r.optional("connect_ms")) {
    if (!detail::read_uint32(*c, r.path("connect_ms"), sink, 1, max_timeout_ms, out.connect_ms)) return false;
  }
  if (const auto* q = r.optional("request_ms")) {
    if (!detail::read_uint32(*q, r.path("request_ms"), sink, 1, max_timeout_ms, out.request_ms)) return false;
  }
  return true;
}

bool parse_endpoints(const json::value& v, const std::string& key, error_sink& sink, std::vector<endpoint>& out) {
  const json::array* arr = v.if_array();
  if (arr == nullptr) return sink.fail(key, "expected an array, got " + std::string(detail::kind_name(v)));
  if (arr->empty()) return sink.fail(key, "a profile needs at least one endpoint");
  if (arr->size() > max_endpoints) return sink.fail(key, "more than " + std::to_string(max_endpoints) + " endpoints");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string ep_key = json_path_index(key, i);
    endpoint ep;
    if (!detail::parse_endpoint((*arr)[i], ep_key, sink, ep)) return false;
    const auto same = std::find_if(out.begin(), out.end(), [&ep](const endpoint& e) { return e.name == ep.name; });
    if (same != out.end()) {
      const auto first = static_cast<std::size_t>(same - out.begin());
      return sink.fail(json_path_child(ep_key, "name"),
                       "duplicate endpoint name '" + ep.name + "' (also " + json_path_index(key, first) + ")");
    }
    out.push_back(std::move(ep));
  }
  return true;
}

bool parse_pii_kinds(const json::value& v, const std::string& key, error_sink& sink, std::vector<std::string>& out) {
  const json::array* arr = v.if_array();
  if (arr == nullptr)
    return sink.fail(key, "expected an array of PII kind names, got " + std::string(detail::kind_name(v)));
  if (arr->empty()) return sink.fail(key, "lists no PII kind: leave the key out to check every kind");
  const auto& known = known_pii_kinds();
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string item_key = json_path_index(key, i);
    std::string kind;
    if (!detail::read_string((*arr)[i], item_key, sink, kind)) return false;
    if (std::find(known.begin(), known.end(), kind) == known.end()) {
      std::string reason = "unknown PII kind '" + kind + "' (known: ";
      for (const auto& k : known) reason.append(reason.ends_with(": ") ? "" : ", ").append(k);
      return sink.fail(item_key, reason.append(")"));
    }
    if (std::find(out.begin(), out.end(), kind) != out.end())
      return sink.fail(item_key, "PII kind '" + kind + "' listed twice");
    out.push_back(std::move(kind));
  }
  return true;
}

bool parse_document(const json::value& doc, error_sink& sink, target_profile& p) {
  const object_reader r(doc, "", sink,
                        {"name", "description", "headers", "timeouts", "pii_kinds", "endpoints", "health_endpoint"});
  if (!r.valid()) return false;
  const auto* name = r.required("name");
  if (name == nullptr || !detail::read_string(*name, "name", sink, p.name)) return false;
  if (!detail::all_chars(p.name, profile_name_char))
    return sink.fail("name", "profile name must match [A-Za-z0-9_.-]+");
  if (const auto* d = r.optional("description")) {
    if (!detail::read_string(*d, "description", sink, p.description)) return false;
  }
  if (const auto* h = r.optional("headers")) {
    if (!parse_headers(*h, "headers", sink, p.headers)) return false;
  }
  if (const auto* t = r.optional("timeouts")) {
    if (!parse_timeouts(*t, "timeouts", sink, p.timeouts)) return false;
  }
  if (const auto* k = r.optional("pii_kinds")) {
    if (!parse_pii_kinds(*k, "pii_kinds", sink, p.pii_kinds)) return false;
  } else {
    p.pii_kinds = known_pii_kinds();
  }
  const auto* eps = r.required("endpoints");
  if (eps == nullptr || !parse_endpoints(*eps, "endpoints", sink, p.endpoints)) return false;
  if (const auto* h = r.optional("health_endpoint")) {
    if (!detail::read_string(*h, "health_endpoint", sink, p.health_endpoint)) return false;
    const endpoint* ep = p.find_endpoint(p.health_endpoint);
    if (ep == nullptr)
      return sink.fail("health_endpoint", "names no endpoint of this profile: '" + p.health_endpoint + "'");
    if (ep->method != "GET" || ep->path.find('{') != std::string::npos) {
      return sink.fail("health_endpoint", "the preflight endpoint must be a GET without path placeholders");
    }
  }
  return true;
}

}  // namespace

base::result<target_profile> parse_profile(std::string_view json_text, std::string_view source_name) {
  auto doc = parse_json_text(json_text, source_name);
  if (!doc) return doc.error();
  error_sink sink{std::string(source_name)};
  target_profile p;
  p.source = std::string(source_name);
  if (!parse_document(doc.value(), sink, p)) return sink.take();
  if (auto checked = check_dependencies(p); !checked) return checked.error();
  return p;
}

base::result<target_profile> load_profile(const std::string& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return profile_failure(path, "", std::string("cannot open file: ") + std::strerror(errno));
  std::string text;
  std::array<char, 8192> chunk{};
  for (;;) {
    const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), file.get());
    text.append(chunk.data(), n);
    if (text.size() > max_file_bytes) {
      return profile_failure(path, "", "file is larger than " + std::to_string(max_file_bytes) + " bytes");
    }
    if (n < chunk.size()) break;
  }
  if (std::ferror(file.get()) != 0)
    return profile_failure(path, "", std::string("cannot read file: ") + std::strerror(errno));
  return parse_profile(text, path);
}

}  // namespace shield::profile
