#pragma once

#include "support/grafana/dashboard_query.hpp"
#include "support/base/result.hpp"

#include <string>
#include <string_view>

namespace shield::grafana {

// A Prometheus templating query taken apart: which function wraps it and what it reads.
struct variable_query {
  variable_function function = variable_function::series;  // series when no known function wraps it
  std::string expr;          // PromQL it evaluates: the selector, the query_result expression,
                             // `{__name__=~"regex"}` for metrics(regex); empty for label_values(label)
  std::string metric;        // metric name of the selector (label_values/label_names); may be empty
  std::string label;         // label_values: the label read
  std::string metric_regex;  // metrics(regex): the regex
};

// Parses `label_values(metric{...}, label)`, `label_values(label)`, `label_names(...)`,
// `query_result(expr)`, `metrics(regex)`; any other text is a series selector taken as is.
// Arguments are split at top-level commas, so commas in braces, parentheses and strings are kept.
// A malformed call is a failure saying why.
base::result<variable_query> parse_variable_query(std::string_view text);

// The metric name a selector or expression starts with (`up{job="x"}` -> "up"); empty for
// `{__name__="..."}` or text not starting with a name.
std::string leading_metric_name(std::string_view selector);

}  // namespace shield::grafana
