#include "support/report/compare/compare_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>

namespace shield::report {

namespace {

namespace json = boost::json;

json::value number(double v) { return std::isfinite(v) ? json::value(v) : json::value(nullptr); }

json::array numbers(const std::vector<double>& values) {
  json::array out;
  for (const double v : values) out.push_back(number(v));
  return out;
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::object run_json(const std::string& source, const bench_context& ctx) {
  return json::object{{"file", source},
                      {"date", ctx.date},
                      {"host_name", ctx.host_name},
                      {"num_cpus", ctx.num_cpus},
                      {"library_build_type", ctx.library_build_type},
                      {"shield_build_type", ctx.shield_build_type},
                      {"shield_git_commit", ctx.shield_git_commit},
                      {"shield_preset", ctx.shield_preset},
                      {"shield_target", ctx.shield_target}};
}

json::object row_json(const counter_row& row) {
  json::object o{{"name", row.spec.name},
                 {"better", row.spec.direction == better_when::higher ? "higher" : "lower"},
                 {"base", number(row.base)},
                 {"contender", number(row.contender)},
                 {"change_percent", number(row.change_percent)},
                 {"significant", row.significant},
                 {"effect", row.effect == counter_effect::none ? "none" : to_string(row.effect)},
                 {"base_values", numbers(row.base_values)},
                 {"contender_values", numbers(row.contender_values)}};
  if (row.test) {
    o["test"] = json::object{{"method", row.test->method == mw_method::exact ? "exact" : "normal"},
                             {"u_base", row.test->u1},
                             {"u_contender", row.test->u2},
                             {"p_value", number(row.test->p_value)},
                             {"z", number(row.test->z)},
                             {"ties", row.test->ties}};
  } else {
    o["test"] = nullptr;
  }
  return o;
}

json::object case_json(const case_comparison& c) {
  json::array rows;
  for (const auto& row : c.rows) rows.push_back(row_json(row));
  return json::object{{"run_name", c.run_name},
                      {"verdict", to_string(c.result)},
                      {"statistical", c.statistical},
                      {"base_repetitions", c.base_repetitions},
                      {"contender_repetitions", c.contender_repetitions},
                      {"base_label", c.base_label},
                      {"contender_label", c.contender_label},
                      {"reasons", strings(c.reasons)},
                      {"notes", strings(c.notes)},
                      {"counters", std::move(rows)}};
}

}  // namespace

boost::json::value comparison_to_json(const comparison_report& report) {
  json::array cases;
  for (const auto& c : report.cases) cases.push_back(case_json(c));
  const compare_options& o = report.options;
  return json::object{{"format", comparison_json_format},
                      {"version", comparison_json_version},
                      {"base", run_json(report.base_source, report.base_context)},
                      {"contender", run_json(report.contender_source, report.contender_context)},
                      {"options", json::object{{"alpha", o.alpha},
                                               {"max_rps_drop", o.max_rps_drop},
                                               {"max_latency_rise", o.max_latency_rise},
                                               {"min_success_rate", o.min_success_rate}}},
                      {"summary", json::object{{"regressed", report.count(verdict::regressed)},
                                               {"improved", report.count(verdict::improved)},
                                               {"same", report.count(verdict::same)},
                                               {"regression", report.has_regression()},
                                               {"non_statistical_cases", report.non_statistical_cases()}}},
                      {"warnings", strings(report.warnings)},
                      {"only_in_base", strings(report.only_in_base)},
                      {"only_in_contender", strings(report.only_in_contender)},
                      {"cases", std::move(cases)}};
}

std::string comparison_json_text(const comparison_report& report) {
  return json::serialize(comparison_to_json(report)) + "\n";
}

}  // namespace shield::report
