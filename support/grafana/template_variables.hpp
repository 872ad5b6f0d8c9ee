#pragma once

#include "support/grafana/dashboard_query.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shield::grafana {

// One choice of a variable.
struct variable_option {
  std::string text;   // what the picker shows
  std::string value;  // what a query receives
};

// A dashboard template variable as saved, enough to substitute it.
struct template_variable {
  std::string name;                      // referenced as $name, ${name}, [[name]]
  std::string type = "query";            // query, custom, constant, interval, textbox, datasource, adhoc...
  std::string path;                      // JSON path of the variable, for messages
  std::vector<std::string> values;       // current value(s); for constant the query, see has_value
  std::vector<std::string> texts;        // current text(s) as saved; may be empty
  bool has_value = false;                // a current value (or a constant/textbox query) was saved
  bool value_is_list = false;            // current.value was an array (multi-value selection)
  bool is_all = false;                   // the current value is $__all
  bool multi = false;                    // several values may be selected
  bool include_all = false;              // offers the All choice
  std::optional<std::string> all_value;  // custom All value; unset or empty means every option
  std::vector<variable_option> options;  // choices, the All entry left out
  bool auto_interval = false;            // interval variable offering "auto"
  std::int64_t auto_count = 30;          // auto: steps per dashboard range
  std::string auto_min = "10s";          // auto: smallest step
  std::string query;                     // query variables: label_values(...) etc. (`query` or `query.query`)
  std::string regex;                     // query variables: filter/extract regex, `/.../flags` or bare
  int sort = 0;                          // query variables: Grafana's sort (0 none, 1/2 alpha, 3/4 numeric,
                                         // 5/6 alpha case-insensitive, 7/8 natural; odd ascending)
};

// Variables read from a dashboard, or where the templating section is malformed.
struct variables_result {
  std::vector<template_variable> variables;  // in templating order
  std::vector<walk_error> errors;            // e.g. `$.templating.list[1].name: expected a string`

  bool ok() const noexcept { return errors.empty(); }
};

// Reads `templating.list[]` of a dashboard or of the API wrapper. Custom and interval variables
// without saved options get them from their comma-separated `query` ("a,b" or "text : value").
variables_result read_variables(const boost::json::value& document);

// The variable called name, or nullptr.
const template_variable* find_variable(std::span<const template_variable> variables, std::string_view name) noexcept;

}  // namespace shield::grafana
