#pragma once

// The one error-or-value type: boost::system::result with a failure that says what went wrong in
// words (naming the flag, file or item at fault) and, when there is one, the underlying error code.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <iosfwd>
#include <string>
#include <utility>

namespace shield::base {

struct failure;

// The failure value: `return base::fail("--rate=x: expected a number");`.
failure fail(std::string message, boost::system::error_code code = {});

// Why an operation failed. Made only by fail(), so that no string converts to it: a
// result<std::string> then takes a string as its value without ambiguity.
struct failure {
  std::string message;             // for people: names the offending input and the problem
  boost::system::error_code code;  // the underlying code (a failed OS call, a parser) if any; else empty

  failure() = default;

 private:
  failure(std::string m, boost::system::error_code c) : message(std::move(m)), code(c) {}
  friend failure fail(std::string message, boost::system::error_code code);
};

inline failure fail(std::string message, boost::system::error_code code) { return failure(std::move(message), code); }

// A T, or the failure that prevented it. `if (r)`, `*r`, `r->`, `r.error().message`.
template <class T>
using result = boost::system::result<T, failure>;

// Prints the message (for streams and GoogleTest output).
std::ostream& operator<<(std::ostream& out, const failure& f);

// Called by result::value() on a failure (found by argument-dependent lookup): throws
// boost::system::system_error when there is a code, else std::runtime_error.
[[noreturn]] void throw_exception_from_error(const failure& f, const boost::source_location& loc);

}  // namespace shield::base
