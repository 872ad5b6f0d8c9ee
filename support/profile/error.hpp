#pragma once

#include <string>
#include <utility>
#include <variant>

namespace shield::profile {

// Why a profile (or something resolved from it) was rejected.
struct profile_error {
  std::string source;  // file name or the source name given to parse_profile
  std::string key;  // JSON path of the offending key, e.g. "endpoints[2].fields.entities"; empty for the whole document
  std::string reason;  // what is wrong, in words; never contains a secret

  // "source: key: reason" (or "source: reason" when no key applies).
  std::string message() const;
};

// Either a value or the profile_error explaining why there is none.
template <class T>
class result {
 public:
  result(T value) : data_(std::move(value)) {}
  result(profile_error error) : data_(std::move(error)) {}

  bool has_value() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // Precondition: has_value(); throws std::bad_variant_access otherwise.
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Precondition: !has_value(); throws std::bad_variant_access otherwise.
  const profile_error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, profile_error> data_;  // index 0: value, index 1: error
};

}  // namespace shield::profile
