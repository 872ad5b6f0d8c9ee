#pragma once

#include "support/base/result.hpp"
#include "support/profile/profile.hpp"

#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shield::profile {

// Whether a string is an RFC 6901 JSON pointer ("" or "/a/b", '~' only as ~0 or ~1); the failure says why not.
base::result<void> check_json_pointer(std::string_view pointer);

// The value at pointer inside doc, or nullptr with ec set (syntax error or nothing there).
const boost::json::value* find_by_pointer(const boost::json::value& doc, std::string_view pointer,
                                          boost::system::error_code& ec) noexcept;

// Reads the field `field_name` of endpoint ep (its JSON pointer from the profile) from doc: a
// pointer into doc, or a failure naming the field and its pointer.
base::result<const boost::json::value*> read_field(const boost::json::value& doc, const endpoint& ep,
                                                   std::string_view field_name);

}  // namespace shield::profile
