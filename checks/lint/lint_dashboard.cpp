#include "checks/lint/lint_dashboard.hpp"

#include <optional>
#include <ostream>

#include "checks/metrics/dashboard_verdict.hpp"
#include "checks/metrics/prometheus_catalog.hpp"
#include "checks/metrics/prometheus_variables.hpp"
#include "checks/metrics/prometheus_verdict.hpp"
#include "fixtures/expected_metrics/expected_metrics_loader.hpp"
#include "support/prom/promql_analyzer.hpp"

namespace shield::lint {
namespace {

using metrics::finding;
using metrics::finding_kind;
using metrics::severity;

// Without a Prometheus: syntax and types, Shield-only rules, and the naming heuristic for counters
// (a *_total series read without rate() is a lint, as grafana/dashboard-linter does).
std::vector<finding> offline_findings(const metrics::prepared_dashboard& d, const expected::expected_metrics& rules) {
  std::vector<finding> out;
  for (const metrics::prepared_query& q : d.queries) {
    if (!q.substituted || q.promql.empty()) continue;
    const prom::promql_analysis a = prom::analyze_promql(q.promql);
    if (!a.ok()) {
      out.push_back({severity::error, finding_kind::syntax_error, q.query.name,
                     q.query.name + ": PromQL error at line " + std::to_string(a.error->line) + ", column " +
                         std::to_string(a.error->column) + ": " + a.error->message + " in `" + q.promql + "`"});
      continue;
    }
    for (const prom::metric_reference& ref : a.metrics) {
      if (ref.match != prom::name_match::exact) continue;
      if (const auto* forbidden = rules.forbidden_match(ref.name)) {
        out.push_back({severity::error, finding_kind::forbidden_metric, q.query.name,
                       q.query.name + ": reads " + ref.name + " (" + forbidden->reason + ")"});
        continue;
      }
      // The expected-metrics file's type wins over the name (Shield's *_sessions_total are gauges).
      const auto* known = rules.find(ref.name);
      const bool counter = known != nullptr ? known->type == prom::metric_type::counter : ref.name.ends_with("_total");
      if (counter && !ref.rate_wrapped && !metrics::counts_series(ref) &&
          q.query.origin != grafana::query_origin::template_variable) {
        out.push_back({severity::warning, finding_kind::counter_without_rate, q.query.name,
                       q.query.name + ": reads " + ref.name + " (a counter by its name) without rate() or increase()"});
      }
    }
  }
  return out;
}

}  // namespace

int lint_dashboard(std::string_view text, const std::string& name, const lint_options& options, std::ostream& out,
                   std::ostream& err) {
  expected::expected_metrics rules;  // Shield-only rules: none unless a file is given
  if (!options.expected_metrics.empty()) {
    const expected::load_result loaded = expected::load_expected_metrics(options.expected_metrics);
    if (!loaded.ok()) {
      err << "shield_lint: " << loaded.error_text() << "\n";
      return exit_usage;
    }
    rules = *loaded.metrics;
  }
  std::optional<prom::prom_api_client> client;
  std::optional<metrics::prometheus_variable_source> source;
  metrics::variable_inputs inputs{options.variables, nullptr};
  if (!options.prometheus_url.empty()) {
    const auto url = http::parse_url(options.prometheus_url);
    if (!url) {
      err << "shield_lint: --prometheus=" << options.prometheus_url << ": not a URL\n";
      return exit_usage;
    }
    http::client_options timeouts;
    timeouts.request_timeout = std::chrono::seconds(20);
    client.emplace(*url, timeouts);
    source.emplace(*client);
    inputs.source = &*source;
  }
  const metrics::prepared_dashboard d = metrics::prepare_dashboard_text(text, name, {}, inputs);
  std::vector<finding> findings = d.problems;
  for (const std::string& note : d.notes) err << name << ": note: " << note << "\n";
  if (client) {
    auto catalog = metrics::catalog_from_prometheus(*client);
    if (!catalog) {
      findings.push_back({severity::error, finding_kind::prometheus_unavailable, name, catalog.error().message});
    } else {
      auto checked = metrics::check_dashboard_queries(d, *catalog, rules);
      findings.insert(findings.end(), checked.begin(), checked.end());
      auto live = metrics::run_dashboard_queries(*client, d);
      findings.insert(findings.end(), live.begin(), live.end());
    }
  } else {
    auto offline = offline_findings(d, rules);
    findings.insert(findings.end(), offline.begin(), offline.end());
  }
  std::size_t errors = 0;
  for (const finding& f : findings) {
    out << name << ": " << metrics::to_string(f.kind) << ": " << (f.level == severity::error ? "" : "(lint) ")
        << f.message << "\n";
    errors += f.level == severity::error ? 1 : 0;
  }
  err << name << ": " << d.checkable() << " of " << d.queries.size() << " queries checked"
      << (d.not_checked() > 0 ? ", " + std::to_string(d.not_checked()) + " not checked" : std::string()) << ", "
      << errors << " error(s), " << findings.size() - errors << " lint problem(s)"
      << (client ? "" : " (offline: give --prometheus=URL for metric names, types and live queries)") << "\n";
  if (errors > 0 || d.not_checked() > 0) return exit_findings;
  return findings.empty() ? exit_clean : exit_lint_only;
}

}  // namespace shield::lint
