#include "support/report/compare/compare_html.hpp"

#include "support/report/compare/compare_render.hpp"
#include "support/report/html/html_text.hpp"
#include "support/report/html/svg_chart.hpp"

#include <cmath>

namespace shield::report {

namespace {

const char* verdict_class(verdict v) { return v == verdict::regressed ? "bad" : v == verdict::improved ? "good" : ""; }

std::string run_line(const char* role, const std::string& source, const bench_context& c) {
  return "<tr><th>" + std::string(role) + "</th><td>" + html_escape(source) + "</td><td>" + html_escape(c.date) +
         "</td><td>" + html_escape(c.host_name) + "</td><td>" + html_escape(c.shield_target) + "</td><td>" +
         html_escape(c.shield_git_commit) + "</td><td>" + html_escape(c.shield_preset) + "</td></tr>";
}

// Change in percent of one counter of a case; NaN when the case lacks it.
double change_of(const case_comparison& c, std::string_view counter) {
  for (const auto& row : c.rows) {
    if (row.spec.name == counter) return row.change_percent;
  }
  return std::nan("");
}

}  // namespace

std::string render_comparison_html(const comparison_report& r) {
  const bool regressed = r.has_regression();
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>shield-stress comparison"
      "</title><style>" +
      std::string(report_css()) + "</style></head><body>\n<h1>shield-stress comparison</h1>";
  out += "<p><span class=\"verdict " + std::string(regressed ? "bad" : "good") + "\">" +
         (regressed ? "REGRESSION" : "NO REGRESSION") + "</span> " + html_escape(summary_line(r)) + "</p>";
  out +=
      "<table><thead><tr><th></th><th>file</th><th>date</th><th>host</th><th>target</th><th>commit</th>"
      "<th>preset</th></tr></thead><tbody>" +
      run_line("base", r.base_source, r.base_context) + run_line("contender", r.contender_source, r.contender_context) +
      "</tbody></table>";
  out += "<p class=\"note\">Rules: rps may drop at most " + format_number(r.options.max_rps_drop, 1) +
         " %, mean/p95/p99 may rise at most " + format_number(r.options.max_latency_rise, 1) +
         " %, success rate at least " + format_number(r.options.min_success_rate, 1) + " %, significance " +
         format_number(r.options.alpha, 3) + " (Mann-Whitney U with 2+ repetitions per side).</p>";
  if (!r.warnings.empty()) {
    out += "<ul>";
    for (const auto& w : r.warnings) out += "<li class=\"warn\">" + html_escape(w) + "</li>";
    out += "</ul>";
  }
  // Change of rps and p95 per case: the cases are numbered on the axis as in the table below.
  svg_chart chart{"Change per case (contender against base)", {"case number", {}, true}, {"%", {}, true}, {}, 640, 280};
  svg_series rps{"rps change %", {}, false, true}, p95{"p95 change %", {}, false, true};
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    const double x = static_cast<double>(i + 1);
    rps.points.emplace_back(x, change_of(r.cases[i], "rps"));
    p95.points.emplace_back(x, change_of(r.cases[i], "p95_ms"));
    chart.x.ticks.emplace_back(x, std::to_string(i + 1));
  }
  chart.x.from_zero = false;
  chart.series = {rps, p95};
  out += "<h2>Cases</h2><div class=\"charts\">" + render_svg(chart) + "</div>";
  out +=
      "<table><thead><tr><th>#</th><th>case</th><th>verdict</th><th>repetitions</th><th>counter</th><th>base</th>"
      "<th>contender</th><th>change %</th><th>p-value</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    const auto& c = r.cases[i];
    const std::string span = std::to_string(std::max<std::size_t>(1, c.rows.size()));
    std::string head;
    head.append("<td rowspan=\"").append(span).append("\">").append(std::to_string(i + 1));
    head.append("</td><td rowspan=\"").append(span).append("\">").append(html_escape(c.run_name));
    head.append("</td><td rowspan=\"").append(span).append("\" class=\"").append(verdict_class(c.result));
    head.append("\">").append(to_string(c.result));
    for (const auto& why : c.reasons) head += "<div>" + html_escape(why) + "</div>";
    for (const auto& note : c.notes) head += "<div class=\"note\">" + html_escape(note) + "</div>";
    head += "</td><td rowspan=\"" + span + "\">" + std::to_string(c.base_repetitions) + " / " +
            std::to_string(c.contender_repetitions) + "</td>";
    if (c.rows.empty()) out += "<tr>" + head + "<td colspan=\"5\">no counter in common</td></tr>";
    for (std::size_t k = 0; k < c.rows.size(); ++k) {
      const auto& row = c.rows[k];
      const char* cls = row.effect == counter_effect::worse    ? "bad"
                        : row.effect == counter_effect::better ? "good"
                                                               : "";
      out += "<tr>" + (k == 0 ? head : std::string()) + "<td>" + html_escape(row.spec.name) +
             "</td><td class=\"num\">" + format_number(row.base, 2) + "</td><td class=\"num\">" +
             format_number(row.contender, 2) + "</td><td class=\"num " + cls + "\">" +
             format_number(row.change_percent, 1) + "</td><td class=\"num\">" +
             (row.test ? format_number(row.test->p_value, 3) : std::string("\u2013")) + "</td></tr>";
    }
  }
  out += "</tbody></table>";
  for (const auto& [title, names] : {std::pair{"Only in the base run", &r.only_in_base},
                                     std::pair{"Only in the contender run", &r.only_in_contender}}) {
    if (names->empty()) continue;
    out += "<h3>" + std::string(title) + "</h3><ul>";
    for (const auto& n : *names) out += "<li>" + html_escape(n) + "</li>";
    out += "</ul>";
  }
  return out + "</body></html>\n";
}

}  // namespace shield::report
