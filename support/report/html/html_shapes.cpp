// The HTML report's sections of load shapes, mixed cases' endpoints and the capacity search:
// per-stage figures over time with the stage boundaries, per-endpoint tables and latency curves,
// and the knee (goodput and p99 against offered rate).

#include "support/report/html/html_parts.hpp"
#include "support/report/html/html_sections.hpp"
#include "support/report/html/html_text.hpp"
#include "support/report/html/svg_chart.hpp"
#include "support/stats/latency_summary.hpp"

#include <algorithm>
#include <cmath>

namespace shield::report::html {

namespace {

double seconds_of(std::chrono::nanoseconds t) { return static_cast<double>(t.count()) / 1e9; }

// A summary's figure, NaN without a sample (as the results file's null).
double figure(const stats::latency_summary& s, double stats::latency_summary::*field) {
  return s.count > 0 ? s.*field : std::nan("");
}

// Vertical dashed lines at the stage boundaries, as series of two points each.
void boundaries(svg_chart& chart, const std::vector<load::stage_result>& stages, double top) {
  for (const auto& st : stages) {
    const double at = seconds_of(st.begin);
    if (!(at > 0)) continue;
    chart.series.push_back(svg_series{"stage boundary", {{at, 0.0}, {at, top}}, true, false});
  }
}

std::string stages_block(const case_record& c) {
  const auto& stages = c.result.stages;
  std::string table =
      "<table><tr><th>stage</th><th>time s</th><th>target</th><th>requests</th><th>ok</th><th>rps</th>"
      "<th>ok rps</th><th>p50 ms</th><th>p99 ms</th><th>failures</th></tr>";
  svg_chart rate{c.name + ": throughput per stage", {"seconds", {}, true}, {"requests/s", {}, true}, {}, 420, 240};
  svg_chart latency{c.name + ": latency per stage", {"seconds", {}, true}, {"ms", {}, true}, {}, 420, 240};
  svg_chart failed{c.name + ": failures per stage", {"seconds", {}, true}, {"failures/s", {}, true}, {}, 420, 240};
  svg_series ok_rps{"ok rps", {}, false, true}, rps{"rps", {}, true, true}, p50{"p50", {}, false, true},
      p99{"p99", {}, false, true}, failures{"failures/s", {}, false, true};
  double top_rate = 0, top_ms = 0, top_failed = 0;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto& st = stages[i];
    const double begin = seconds_of(st.begin), end = seconds_of(st.end);
    const bool has_time = st.end > st.begin;  // a step holds no time: no rate
    const double stage_rps = has_time ? st.requests_per_second() : std::nan("");
    const double stage_ok_rps = has_time ? st.ok_per_second() : std::nan("");
    const auto lat = stats::summarize(st.totals.latency);
    table += "<tr>" + cell(std::to_string(i)) + cell(format_number(begin, 1) + "\u2013" + format_number(end, 1)) +
             cell(format_number(st.from, 1) + " \u2192 " + format_number(st.spec.target, 1)) +
             num_cell(static_cast<double>(st.totals.requests), 0) + num_cell(static_cast<double>(st.totals.ok), 0) +
             num_cell(stage_rps, 1) + num_cell(stage_ok_rps, 1) +
             num_cell(figure(lat, &stats::latency_summary::p50), 2) +
             num_cell(figure(lat, &stats::latency_summary::p99), 2) + cell(failure_text(outcome_counts(st.totals))) +
             "</tr>";
    if (!has_time) continue;
    const double mid = (begin + end) / 2;
    const auto add = [](svg_series& s, double x, double y, double& top) {
      if (!std::isfinite(y)) return;
      s.points.emplace_back(x, y);
      top = std::max(top, y);
    };
    add(ok_rps, mid, stage_ok_rps, top_rate);
    add(rps, mid, stage_rps, top_rate);
    add(p50, mid, figure(lat, &stats::latency_summary::p50), top_ms);
    add(p99, mid, figure(lat, &stats::latency_summary::p99), top_ms);
    add(failures, mid, static_cast<double>(st.totals.failures()) / (end - begin), top_failed);
  }
  rate.series = {ok_rps, rps};
  latency.series = {p50, p99};
  failed.series = {failures};
  boundaries(rate, stages, top_rate);
  boundaries(latency, stages, top_ms);
  boundaries(failed, stages, std::max(top_failed, 1.0));
  return "<h3>" + html_escape(c.name) + "</h3>" + table + "</table><div class=\"charts\">" + render_svg(rate) +
         render_svg(latency) + render_svg(failed) + "</div>";
}

std::string endpoints_block(const case_record& c) {
  const load::load_result& r = c.result;
  std::string table =
      "<table><tr><th>endpoint</th><th>requests</th><th>ok</th><th>mean ms</th><th>p50 ms</th><th>p95 ms</th>"
      "<th>p99 ms</th><th>failures</th></tr>";
  svg_chart chart{
      c.name + ": latency by percentile per endpoint", {"percentile", {}, true}, {"ms", {}, true}, {}, 420, 240};
  for (std::size_t i = 0; i < r.endpoints.size() && i < r.totals.endpoints.size(); ++i) {
    const load::endpoint_tally& e = r.totals.endpoints[i];
    const auto lat = stats::summarize(e.latency);
    table += "<tr>" + cell(r.endpoints[i]) + num_cell(static_cast<double>(e.requests), 0) +
             num_cell(static_cast<double>(e.ok), 0) + num_cell(figure(lat, &stats::latency_summary::mean), 2) +
             num_cell(figure(lat, &stats::latency_summary::p50), 2) +
             num_cell(figure(lat, &stats::latency_summary::p95), 2) +
             num_cell(figure(lat, &stats::latency_summary::p99), 2) + cell(failure_text(e.outcomes)) + "</tr>";
    if (e.latency.count() > 0) chart.series.push_back(percentile_curve(e.latency, r.endpoints[i], false));
  }
  percentile_ticks(chart);
  return "<h3>" + html_escape(c.name) + "</h3>" + table + "</table><div class=\"charts\">" + render_svg(chart) +
         "</div>";
}

}  // namespace

std::string shapes_section(const results_document& results) {
  std::string out;
  for (const auto& c : results.cases) {
    if (!c.result.stages.empty()) out += stages_block(c);
  }
  if (out.empty()) return {};
  return "<section id=\"stages\"><h2>Load shape: figures per stage</h2><p>Requests belong to the stage they were "
         "sent in (open loop: due in); points sit at each stage's middle, dashed lines mark the stage "
         "boundaries.</p>" +
         out + "</section>\n";
}

std::string endpoints_section(const results_document& results) {
  std::string out;
  for (const auto& c : results.cases) {
    if (c.result.endpoints.size() > 1) out += endpoints_block(c);  // as the results file's "endpoints"
  }
  if (out.empty()) return {};
  return "<section id=\"endpoints\"><h2>Endpoints of mixed cases</h2><p>Each endpoint's own figures inside the "
         "mixed load.</p>" +
         out + "</section>\n";
}

std::string capacity_section(const results_document& results) {
  if (!results.capacity) return {};
  const capacity_record& cap = *results.capacity;
  std::string out =
      "<section id=\"capacity\"><h2>Capacity search</h2><p>" + html_escape(cap.case_name) + ", SLO <code>" +
      html_escape(cap.slo) + "</code>: held <b>" + format_number(cap.highest_ok_rps, 1) + "/s</b>, broke at <b>" +
      format_number(cap.lowest_broken_rps, 1) + "/s</b> (" + html_escape(cap.broken_clause) +
      (cap.broken_endpoint.empty() ? "" : " on " + html_escape(cap.broken_endpoint)) +
      " broke first); stopped: " + html_escape(cap.stop_reason) + ", " + format_number(cap.elapsed_s, 1) + " s.</p>";
  std::string table =
      "<table><tr><th>step</th><th>offered /s</th><th>verdict</th><th>goodput /s</th><th>p99 ms</th>"
      "<th>success %</th><th>seconds</th></tr>";
  svg_series goodput{"goodput (ok/s)", {}, false, true}, offered{"offered", {}, true, false},
      p99{"p99 ms", {}, false, true};
  std::vector<std::pair<double, double>> ordered_goodput, ordered_p99;
  int index = 0;
  for (const auto& s : cap.steps) {
    std::vector<load::counter> k;
    for (const auto& [name, value] : s.counters) k.push_back({name, value});
    const double ok_rps = counter_value(k, "ok_rps"), step_p99 = counter_value(k, "p99_ms");
    table += "<tr>" + cell(std::to_string(++index)) + num_cell(s.offered_rps, 1) +
             cell(s.held ? "held" : "broke " + s.broken_clause) + num_cell(ok_rps, 1) + num_cell(step_p99, 2) +
             num_cell(counter_value(k, "success_rate"), 2) + num_cell(s.elapsed_s, 1) + "</tr>";
    if (std::isfinite(ok_rps)) ordered_goodput.emplace_back(s.offered_rps, ok_rps);
    if (std::isfinite(step_p99)) ordered_p99.emplace_back(s.offered_rps, step_p99);
  }
  std::sort(ordered_goodput.begin(), ordered_goodput.end());
  std::sort(ordered_p99.begin(), ordered_p99.end());
  goodput.points = ordered_goodput;
  p99.points = ordered_p99;
  for (const auto& [x, y] : ordered_goodput) offered.points.emplace_back(x, x);
  svg_chart knee{"goodput against offered rate (the knee)",
                 {"offered requests/s", {}, true},
                 {"requests/s", {}, true},
                 {goodput, offered},
                 420,
                 240};
  svg_chart tail{"p99 against offered rate", {"offered requests/s", {}, true}, {"ms", {}, true}, {p99}, 420, 240};
  return out + table + "</table><div class=\"charts\">" + render_svg(knee) + render_svg(tail) + "</div></section>\n";
}

}  // namespace shield::report::html
