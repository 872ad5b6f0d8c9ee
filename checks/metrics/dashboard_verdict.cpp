#include "checks/metrics/dashboard_verdict.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "support/base/read_file.hpp"
#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/dashboard_walker.hpp"
#include "support/grafana/template_substitution.hpp"
#include "support/grafana/template_variables.hpp"
#include "support/prom/promql_analyzer.hpp"

#include <re2/re2.h>

namespace shield::metrics {
namespace {

std::string_view match_phrase(prom::name_match match) {
  switch (match) {
    case prom::name_match::regex:
      return "selects metrics by a __name__ regex";
    case prom::name_match::not_equal:
      return "selects every metric but one (__name__!=)";
    case prom::name_match::not_regex:
      return "selects metrics by a negated __name__ regex";
    case prom::name_match::templated:
      return "names its metric through a variable left after substitution";
    case prom::name_match::any:
      return "selects series without a metric name";
    case prom::name_match::exact:
      break;
  }
  return "selects";
}

// Checks of one query; dedupes (kind, metric) so a metric read twice is reported once.
class query_checker {
 public:
  query_checker(const prepared_query& q, const metric_catalog& catalog, const expected::expected_metrics& expected,
                std::vector<finding>& out)
      : q_(q), catalog_(catalog), expected_(expected), out_(out) {}

  void run() {
    const prom::promql_analysis analysis = prom::analyze_promql(q_.promql);
    if (!analysis.ok()) {
      const auto& e = *analysis.error;
      add(severity::error, finding_kind::syntax_error, "",
          "PromQL syntax error at line " + std::to_string(e.line) + ", column " + std::to_string(e.column) + ": " +
              e.message + " in `" + q_.promql + "`");
      return;
    }
    for (const auto& ref : analysis.metrics) {
      if (ref.match == prom::name_match::exact) {
        exact(ref);
      } else if (ref.match == prom::name_match::regex) {
        regex(ref);
      } else {
        add(severity::warning, finding_kind::unchecked_selector, ref.name,
            std::string(match_phrase(ref.match)) + " (`" + ref.name + "`), which this check cannot resolve");
      }
    }
  }

 private:
  void add(severity level, finding_kind kind, const std::string& metric, std::string text) {
    if (!reported_.emplace(kind, metric).second) return;
    out_.push_back(finding{level, kind, q_.query.name, q_.query.name + ": " + std::move(text)});
  }

  void exact(const prom::metric_reference& ref) {
    if (const auto* forbidden = expected_.forbidden_match(ref.name)) {
      std::string text = "reads " + ref.name + ", which " + expected_.source + " forbids (" + forbidden->reason + "); ";
      if (const auto* instead = expected_.replacement_for(ref.name)) {
        text += "use " + instead->name + (instead->help.empty() ? "" : " (" + instead->help + ")") + " instead";
      } else {
        text += "no backend metric replaces it: drop the query";
      }
      add(severity::error, finding_kind::forbidden_metric, ref.name, std::move(text));
      return;
    }
    const auto resolved = catalog_.resolve(ref.name);
    if (!resolved) {
      std::string text =
          "reads " + ref.name + ", which " +
          (catalog_.from_prometheus ? "no target of that Prometheus exposes" : "the target does not expose") +
          " (per " + catalog_.source + ")";
      if (const auto near = closest_name(catalog_, ref.name)) text += "; did you mean " + *near + "?";
      add(severity::error, finding_kind::unknown_metric, ref.name, std::move(text));
      return;
    }
    // Variables read label values, and count()/absent()/count_values() count series: a counter's
    // raw value does not matter to either.
    if (resolved->cumulative && !ref.rate_wrapped && !counts_series(ref) &&
        q_.query.origin != grafana::query_origin::template_variable) {
      add(severity::error, finding_kind::counter_without_rate, ref.name,
          "reads counter " + ref.name +
              " without rate() or increase(): its raw value only grows since the "
              "process started; wrap it, e.g. rate(" +
              ref.name + "[$__rate_interval])");
    }
  }

  // {__name__=~"..."}: resolved against the catalog's series names (Prometheus anchors the regex);
  // each match is then checked like an exact name, and matching none is an unknown metric.
  void regex(const prom::metric_reference& ref) {
    RE2::Options options;
    options.set_log_errors(false);
    const RE2 pattern(ref.name, options);
    if (!pattern.ok()) {
      add(severity::error, finding_kind::syntax_error, ref.name,
          "__name__ regex `" + ref.name + "` does not compile: " + pattern.error());
      return;
    }
    std::vector<std::string> matched;
    for (const auto& name : catalog_.series_names()) {
      if (RE2::FullMatch(name, pattern)) matched.push_back(name);
    }
    if (matched.empty()) {
      add(severity::error, finding_kind::unknown_metric, ref.name,
          "selects metrics by the __name__ regex `" + ref.name + "`, which matches no metric " +
              (catalog_.from_prometheus ? "of that Prometheus" : "the target exposes") + " (per " + catalog_.source +
              ")");
      return;
    }
    for (const auto& name : matched) {
      prom::metric_reference one = ref;
      one.name = name;
      one.match = prom::name_match::exact;
      exact(one);
    }
  }

  const prepared_query& q_;                                  // the query under check
  const metric_catalog& catalog_;                            // what the target (or a Prometheus) has
  const expected::expected_metrics& expected_;               // forbidden patterns and replacements
  std::vector<finding>& out_;                                // destination
  std::set<std::pair<finding_kind, std::string>> reported_;  // (kind, metric) already reported
};

prepared_dashboard prepare(const grafana::walk_result& walked, const boost::json::value* root, std::string source,
                           const grafana::substitution_settings& settings, const variable_inputs& inputs) {
  prepared_dashboard out;
  out.source = std::move(source);
  for (const auto& e : walked.errors) {
    out.problems.push_back(finding{severity::error, finding_kind::dashboard_unreadable, out.source,
                                   out.source + ": " + grafana::to_string(e)});
  }
  if (!root) return out;
  auto variables = grafana::read_variables(*root);
  for (const auto& e : variables.errors) {
    out.problems.push_back(finding{severity::error, finding_kind::dashboard_unreadable, out.source,
                                   out.source + ": " + grafana::to_string(e)});
  }
  grafana::resolution_result resolved =
      grafana::resolve_variables(std::move(variables.variables), inputs.overrides, inputs.source, settings);
  for (const auto& u : resolved.unresolved) {
    // A --var naming no variable is a usage error; a variable without a value shows in its queries.
    const bool stray_override = u.reason.starts_with("--var");
    out.problems.push_back(finding{
        stray_override ? severity::error : severity::warning, finding_kind::substitution_failed, "variable " + u.name,
        out.source + ": " + (stray_override ? u.reason : "variable " + u.name + " " + u.reason)});
  }
  out.notes = std::move(resolved.notes);
  const grafana::template_substituter substituter(std::move(resolved.variables), settings);
  for (const auto& query : walked.queries) {
    prepared_query p;
    p.query = query;
    if (!query.expr.empty()) {
      auto result = substituter.substitute(query);
      p.substituted = result.has_value();
      if (result) {
        p.promql = std::move(*result);
      } else {
        out.problems.push_back(finding{severity::error, finding_kind::substitution_failed, query.name,
                                       query.name + ": " + result.error().message});
      }
    } else {
      p.substituted = true;
    }
    out.queries.push_back(std::move(p));
  }
  return out;
}

}  // namespace

bool counts_series(const prom::metric_reference& ref) {
  constexpr std::string_view counting[] = {"count",           "count_values",     "group",
                                           "absent",          "absent_over_time", "present_over_time",
                                           "count_over_time", "timestamp"};
  return std::any_of(ref.enclosing.begin(), ref.enclosing.end(), [&](const std::string& f) {
    return std::find(std::begin(counting), std::end(counting), f) != std::end(counting);
  });
}

std::size_t prepared_dashboard::checkable() const {
  return static_cast<std::size_t>(
      std::count_if(queries.begin(), queries.end(), [](const prepared_query& q) { return !q.promql.empty(); }));
}

std::size_t prepared_dashboard::not_checked() const {
  return static_cast<std::size_t>(
      std::count_if(queries.begin(), queries.end(), [](const prepared_query& q) { return !q.substituted; }));
}

prepared_dashboard prepare_dashboard_text(std::string_view text, std::string source,
                                          const grafana::substitution_settings& settings,
                                          const variable_inputs& inputs) {
  const auto document = grafana::parse_document(text);
  if (!document) {
    prepared_dashboard out;
    out.source = source;
    out.problems.push_back(
        finding{severity::error, finding_kind::dashboard_unreadable, source, source + ": " + document.error().message});
    return out;
  }
  return prepare(grafana::walk_dashboard(*document), &*document, std::move(source), settings, inputs);
}

prepared_dashboard prepare_dashboard_file(const std::string& file, const grafana::substitution_settings& settings,
                                          const variable_inputs& inputs) {
  const auto text = base::read_file(file);
  if (!text) {
    prepared_dashboard out;
    out.source = file;
    out.problems.push_back(finding{severity::error, finding_kind::dashboard_unreadable, file, text.error().message});
    return out;
  }
  return prepare_dashboard_text(*text, file, settings, inputs);
}

std::vector<finding> check_dashboard_queries(const prepared_dashboard& dashboard, const metric_catalog& catalog,
                                             const expected::expected_metrics& expected) {
  std::vector<finding> out;
  for (const auto& q : dashboard.queries) {
    if (!q.substituted || q.promql.empty()) continue;
    query_checker(q, catalog, expected, out).run();
  }
  return out;
}

std::vector<finding> check_dashboard(const std::string& file, const metric_catalog& catalog,
                                     const expected::expected_metrics& expected,
                                     const grafana::substitution_settings& settings) {
  const prepared_dashboard dashboard = prepare_dashboard_file(file, settings);
  std::vector<finding> out = dashboard.problems;
  auto queries = check_dashboard_queries(dashboard, catalog, expected);
  out.insert(out.end(), std::make_move_iterator(queries.begin()), std::make_move_iterator(queries.end()));
  return out;
}

}  // namespace shield::metrics
