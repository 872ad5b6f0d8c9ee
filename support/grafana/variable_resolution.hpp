#pragma once

// Template variables given values the way Grafana gives them when a dashboard loads: query
// variables (label_values, label_names, metrics, query_result) are run against a datasource in
// templating order, so a variable may use the ones before it (chained); the regex filter and sort
// apply; the saved current value stays when it is still an option, else the first option is
// chosen (All stays All). `--var NAME=VALUE[,VALUE...]` overrides any variable. support/grafana
// stays free of HTTP: the values come from a variable_source the caller fills (e.g. Prometheus).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/base/result.hpp"
#include "support/grafana/builtin_variables.hpp"
#include "support/grafana/template_variables.hpp"

namespace shield::grafana {

// Where query variables read their options.
class variable_source {
 public:
  virtual ~variable_source() = default;
  // Values of `label` on the series `match` selects (every series when match is empty).
  virtual base::result<std::vector<std::string>> label_values(std::string_view match, std::string_view label) = 0;
  // Label names of the series `match` selects (every series when empty).
  virtual base::result<std::vector<std::string>> label_names(std::string_view match) = 0;
  // Each result series of an instant query as Grafana shows it: `name{a="b"} value timestamp_ms`.
  virtual base::result<std::vector<std::string>> query_result(std::string_view expr) = 0;
};

// One --var NAME=VALUE[,VALUE...] (a value may hold an escaped comma: "\,").
struct variable_override {
  std::string name;                 // variable name, without '$'
  std::vector<std::string> values;  // one or more values; "$__all" selects All
};

// "NAME=VALUE[,VALUE...]"; a failure says what is wrong.
[[nodiscard]] base::result<variable_override> parse_variable_override(std::string_view text);

// One variable that has no value after resolution, or whose query failed.
struct unresolved_variable {
  std::string name;    // the variable
  std::string reason;  // e.g. "has no value (give --var node=... or --prometheus)"
};

// Variables with values, and what could not be resolved.
struct resolution_result {
  std::vector<template_variable> variables;  // templating order, options and current values filled
  std::vector<unresolved_variable> unresolved;
  std::vector<std::string> notes;  // one line per variable resolved from the source
};

// Resolves query variables through `source` (may be null: saved values only) and applies
// `overrides`. An override naming no variable of the dashboard is reported as unresolved.
[[nodiscard]] resolution_result resolve_variables(std::vector<template_variable> variables,
                                                  std::span<const variable_override> overrides, variable_source* source,
                                                  const substitution_settings& settings = {});

// The options Grafana derives from raw values: regex filter/extraction (a capture group, or named
// groups `text` and `value`), then sort, duplicates dropped. A bad regex is a failure.
[[nodiscard]] base::result<std::vector<variable_option>> derive_options(const std::vector<std::string>& raw,
                                                                        std::string_view regex, int sort);

}  // namespace shield::grafana
