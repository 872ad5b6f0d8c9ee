#include "checks/metrics/finding.hpp"

#include <algorithm>

namespace shield::metrics {

std::string_view to_string(finding_kind kind) {
  switch (kind) {
    case finding_kind::fetch_failed:
      return "fetch-failed";
    case finding_kind::format_error:
      return "format-error";
    case finding_kind::lint_problem:
      return "lint";
    case finding_kind::missing_metric:
      return "missing-metric";
    case finding_kind::wrong_type:
      return "wrong-type";
    case finding_kind::missing_label:
      return "missing-label";
    case finding_kind::value_out_of_range:
      return "value-out-of-range";
    case finding_kind::forbidden_metric:
      return "forbidden-metric";
    case finding_kind::unexpected_metric:
      return "unexpected-metric";
    case finding_kind::dashboard_unreadable:
      return "dashboard-unreadable";
    case finding_kind::substitution_failed:
      return "substitution-failed";
    case finding_kind::syntax_error:
      return "syntax-error";
    case finding_kind::unknown_metric:
      return "unknown-metric";
    case finding_kind::counter_without_rate:
      return "counter-without-rate";
    case finding_kind::unchecked_selector:
      return "unchecked-selector";
    case finding_kind::prometheus_unavailable:
      return "prometheus-unavailable";
    case finding_kind::target_not_scraped:
      return "target-not-scraped";
    case finding_kind::query_rejected:
      return "query-rejected";
    case finding_kind::query_failed:
      return "query-failed";
    case finding_kind::no_data:
      return "no-data";
  }
  return "unknown";
}

std::string to_string(const finding& f) {
  return std::string(f.level == severity::error ? "error" : "warning") + " [" + std::string(to_string(f.kind)) + "] " +
         f.message;
}

std::vector<finding> select(const std::vector<finding>& all, std::initializer_list<finding_kind> kinds) {
  std::vector<finding> out;
  for (const auto& f : all) {
    if (std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end()) out.push_back(f);
  }
  return out;
}

std::size_t error_count(const std::vector<finding>& all) {
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [](const finding& f) { return f.level == severity::error; }));
}

std::string format_findings(const std::vector<finding>& all) {
  std::string out;
  for (const auto& f : all) out += to_string(f) + "\n";
  return out;
}

}  // namespace shield::metrics
