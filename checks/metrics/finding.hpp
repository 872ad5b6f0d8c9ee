#pragma once
// A verdict of the metrics and dashboard checks: one message per problem, with its severity.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace shield::metrics {

// Errors fail a check; warnings are printed and never fail.
enum class severity { error, warning };

// What a finding is about; each check asserts on its own kinds.
enum class finding_kind {
  // exposition (/metrics of the target)
  fetch_failed,        // /metrics could not be fetched
  format_error,        // the text violates the exposition format
  lint_problem,        // promtool-style naming or structure lint
  missing_metric,      // an expected metric is absent or has no samples
  wrong_type,          // an expected metric has another type
  missing_label,       // series lack a required label
  value_out_of_range,  // samples break the metric's value rule
  forbidden_metric,    // a forbidden family (node_*) is exposed or queried
  unexpected_metric,   // a family the expected-metrics file does not list (warning)
  // dashboard
  dashboard_unreadable,  // not JSON, no dashboard, structural errors
  substitution_failed,   // template variables could not be replaced
  syntax_error,          // PromQL does not parse
  unknown_metric,        // a query reads a metric the target does not expose
  counter_without_rate,  // a counter read outside rate()/increase()
  unchecked_selector,    // a selector by name pattern or without a name (warning)
  // a real Prometheus
  prometheus_unavailable,  // no Prometheus configured or it does not answer
  target_not_scraped,      // Prometheus does not scrape the target (or not recently)
  query_rejected,          // Prometheus answered bad_data
  query_failed,            // any other error answer or no answer
  no_data,                 // the query returned nothing
};

// One problem, in a sentence that names the metric or the dashboard query.
struct finding {
  severity level = severity::error;                // error fails the check
  finding_kind kind = finding_kind::format_error;  // category
  std::string subject;                             // metric name or dashboard query name
  std::string message;                             // full sentence, subject included
};

// Stable id of a kind, e.g. "counter-without-rate".
[[nodiscard]] std::string_view to_string(finding_kind kind);

// "error [counter-without-rate] <message>".
[[nodiscard]] std::string to_string(const finding& f);

// Findings of the given kinds, in order.
[[nodiscard]] std::vector<finding> select(const std::vector<finding>& all, std::initializer_list<finding_kind> kinds);

// Number of errors.
[[nodiscard]] std::size_t error_count(const std::vector<finding>& all);

// One finding per line (to_string form).
[[nodiscard]] std::string format_findings(const std::vector<finding>& all);

}  // namespace shield::metrics
