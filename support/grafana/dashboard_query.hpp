#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::grafana {

// Which part of the dashboard a query comes from.
enum class query_origin { panel_target, template_variable, annotation };

// How a templating query variable's text is wrapped (Prometheus datasource functions).
enum class variable_function {
  none,          // not a variable query (panel target or annotation)
  label_values,  // label_values(metric{...}, label) or label_values(label)
  label_names,   // label_names() or label_names(metric{...})
  query_result,  // query_result(expr)
  metrics,       // metrics(regex)
  series,        // a bare selector, evaluated through the series API
};

// One PromQL query found in a dashboard, named by where it lives.
struct dashboard_query {
  query_origin origin = query_origin::panel_target;  // panel target, template variable or annotation
  std::string name;                                  // e.g. `panel "Request rate" (id 2) target A`
  std::string path;                                  // JSON path of the query text, e.g. `$.panels[1].targets[0].expr`
  std::string expr;                      // PromQL to check; empty when the query reads no series (label_values(label))
  std::string raw;                       // the text as written (for variables the whole `label_values(...)`)
  std::string row_title;                 // title of the enclosing row; empty outside rows
  std::string title;                     // panel title, variable name or annotation name
  std::optional<std::int64_t> panel_id;  // panel `id` when it has an integral one
  std::string ref_id;                    // target or variable-query `refId`; empty when absent
  std::string min_interval;              // target or panel `interval` (min step) as written; empty when unset
  bool hidden = false;                   // target `hide: true` or annotation `enable: false`; still reported
  variable_function function = variable_function::none;  // wrapping function of a variable query
  std::string metric;        // label_values/label_names: metric name of the selector; may be empty
  std::string label;         // label_values: the label whose values are read
  std::string metric_regex;  // metrics(regex): the regex over metric names
};

// A query that is deliberately not checked (another datasource, no expr, library panel).
struct skipped_query {
  std::string name;    // named like dashboard_query::name
  std::string path;    // JSON path of the target, variable or annotation
  std::string reason;  // why it is not a PromQL query
};

// A structural problem, located by JSON path.
struct walk_error {
  std::string path;     // e.g. `$.panels[2].targets`; `$` for the document itself
  std::string message;  // e.g. "expected an array, got object"
};

// Everything found in one dashboard; walking goes on past errors so all of them are reported.
struct walk_result {
  std::vector<dashboard_query> queries;  // in document order: panels, rows, templating, annotations
  std::vector<skipped_query> skipped;    // non-PromQL queries, in document order
  std::vector<walk_error> errors;        // structural problems; empty for a well-formed dashboard

  bool ok() const noexcept { return errors.empty(); }
};

// "path: message".
std::string to_string(const walk_error& error);

// "panel target", "template variable" or "annotation".
std::string_view origin_name(query_origin origin) noexcept;

// "label_values", "label_names", "query_result", "metrics", "series" or "none".
std::string_view function_name(variable_function function) noexcept;

}  // namespace shield::grafana
