#pragma once

#include <boost/system/result.hpp>

#include <string>

namespace shield::profile {

// Why a profile (or something resolved from it) was rejected.
struct profile_error {
  std::string source;  // file name or the source name given to parse_profile
  std::string key;  // JSON path of the offending key, e.g. "endpoints[2].fields.entities"; empty for the whole document
  std::string reason;  // what is wrong, in words; never contains a secret

  // "source: key: reason" (or "source: reason" when no key applies).
  std::string message() const;
};

// Called by result::value() on a failure (found by argument-dependent lookup): throws
// std::runtime_error with message().
[[noreturn]] void throw_exception_from_error(const profile_error& e, const boost::source_location& loc);

// Either a value or the profile_error explaining why there is none: the project's one result
// type (boost::system::result, as base::result) with an error that keeps the offending key apart.
template <class T>
using result = boost::system::result<T, profile_error>;

}  // namespace shield::profile
