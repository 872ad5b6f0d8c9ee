#pragma once

// Internal to shield_profile: strict, path-tracking reads of JSON values.

#include "support/profile/error.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::profile::detail {

// Keeps the first error met while reading a profile; later ones would only be follow-ups.
class error_sink {
 public:
  explicit error_sink(std::string source) : source_(std::move(source)) {}

  // Records an error (unless one is recorded already); always returns false for `return sink.fail(...)`.
  bool fail(std::string_view key, std::string_view reason);
  bool failed() const noexcept { return error_.has_value(); }
  const std::string& source() const noexcept { return source_; }
  // Precondition: failed().
  base::failure take() { return std::move(*error_); }

 private:
  std::string source_;                  // named in every error
  std::optional<base::failure> error_;  // first error, if any
};

// "string", "integer", "object", ... for messages.
std::string_view kind_name(const boost::json::value& v);

// A JSON object whose keys must all be in an allowed list.
class object_reader {
 public:
  // Fails the sink if v is not an object or has a key outside `allowed`.
  object_reader(const boost::json::value& v, std::string path, error_sink& sink,
                std::initializer_list<std::string_view> allowed);

  bool valid() const noexcept { return valid_; }
  // Value of key, or nullptr when absent.
  const boost::json::value* optional(std::string_view key) const;
  // Value of key; when absent, fails the sink ("required key is missing") and returns nullptr.
  const boost::json::value* required(std::string_view key) const;
  // JSON path of key inside this object.
  std::string path(std::string_view key) const;
  const std::string& path() const noexcept { return path_; }

 private:
  const boost::json::object* object_ = nullptr;  // nullptr when the value is not an object
  std::string path_;                             // where the object is, for messages
  error_sink& sink_;                             // where failures go
  bool valid_ = false;                           // object with only allowed keys
};

// Typed reads: on a type or range mismatch they fail the sink with `path` and return false.
bool read_string(const boost::json::value& v, const std::string& path, error_sink& sink, std::string& out);
bool read_bool(const boost::json::value& v, const std::string& path, error_sink& sink, bool& out);
bool read_integer(const boost::json::value& v, const std::string& path, error_sink& sink, std::int64_t min,
                  std::int64_t max, std::int64_t& out);
bool read_uint32(const boost::json::value& v, const std::string& path, error_sink& sink, std::uint32_t min,
                 std::uint32_t max, std::uint32_t& out);

// Whether s is non-empty and every character satisfies allowed.
template <class Pred>
bool all_chars(std::string_view s, Pred allowed) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!allowed(c)) return false;
  }
  return true;
}

}  // namespace shield::profile::detail
