#include "support/report/compare/compare_cases.hpp"

#include "support/report/compare/compare_format.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace shield::report {

namespace {

double change_percent(double base, double contender) {
  if (base == contender) return 0.0;
  if (base == 0.0)
    return contender > 0.0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  return (contender - base) / std::fabs(base) * 100.0;
}

// Sets effect and significance of one row under the rules.
void judge_row(counter_row& row, const compare_options& options) {
  if (row.test) row.significant = row.test->p_value < options.alpha;
  // Without a test the plain threshold decides alone.
  const bool decisive = row.test ? row.significant : true;
  // Positive `gain` is an improvement whichever way the counter points.
  const double gain = row.spec.direction == better_when::higher ? row.change_percent : -row.change_percent;
  double margin = 0.0;
  switch (row.spec.rule) {
    case counter_rule::throughput:
      margin = options.max_rps_drop;
      break;
    case counter_rule::latency:
      margin = options.max_latency_rise;
      break;
    case counter_rule::success:
      if (row.contender < options.min_success_rate) row.effect = counter_effect::worse;
      return;
    case counter_rule::shown:
      return;
  }
  if (!decisive || std::isnan(gain)) return;
  if (gain < -margin)
    row.effect = counter_effect::worse;
  else if (gain > margin)
    row.effect = counter_effect::better;
}

std::string reason_of(const counter_row& row, const compare_options& options) {
  std::string text = std::string{row.spec.name} + " " + format_value(row.base) + " -> " + format_value(row.contender);
  if (row.spec.rule == counter_rule::success)
    return text + " (below the " + format_plain(options.min_success_rate) + "% minimum)";
  text += " (" + format_change(row.change_percent) + ", ";
  text += row.test ? "p=" + format_p(row.test->p_value) : std::string{"no test"};
  return text + ")";
}

std::string failed_note(std::string_view side, std::size_t failed, std::size_t total, const std::string& message) {
  return std::string{side} + ": " + std::to_string(failed) + " of " + std::to_string(total) +
         " repetitions failed: " + message;
}

case_comparison compare_case(const bench_case& b, const bench_case& c, const compare_options& options) {
  case_comparison out;
  out.run_name = b.run_name;
  out.base_repetitions = good_repetitions(b);
  out.contender_repetitions = good_repetitions(c);
  out.statistical = out.base_repetitions >= 2 && out.contender_repetitions >= 2;
  out.base_label = labels_of(b);
  out.contender_label = labels_of(c);

  // Failed repetitions: the contender's fail the case, the base's only leave a note.
  if (const auto failed = c.repetitions.size() - std::min(c.repetitions.size(), out.contender_repetitions); failed != 0)
    out.reasons.push_back(failed_note("contender", failed, c.repetitions.size(), first_error(c)));
  if (const auto failed = b.repetitions.size() - std::min(b.repetitions.size(), out.base_repetitions); failed != 0)
    out.notes.push_back(failed_note("base", failed, b.repetitions.size(), first_error(b)));

  // Nothing to compare when either side has no good repetition.
  const bool comparable = out.base_repetitions != 0 && out.contender_repetitions != 0;
  for (const counter_spec& spec : compared_counters) {
    if (!comparable) break;
    auto base_values = counter_samples(b, spec.name);
    auto contender_values = counter_samples(c, spec.name);
    if (base_values.empty() && contender_values.empty()) continue;
    // A missing counter means no data (e.g. no successful request to time), never zero.
    if (base_values.empty() || contender_values.empty()) {
      out.notes.push_back(std::string{spec.name} + " only in the " + (base_values.empty() ? "contender" : "base") +
                          ": no data in the " + (base_values.empty() ? "base" : "contender"));
      continue;
    }
    counter_row row;
    row.spec = spec;
    row.base = *median_of(base_values);
    row.contender = *median_of(contender_values);
    row.change_percent = change_percent(row.base, row.contender);
    if (base_values.size() >= 2 && contender_values.size() >= 2)
      row.test = mann_whitney_u(base_values, contender_values);
    row.base_values = std::move(base_values);
    row.contender_values = std::move(contender_values);
    judge_row(row, options);
    out.rows.push_back(std::move(row));
  }

  // Regressions win over improvements; reasons list the counters that decided.
  const bool contender_failed = !out.reasons.empty();
  const auto any = [&](counter_effect e) {
    return std::any_of(out.rows.begin(), out.rows.end(), [e](const counter_row& r) { return r.effect == e; });
  };
  if (contender_failed || any(counter_effect::worse)) {
    out.result = verdict::regressed;
    for (const auto& row : out.rows)
      if (row.effect == counter_effect::worse) out.reasons.push_back(reason_of(row, options));
  } else if (any(counter_effect::better)) {
    out.result = verdict::improved;
    for (const auto& row : out.rows)
      if (row.effect == counter_effect::better) out.reasons.push_back(reason_of(row, options));
  }
  return out;
}

void warn_if_differs(std::vector<std::string>& warnings, std::string_view what, std::string_view key,
                     const std::string& base, const std::string& contender) {
  if (base.empty() || contender.empty() || base == contender) return;
  warnings.push_back(std::string{what} + ": " + std::string{key} + " '" + base + "' (base) vs '" + contender +
                     "' (contender)");
}

void add_context_warnings(comparison_report& r) {
  const bench_context& b = r.base_context;
  const bench_context& c = r.contender_context;
  warn_if_differs(r.warnings, "runs come from different machines", "host_name", b.host_name, c.host_name);
  if (b.num_cpus > 0 && c.num_cpus > 0 && b.num_cpus != c.num_cpus)
    r.warnings.push_back("runs come from different machines: num_cpus " + std::to_string(b.num_cpus) + " (base) vs " +
                         std::to_string(c.num_cpus) + " (contender)");
  warn_if_differs(r.warnings, "different build types", "library_build_type", b.library_build_type,
                  c.library_build_type);
  warn_if_differs(r.warnings, "different build types", "shield_build_type", b.shield_build_type, c.shield_build_type);
  warn_if_differs(r.warnings, "different presets", "shield_preset", b.shield_preset, c.shield_preset);
  if (b.cpu_scaling_enabled || c.cpu_scaling_enabled)
    r.warnings.push_back(std::string{"CPU frequency scaling was enabled on the "} +
                         (b.cpu_scaling_enabled && c.cpu_scaling_enabled ? "base and contender machines"
                          : b.cpu_scaling_enabled                        ? "base machine"
                                                                         : "contender machine") +
                         ": timings are noisier");
}

// Warns when the repetition counts make significance at alpha impossible.
void add_power_warnings(comparison_report& r) {
  std::set<std::pair<std::size_t, std::size_t>> sizes;
  for (const auto& c : r.cases)
    if (c.statistical) sizes.emplace(c.base_repetitions, c.contender_repetitions);
  for (const auto& [nb, nc] : sizes) {
    const double floor_p = mann_whitney_min_p(nb, nc);
    if (floor_p < r.options.alpha) continue;
    std::size_t needed = 2;
    while (needed < mw_exact_cap && mann_whitney_min_p(needed, needed) >= r.options.alpha) ++needed;
    r.warnings.push_back("with " + std::to_string(nb) + " vs " + std::to_string(nc) +
                         " repetitions no change can reach p < " + format_plain(r.options.alpha) +
                         " (smallest possible p = " + format_p(floor_p) +
                         "): only the success-rate rule and failed runs can fail a case; use --benchmark_repetitions=" +
                         std::to_string(needed) + " or more");
  }
}

std::string list_some(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > 5) out += ", ... (" + std::to_string(names.size()) + " in all)";
  return out;
}

}  // namespace

std::size_t comparison_report::count(verdict v) const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [v](const case_comparison& c) { return c.result == v; }));
}

std::size_t comparison_report::non_statistical_cases() const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [](const case_comparison& c) { return !c.statistical; }));
}

base::result<comparison_report> compare_runs(const bench_run& base, const bench_run& contender,
                                             const compare_options& options) {
  comparison_report r;
  r.base_source = base.source;
  r.contender_source = contender.source;
  r.base_context = base.context;
  r.contender_context = contender.context;
  r.options = options;

  for (const auto& b : base.cases) {
    if (const bench_case* c = contender.find(b.run_name))
      r.cases.push_back(compare_case(b, *c, options));
    else
      r.only_in_base.push_back(b.run_name);
  }
  for (const auto& c : contender.cases)
    if (!base.find(c.run_name)) r.only_in_contender.push_back(c.run_name);

  if (r.cases.empty()) {
    return base::fail("no case in common between '" + base.source + "' (" + list_some(r.only_in_base) + ") and '" +
                      contender.source + "' (" + list_some(r.only_in_contender) + ")");
  }
  add_context_warnings(r);
  add_power_warnings(r);
  return r;
}

std::string statistics_note(const comparison_report& report) {
  const std::size_t plain = report.non_statistical_cases();
  if (plain == 0) return {};
  return std::to_string(plain) + " of " + std::to_string(report.cases.size()) +
         " cases have fewer than 2 repetitions per side: their verdicts use plain thresholds, not a statistical test";
}

std::string_view to_string(verdict v) noexcept {
  switch (v) {
    case verdict::improved:
      return "improved";
    case verdict::regressed:
      return "regressed";
    case verdict::same:
      break;
  }
  return "same";
}

std::string_view to_string(counter_effect e) noexcept {
  switch (e) {
    case counter_effect::better:
      return "better";
    case counter_effect::worse:
      return "worse";
    case counter_effect::none:
      break;
  }
  return "";
}

}  // namespace shield::report
