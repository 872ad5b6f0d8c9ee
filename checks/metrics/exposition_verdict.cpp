#include "checks/metrics/exposition_verdict.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

namespace shield::metrics {
namespace {

using expected::metric_expectation;

// name{a="x",b="y"} as the sample was written.
std::string series_text(const prom::sample& s) {
  std::string out(s.name);
  if (!s.labels.empty()) {
    out += '{';
    for (std::size_t i = 0; i < s.labels.size(); ++i) {
      out += (i ? "," : "") + std::string(s.labels[i].name) + "=\"" + std::string(s.labels[i].value) + '"';
    }
    out += '}';
  }
  return out;
}

std::string number_text(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

std::string type_name(prom::metric_type t) { return std::string(prom::to_string(t)); }

// The exposition family an expected name refers to (OpenMetrics counters drop _total).
const prom::metric_family* find_family(const prom::exposition& parsed, std::string_view name) {
  if (const auto* f = parsed.find(name)) return f;
  if (parsed.format == prom::exposition_format::openmetrics && name.ends_with("_total")) {
    const auto* f = parsed.find(name.substr(0, name.size() - 6));
    if (f && f->type == prom::metric_type::counter) return f;
  }
  return nullptr;
}

// Samples that carry the family's value (not _created, _bucket, ...).
bool is_value_sample(const prom::metric_family& family, const prom::sample& s) {
  const std::string_view suffix = s.name.substr(family.name.size());
  return suffix.empty() || (family.type == prom::metric_type::counter && suffix == "_total");
}

const expected::alternate_type* alternate_for(const metric_expectation& m, prom::metric_type type) {
  for (const auto& alt : m.also_accept) {
    if (alt.type == type) return &alt;
  }
  return nullptr;
}

class verdict_builder {
 public:
  verdict_builder(const prom::metrics_check& checked, const expected::expected_metrics& expected,
                  const exposition_verdict_options& options)
      : parsed_(checked.parsed), checked_(checked), expected_(expected), options_(options) {}

  std::vector<finding> run() {
    format_errors();
    lint_problems();
    for (const auto& m : expected_.metrics) expected_metric(m);
    other_families();
    return std::move(out_);
  }

 private:
  void add(severity level, finding_kind kind, std::string subject, std::string message) {
    out_.push_back(finding{level, kind, std::move(subject), std::move(message)});
  }

  void format_errors() {
    const auto& errors = parsed_.errors;
    const std::size_t shown = std::min(errors.size(), options_.max_format_errors);
    for (std::size_t i = 0; i < shown; ++i) {
      add(severity::error, finding_kind::format_error, "line " + std::to_string(errors[i].line),
          "exposition line " + std::to_string(errors[i].line) + " [" + std::string(errors[i].rule) +
              "]: " + errors[i].message);
    }
    if (errors.size() > shown || parsed_.errors_truncated) {
      add(severity::error, finding_kind::format_error, "exposition",
          "exposition: " + std::to_string(errors.size() - shown) + (parsed_.errors_truncated ? "+" : "") +
              " more format errors not listed");
    }
  }

  // Severity of a lint on a family: tolerated ones are warnings.
  severity lint_severity(const prom::lint_problem& p) const {
    if (expected_.accepted(p.metric)) return severity::warning;
    const metric_expectation* m = expected_.find(p.metric);
    const prom::metric_family* f = m ? find_family(parsed_, m->name) : nullptr;
    if (m && f) {
      if (const auto* alt = alternate_for(*m, f->type)) {
        if (std::find(alt->warn_lints.begin(), alt->warn_lints.end(), p.lint) != alt->warn_lints.end())
          return severity::warning;
      }
    }
    return severity::error;
  }

  void lint_problems() {
    std::set<std::string> seen;  // promlint repeats a problem per series; one message each is enough
    for (const auto& p : checked_.problems) {
      const std::string text = p.metric + " " + p.text;
      if (!seen.insert(text).second) continue;
      const severity level = lint_severity(p);
      std::string message = "lint (" + std::string(p.lint) + "): " + text;
      if (level == severity::warning) message += " (tolerated by the expected-metrics file)";
      add(level, finding_kind::lint_problem, p.metric, std::move(message));
    }
  }

  void expected_metric(const metric_expectation& m) {
    const prom::metric_family* f = find_family(parsed_, m.name);
    if (!f || f->samples.empty()) {
      if (!m.required) return;
      std::string why = f ? "is declared but has no samples" : "is not exposed";
      add(severity::error, finding_kind::missing_metric, m.name,
          "expected metric " + m.name + " (" + type_name(m.type) + (m.help.empty() ? "" : ", " + m.help) + ") " + why);
      return;
    }
    if (f->type != m.type) {
      if (const auto* alt = alternate_for(m, f->type)) {
        add(severity::warning, finding_kind::wrong_type, m.name,
            m.name + " is a " + type_name(f->type) + ", expected " + type_name(m.type) + "; tolerated: " + alt->reason);
      } else {
        add(severity::error, finding_kind::wrong_type, m.name,
            m.name + " is exposed as " + type_name(f->type) + " (line " + std::to_string(f->line) + "), expected " +
                type_name(m.type));
      }
    }
    labels(m, *f);
    values(m, *f);
  }

  void labels(const metric_expectation& m, const prom::metric_family& f) {
    for (const auto& wanted : m.labels) {
      std::size_t missing = 0;
      std::string examples;
      for (const auto& s : f.samples) {
        if (s.name.ends_with("_created") && s.name.size() > f.name.size()) continue;
        const bool has = std::any_of(s.labels.begin(), s.labels.end(),
                                     [&](const prom::label& l) { return l.name == wanted && !l.value.empty(); });
        if (has) continue;
        if (missing++ < options_.max_examples)
          examples += (examples.empty() ? "" : ", ") + series_text(s) + " (line " + std::to_string(s.line) + ")";
      }
      if (missing > 0) {
        add(severity::error, finding_kind::missing_label, m.name,
            m.name + ": " + std::to_string(missing) + " of " + std::to_string(f.samples.size()) +
                " samples lack label \"" + wanted + "\", e.g. " + examples);
      }
    }
  }

  void values(const metric_expectation& m, const prom::metric_family& f) {
    if (m.value.empty()) return;
    std::size_t bad = 0, checked = 0;
    std::string examples;
    for (const auto& s : f.samples) {
      if (!is_value_sample(f, s)) continue;
      ++checked;
      if (m.value.holds(s.value)) continue;
      if (bad++ < options_.max_examples)
        examples += (examples.empty() ? "" : ", ") + series_text(s) + " = " + number_text(s.value) + " (line " +
                    std::to_string(s.line) + ")";
    }
    if (bad > 0) {
      add(severity::error, finding_kind::value_out_of_range, m.name,
          m.name + ": " + std::to_string(bad) + " of " + std::to_string(checked) + " samples break " +
              m.value.describe(m.name) + ": " + examples);
    }
  }

  void other_families() {
    for (const auto& f : parsed_.families) {
      const std::string name(f.name);
      const bool expected_name =
          expected_.find(name) || (f.type == prom::metric_type::counter && expected_.find(name + "_total"));
      if (const auto* forbidden = expected_.forbidden_match(name)) {
        add(severity::error, finding_kind::forbidden_metric, name,
            "target exposes " + name + " (line " + std::to_string(f.line) + "): " + forbidden->reason);
      } else if (!expected_name && !expected_.accepted(name)) {
        add(severity::warning, finding_kind::unexpected_metric, name,
            "target exposes " + name + " (" + type_name(f.type) + "), which " + expected_.source + " does not list");
      }
    }
  }

  const prom::exposition& parsed_;              // the parsed text
  const prom::metrics_check& checked_;          // parse + lint result
  const expected::expected_metrics& expected_;  // what should be there
  const exposition_verdict_options& options_;   // message limits
  std::vector<finding> out_;                    // findings in check order
};

}  // namespace

std::vector<finding> verify_exposition(const prom::metrics_check& checked, const expected::expected_metrics& expected,
                                       const exposition_verdict_options& options) {
  return verdict_builder(checked, expected, options).run();
}

}  // namespace shield::metrics
