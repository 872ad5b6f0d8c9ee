#pragma once

#include "support/base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shield::grafana {

// A variable's value ready to render in a query.
struct variable_value {
  std::vector<std::string> values;  // the value, or the selected values of a list
  std::vector<std::string> texts;   // display texts, parallel to values; empty means the values
  bool is_list = false;             // a list (multi-value selection, All expanded) rather than one string
  bool regex_escaped = false;       // the Prometheus default escapes for regex (multi or include-all variable)
};

// Renders a value in one of Grafana's formats: regex, pipe, csv, json, raw, glob, text,
// queryparam, doublequote, singlequote, lucene, sqlstring, percentencode, distributed.
// `name` is the variable's, for queryparam. Other formats are a failure ("unknown format 'xml'").
base::result<std::string> format_value(std::string_view format, std::string_view name, const variable_value& value);

// The Prometheus datasource's rendering when no format is given: a single-value variable gets
// `\` and `'` escaped; a multi/include-all one gets each value regex-escaped for use inside a
// PromQL string (`\\.`) and several values become `(a|b)`.
std::string format_prometheus_default(const variable_value& value);

// Grafana's `regex` escape of one value (`a.b` -> `a\.b`).
std::string regex_escape(std::string_view text);

// encodeURIComponent, also encoding !'()*.
std::string percent_encode(std::string_view text);

}  // namespace shield::grafana
