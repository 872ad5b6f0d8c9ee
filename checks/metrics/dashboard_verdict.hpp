#pragma once
// Verdict on a Grafana dashboard's queries: each parses as PromQL after template substitution,
// reads only metrics the catalog has, no forbidden (node_*) metric, counters only through rate-like
// functions. One finding per fault, each naming the query (row / panel / target) it comes from.

#include <string>
#include <string_view>
#include <vector>

#include "fixtures/expected_metrics/expected_metrics.hpp"
#include "checks/metrics/finding.hpp"
#include "support/grafana/builtin_variables.hpp"
#include "support/grafana/dashboard_query.hpp"
#include "support/grafana/variable_resolution.hpp"
#include "support/prom/promql_analyzer.hpp"
#include "checks/metrics/metric_catalog.hpp"

namespace shield::metrics {

// One dashboard query ready to check or to send.
struct prepared_query {
  grafana::dashboard_query query;  // as walked (name, path, origin, raw text)
  std::string promql;              // variables substituted; empty when it reads no series or substitution failed
  bool substituted = false;        // substitution succeeded
};

// A dashboard read for checking.
struct prepared_dashboard {
  std::string source;                   // file name (or a label for text input)
  std::vector<prepared_query> queries;  // PromQL queries in document order
  std::vector<finding> problems;        // unreadable document, structural errors, failed substitutions
  std::vector<std::string> notes;       // how variables were resolved (printed, never failing)

  // Queries with PromQL after substitution (the ones a check can look at).
  [[nodiscard]] std::size_t checkable() const;
  // Queries left unchecked because substitution failed (a variable without a value).
  [[nodiscard]] std::size_t not_checked() const;
};

// Where template variables get values beyond what the dashboard saved.
struct variable_inputs {
  std::vector<grafana::variable_override> overrides;  // --var NAME=VALUE[,VALUE...]
  grafana::variable_source* source = nullptr;         // query variables run here (Prometheus), when set
};

// Read inside count(), count_values(), group(), absent() and their _over_time forms, or timestamp():
// series are counted, values unread, so a counter there needs no rate().
[[nodiscard]] bool counts_series(const prom::metric_reference& ref);

// Walks the dashboard and substitutes its variables as Grafana would with `settings`.
[[nodiscard]] prepared_dashboard prepare_dashboard_text(std::string_view text, std::string source,
                                                        const grafana::substitution_settings& settings = {},
                                                        const variable_inputs& inputs = {});
[[nodiscard]] prepared_dashboard prepare_dashboard_file(const std::string& file,
                                                        const grafana::substitution_settings& settings = {},
                                                        const variable_inputs& inputs = {});

// Findings on the prepared queries (problems of preparation not repeated).
[[nodiscard]] std::vector<finding> check_dashboard_queries(const prepared_dashboard& dashboard,
                                                           const metric_catalog& catalog,
                                                           const expected::expected_metrics& expected);

// prepare_dashboard_file + check_dashboard_queries: preparation problems first, then query findings.
[[nodiscard]] std::vector<finding> check_dashboard(const std::string& file, const metric_catalog& catalog,
                                                   const expected::expected_metrics& expected,
                                                   const grafana::substitution_settings& settings = {});

}  // namespace shield::metrics
