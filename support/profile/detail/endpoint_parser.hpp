#pragma once

// Internal to shield_profile: reads one element of the profile's `endpoints` array.

#include "support/profile/detail/object_reader.hpp"
#include "support/profile/profile.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace shield::profile::detail {

// Reads and checks one endpoint on its own (names in `requires` are checked by the caller).
bool parse_endpoint(const boost::json::value& v, const std::string& path, error_sink& sink, endpoint& out);

}  // namespace shield::profile::detail
