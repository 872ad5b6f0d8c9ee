#include "support/profile/detail/object_reader.hpp"

#include "support/base/text.hpp"
#include "support/profile/json_text.hpp"

#include <algorithm>

namespace shield::profile::detail {

namespace json = boost::json;

namespace {

std::string allowed_keys_text(std::initializer_list<std::string_view> allowed) {
  std::string out;
  for (const auto k : allowed) {
    if (!out.empty()) out += ", ";
    out += k;
  }
  return out;
}

}  // namespace

bool error_sink::fail(std::string_view key, std::string_view reason) {
  if (!error_) error_ = profile_failure(source_, key, reason);
  return false;
}

std::string_view kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "value";
}

object_reader::object_reader(const json::value& v, std::string path, error_sink& sink,
                             std::initializer_list<std::string_view> allowed)
    : object_(v.if_object()), path_(std::move(path)), sink_(sink) {
  if (object_ == nullptr) {
    sink_.fail(path_, "expected an object, got " + std::string(kind_name(v)));
    return;
  }
  for (const auto& member : *object_) {
    const std::string_view key(member.key().data(), member.key().size());
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string reason = "unknown key";
    const auto closest = std::min_element(allowed.begin(), allowed.end(), [key](auto a, auto b) {
      return base::edit_distance(key, a) < base::edit_distance(key, b);
    });
    // A near miss, or a truncation such as "connect" for "connect_ms", gets a hint.
    const auto prefix = std::find_if(allowed.begin(), allowed.end(), [key](std::string_view a) {
      return key.size() >= 3 && a.substr(0, key.size()) == key;
    });
    if (closest != allowed.end() && base::edit_distance(key, *closest) <= 2) {
      reason += " (did you mean '" + std::string(*closest) + "'?)";
    } else if (prefix != allowed.end()) {
      reason += " (did you mean '" + std::string(*prefix) + "'?)";
    }
    reason += "; allowed keys: " + allowed_keys_text(allowed);
    sink_.fail(json_path_child(path_, key), reason);
    return;
  }
  valid_ = true;
}

const json::value* object_reader::optional(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  return object_->if_contains(json::string_view(key.data(), key.size()));
}

const json::value* object_reader::required(std::string_view key) const {
  const json::value* v = optional(key);
  if (v == nullptr) sink_.fail(path(key), "required key is missing");
  return v;
}

std::string object_reader::path(std::string_view key) const { return json_path_child(path_, key); }

bool read_string(const json::value& v, const std::string& path, error_sink& sink, std::string& out) {
  const json::string* s = v.if_string();
  if (s == nullptr) return sink.fail(path, "expected a string, got " + std::string(kind_name(v)));
  out.assign(s->data(), s->size());
  return true;
}

bool read_bool(const json::value& v, const std::string& path, error_sink& sink, bool& out) {
  const bool* b = v.if_bool();
  if (b == nullptr) return sink.fail(path, "expected a boolean, got " + std::string(kind_name(v)));
  out = *b;
  return true;
}

bool read_integer(const json::value& v, const std::string& path, error_sink& sink, std::int64_t min, std::int64_t max,
                  std::int64_t& out) {
  const std::string range = " (allowed: " + std::to_string(min) + "-" + std::to_string(max) + ")";
  if (const auto* u = v.if_uint64()) {
    // The parser stores only integers above INT64_MAX as uint64, but built values may differ.
    if (max < 0 || *u > static_cast<std::uint64_t>(max) || static_cast<std::int64_t>(*u) < min) {
      return sink.fail(path, "value " + std::to_string(*u) + " is out of range" + range);
    }
    out = static_cast<std::int64_t>(*u);
    return true;
  }
  const std::int64_t* i = v.if_int64();
  if (i == nullptr) return sink.fail(path, "expected an integer, got " + std::string(kind_name(v)));
  if (*i < min || *i > max) return sink.fail(path, "value " + std::to_string(*i) + " is out of range" + range);
  out = *i;
  return true;
}

bool read_uint32(const json::value& v, const std::string& path, error_sink& sink, std::uint32_t min, std::uint32_t max,
                 std::uint32_t& out) {
  std::int64_t wide = 0;
  if (!read_integer(v, path, sink, min, max, wide)) return false;
  out = static_cast<std::uint32_t>(wide);
  return true;
}

}  // namespace shield::profile::detail
