#include "support/grafana/dashboard_query.hpp"

namespace shield::grafana {

std::string to_string(const walk_error& error) { return error.path + ": " + error.message; }

std::string_view origin_name(query_origin origin) noexcept {
  switch (origin) {
    case query_origin::panel_target:
      return "panel target";
    case query_origin::template_variable:
      return "template variable";
    case query_origin::annotation:
      return "annotation";
  }
  return "unknown";
}

std::string_view function_name(variable_function function) noexcept {
  switch (function) {
    case variable_function::none:
      return "none";
    case variable_function::label_values:
      return "label_values";
    case variable_function::label_names:
      return "label_names";
    case variable_function::query_result:
      return "query_result";
    case variable_function::metrics:
      return "metrics";
    case variable_function::series:
      return "series";
  }
  return "unknown";
}

}  // namespace shield::grafana
