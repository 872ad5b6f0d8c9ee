#pragma once

#include "support/profile/error.hpp"

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace shield::profile {

// Parses strict JSON. Errors name the source and give line and column; a key repeated in one
// object is an error too (Boost.JSON would silently keep the last one).
base::result<boost::json::value> parse_json_text(std::string_view text, std::string_view source_name);

// path + ".key" (or "key" at the root); keys that are not [A-Za-z0-9_-]+ become ["key"].
std::string json_path_child(std::string_view path, std::string_view key);

// path + "[index]".
std::string json_path_index(std::string_view path, std::size_t index);

}  // namespace shield::profile
