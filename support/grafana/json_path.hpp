#pragma once

#include <boost/json/fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace shield::grafana {

// JSONPath-style location of a member: `$.panels` + `targets` -> `$.panels.targets`;
// keys that are not identifiers are bracketed and quoted (`$["a b"]`).
std::string member_path(std::string_view parent, std::string_view key);

// Location of an array element: `$.panels` + 3 -> `$.panels[3]`.
std::string index_path(std::string_view parent, std::size_t index);

// "object", "array", "string", "number", "bool" or "null", for type errors.
std::string_view json_kind_name(const boost::json::value& value) noexcept;

}  // namespace shield::grafana
