#pragma once

#include "support/grafana/builtin_variables.hpp"
#include "support/grafana/dashboard_query.hpp"
#include "support/grafana/template_variables.hpp"
#include "support/base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shield::grafana {

// Replaces $var, ${var}, ${var:format}, [[var]] and [[var:format]] with a dashboard's saved
// variable values and Grafana's built-ins, the way Grafana would before sending a query.
// Names are the longest run of word characters ($instances never means $instance + "s");
// a name starting with a digit ($1, ${1} in label_replace) is left as written; an undefined
// variable, an unknown format or `${var.field}` is an error. Values are not substituted again,
// except a value that is itself a built-in (an interval variable set to $__auto_interval_x).
// Without a format, values render as the Prometheus datasource does (format_prometheus_default);
// a custom All value (allValue) is inserted as written in every format but `text`.
class template_substituter {
 public:
  explicit template_substituter(std::vector<template_variable> variables, substitution_settings settings = {});

  // `text` with its variables replaced, or a failure naming the variable and the query;
  // query_name goes into messages; min_interval is the query's `interval` as written (may
  // hold variables), empty when unset.
  base::result<std::string> substitute(std::string_view text, std::string_view query_name,
                                       std::string_view min_interval = {}) const;

  // A walked query's expr, named and with its min interval.
  base::result<std::string> substitute(const dashboard_query& query) const;

  const std::vector<template_variable>& variables() const noexcept { return variables_; }
  const substitution_settings& settings() const noexcept { return settings_; }

 private:
  // Replacement for one reference, or why there is none.
  base::result<std::string> render(std::string_view name, std::string_view format, bool has_format,
                                   const query_times& times) const;

  std::vector<template_variable> variables_;  // the dashboard's variables, looked up by name
  substitution_settings settings_;            // scrape interval and range the built-ins derive from
};

}  // namespace shield::grafana
