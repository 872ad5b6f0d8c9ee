#pragma once

#include "support/grafana/dashboard_query.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shield::grafana::detail {

// Appends the queries of `panels[]` (rows and collapsed rows included) and of the old `rows[]` schema.
void walk_panels(const boost::json::object& dashboard, const std::string& base, walk_result& out);

// Appends the queries of `templating.list[]` query variables.
void walk_templating(const boost::json::object& dashboard, const std::string& base, walk_result& out);

// Appends the queries of `annotations.list[]`.
void walk_annotations(const boost::json::object& dashboard, const std::string& base, walk_result& out);

// Why a datasource reference is not Prometheus; nullopt when it is, or may be (names, inputs, unset).
std::optional<std::string> non_prometheus_reason(const boost::json::value* datasource);

// The member as an array; nullptr when absent, error appended when it is not an array.
const boost::json::array* array_member(const boost::json::object& object, std::string_view key, const std::string& path,
                                       walk_result& out);

// The member as a string; empty when absent or not a string.
std::string string_member(const boost::json::object& object, std::string_view key);

// `"text"` with quotes and backslashes escaped, for query names.
std::string quoted(std::string_view text);

}  // namespace shield::grafana::detail
