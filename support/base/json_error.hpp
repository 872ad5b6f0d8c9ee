#pragma once

// Boost.JSON parse errors worded for people: the nesting limit every JSON parse in the suite has
// (Boost.JSON's default parse_options) is stated instead of Boost's bare "too deep".
// Header only: include it only from code that links Boost::json.

#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>

#include <cstddef>
#include <string>

namespace shield::base {

// Deepest nesting of arrays and objects a document may have; deeper ones are refused by the parser
// (never recursed into), so readers of parsed documents cannot overflow the stack.
inline constexpr std::size_t max_json_depth = 32;
static_assert(boost::json::parse_options{}.max_depth == max_json_depth);

// The parse error's message; for too_deep: "arrays/objects nested more than 32 deep (the limit)".
inline std::string json_error_text(const boost::system::error_code& ec) {
  if (ec == boost::json::error::too_deep) {
    return "arrays/objects nested more than " + std::to_string(max_json_depth) + " deep (the limit)";
  }
  return ec.message();
}

}  // namespace shield::base
