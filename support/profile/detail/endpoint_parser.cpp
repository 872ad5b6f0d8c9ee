#include "support/profile/detail/endpoint_parser.hpp"

#include "support/profile/detail/template_compiler.hpp"
#include "support/profile/json_pointer.hpp"
#include "support/profile/json_text.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

namespace shield::profile::detail {

namespace json = boost::json;

namespace {

constexpr std::uint32_t max_timeout_ms = 3'600'000;  // one hour: anything longer is a typo
constexpr std::uint32_t max_weight = 1'000'000;

constexpr std::array<std::string_view, 7> known_methods{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

bool endpoint_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool read_pointer(const json::value& v, const std::string& key, error_sink& sink, std::string& out) {
  if (!read_string(v, key, sink, out)) return false;
  if (auto checked = check_json_pointer(out); !checked) return sink.fail(key, checked.error().message);
  return true;
}

bool parse_fields(const json::value& v, const std::string& key, error_sink& sink, endpoint& ep) {
  const json::object* obj = v.if_object();
  if (obj == nullptr) return sink.fail(key, "expected an object, got " + std::string(kind_name(v)));
  const auto& known = known_field_names();
  for (const auto& member : *obj) {
    const std::string name(member.key().data(), member.key().size());
    const std::string field_key = json_path_child(key, name);
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return sink.fail(field_key, "unknown field name; known fields: " + list);
    }
    std::string pointer;
    if (!read_pointer(member.value(), field_key, sink, pointer)) return false;
    ep.fields.emplace(name, std::move(pointer));
  }
  // entity_* pointers are relative to each element of `entities`, so that one must exist.
  const bool has_entity_part =
      std::any_of(ep.fields.begin(), ep.fields.end(), [](const auto& f) { return f.first.rfind("entity_", 0) == 0; });
  if (has_entity_part && ep.field("entities") == nullptr) {
    return sink.fail(key, "entity_* fields are relative to each element of 'entities', which is missing");
  }
  return true;
}

bool parse_sse(const json::value& v, const std::string& key, error_sink& sink, sse_spec& out) {
  const object_reader r(v, key, sink, {"end_marker", "token", "first_token_ms"});
  if (!r.valid()) return false;
  if (const auto* m = r.optional("end_marker")) {
    std::string marker;
    if (!read_string(*m, r.path("end_marker"), sink, marker)) return false;
    if (marker.empty()) return sink.fail(r.path("end_marker"), "end marker must not be empty (omit the key instead)");
    out.end_marker = std::move(marker);
  }
  if (const auto* t = r.optional("token")) {
    std::string pointer;
    if (!read_pointer(*t, r.path("token"), sink, pointer)) return false;
    out.token_pointer = std::move(pointer);
  }
  if (const auto* f = r.optional("first_token_ms")) {
    if (!read_uint32(*f, r.path("first_token_ms"), sink, 0, max_timeout_ms, out.first_token_ms)) return false;
  }
  return true;
}

bool parse_requires(const json::value& v, const std::string& key, error_sink& sink, endpoint& ep) {
  if (v.is_string()) {
    std::string name;
    read_string(v, key, sink, name);
    ep.dependencies.push_back(std::move(name));
    return true;
  }
  const json::array* arr = v.if_array();
  if (arr == nullptr) {
    return sink.fail(key, "expected a string or an array of strings, got " + std::string(kind_name(v)));
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string name;
    if (!read_string((*arr)[i], json_path_index(key, i), sink, name)) return false;
    ep.dependencies.push_back(std::move(name));
  }
  return true;
}

bool parse_identity(const object_reader& r, error_sink& sink, endpoint& ep) {
  const auto* name = r.required("name");
  if (name == nullptr || !read_string(*name, r.path("name"), sink, ep.name)) return false;
  if (!all_chars(ep.name, endpoint_name_char)) {
    return sink.fail(r.path("name"), "endpoint name must match [a-z0-9_]+ (it is used in benchmark names)");
  }
  if (ep.name == "mixed") return sink.fail(r.path("name"), "endpoint name 'mixed' is reserved for the mixed load");

  const auto* method = r.required("method");
  if (method == nullptr || !read_string(*method, r.path("method"), sink, ep.method)) return false;
  if (std::find(known_methods.begin(), known_methods.end(), ep.method) == known_methods.end()) {
    return sink.fail(r.path("method"),
                     "invalid HTTP method '" + ep.method + "' (allowed: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)");
  }

  const auto* path = r.required("path");
  if (path == nullptr || !read_string(*path, r.path("path"), sink, ep.path)) return false;
  return compile_path(ep.path, r.path("path"), sink, ep.path_template);
}

bool parse_response(const object_reader& r, error_sink& sink, endpoint& ep) {
  if (const auto* kind = r.optional("response")) {
    std::string name;
    if (!read_string(*kind, r.path("response"), sink, name)) return false;
    const auto parsed = parse_response_kind(name);
    if (!parsed) {
      return sink.fail(r.path("response"),
                       "unknown response kind '" + name + "' (allowed: json, sse, text, prometheus)");
    }
    ep.response = *parsed;
  }
  if (const auto* status = r.optional("expect_status")) {
    std::int64_t code = 0;
    if (!read_integer(*status, r.path("expect_status"), sink, 100, 599, code)) return false;
    ep.expect_status = static_cast<int>(code);
  }
  if (const auto* fields = r.optional("fields")) {
    if (ep.response != response_kind::json) {
      return sink.fail(r.path("fields"), "fields are only allowed when response is \"json\"");
    }
    if (!parse_fields(*fields, r.path("fields"), sink, ep)) return false;
  }
  if (const auto* sse = r.optional("sse")) {
    if (ep.response != response_kind::sse)
      return sink.fail(r.path("sse"), "sse is only allowed when response is \"sse\"");
    ep.sse.emplace();
    return parse_sse(*sse, r.path("sse"), sink, *ep.sse);
  }
  if (ep.response == response_kind::sse) ep.sse.emplace();
  return true;
}

bool parse_load(const object_reader& r, error_sink& sink, endpoint& ep) {
  if (const auto* req = r.optional("requires")) {
    if (!parse_requires(*req, r.path("requires"), sink, ep)) return false;
  }
  if (const auto* mixed = r.optional("mixed")) {
    if (!read_bool(*mixed, r.path("mixed"), sink, ep.mixed)) return false;
  }
  if (const auto* weight = r.optional("weight")) {
    if (!read_uint32(*weight, r.path("weight"), sink, 1, max_weight, ep.weight)) return false;
  }
  if (const auto* timeout = r.optional("timeout_ms")) {
    std::uint32_t ms = 0;
    if (!read_uint32(*timeout, r.path("timeout_ms"), sink, 1, max_timeout_ms, ms)) return false;
    ep.timeout_ms = ms;
  }
  return true;
}

}  // namespace

bool parse_endpoint(const json::value& v, const std::string& path, error_sink& sink, endpoint& out) {
  const object_reader r(v, path, sink,
                        {"name", "method", "path", "body", "expect_status", "response", "fields", "sse", "requires",
                         "mixed", "weight", "timeout_ms"});
  if (!r.valid()) return false;
  if (!parse_identity(r, sink, out)) return false;
  if (const auto* body = r.optional("body")) {
    if (out.method == "GET" || out.method == "HEAD") {
      return sink.fail(r.path("body"), "a " + out.method + " request cannot have a body");
    }
    if (!compile_body(*body, r.path("body"), sink, out.body_template)) return false;
    out.body_source = json::serialize(*body);
  }
  return parse_response(r, sink, out) && parse_load(r, sink, out);
}

}  // namespace shield::profile::detail
