// The HTML report's sections of load shapes, mixed cases' endpoints and the capacity search:
// per-stage figures over time with the stage boundaries, per-endpoint tables and latency curves,
// and the knee (goodput and p99 against offered rate).

#include "support/report/html/html_sections.hpp"
#include "support/report/html/html_text.hpp"
#include "support/report/html/svg_chart.hpp"
#include "support/stats/histogram_json.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>

namespace shield::report::html {

namespace json = boost::json;

namespace {

const json::array& array_of(const json::object& o, std::string_view key) {
  static const json::array empty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->as_array() : empty;
}

std::string td(const std::string& text) { return "<td>" + html_escape(text) + "</td>"; }
std::string num(double v, int decimals) { return "<td class=\"num\">" + format_number(v, decimals) + "</td>"; }

// Failures of a stage or endpoint as "kind n, kind n"; "–" when none.
std::string failure_text(const json::object& failures) {
  std::string out;
  for (const auto& [kind, v] : failures) {
    const double n = v.is_object() ? number_at(v.as_object(), "count") : (v.is_number() ? v.to_number<double>() : 0);
    if (!out.empty()) out += ", ";
    out += std::string(kind) + " " + format_number(n, 0);
  }
  return out.empty() ? "\u2013" : out;
}

// Vertical dashed lines at the stage boundaries, as series of two points each.
void boundaries(svg_chart& chart, const json::array& stages, double top) {
  for (const auto& v : stages) {
    if (!v.is_object()) continue;
    const double at = number_at(v.as_object(), "begin_s");
    if (!(at > 0)) continue;
    chart.series.push_back(svg_series{"stage boundary", {{at, 0.0}, {at, top}}, true, false});
  }
}

std::string stages_block(const json::object& c) {
  const auto& stages = array_of(c, "stages");
  std::string table =
      "<table><tr><th>stage</th><th>time s</th><th>target</th><th>requests</th><th>ok</th><th>rps</th>"
      "<th>ok rps</th><th>p50 ms</th><th>p99 ms</th><th>failures</th></tr>";
  svg_chart rate{
      text_at(c, "name") + ": throughput per stage", {"seconds", {}, true}, {"requests/s", {}, true}, {}, 420, 240};
  svg_chart latency{text_at(c, "name") + ": latency per stage", {"seconds", {}, true}, {"ms", {}, true}, {}, 420, 240};
  svg_chart failed{
      text_at(c, "name") + ": failures per stage", {"seconds", {}, true}, {"failures/s", {}, true}, {}, 420, 240};
  svg_series ok_rps{"ok rps", {}, false, true}, rps{"rps", {}, true, true}, p50{"p50", {}, false, true},
      p99{"p99", {}, false, true}, failures{"failures/s", {}, false, true};
  double top_rate = 0, top_ms = 0, top_failed = 0;
  for (const auto& v : stages) {
    if (!v.is_object()) continue;
    const auto& st = v.as_object();
    const double begin = number_at(st, "begin_s"), end = number_at(st, "end_s");
    const auto& lat = object_at(st, "latency_ms");
    table += "<tr>" + td(text_at(st, "index")) + td(format_number(begin, 1) + "\u2013" + format_number(end, 1)) +
             td(format_number(number_at(st, "from"), 1) + " \u2192 " + format_number(number_at(st, "to"), 1)) +
             num(number_at(st, "requests"), 0) + num(number_at(st, "ok"), 0) + num(number_at(st, "rps"), 1) +
             num(number_at(st, "ok_rps"), 1) + num(number_at(lat, "p50"), 2) + num(number_at(lat, "p99"), 2) +
             td(failure_text(object_at(st, "failures"))) + "</tr>";
    if (!(end > begin)) continue;  // a step holds no time
    const double mid = (begin + end) / 2;
    const double span = end - begin;
    const auto add = [](svg_series& s, double x, double y, double& top) {
      if (!std::isfinite(y)) return;
      s.points.emplace_back(x, y);
      top = std::max(top, y);
    };
    add(ok_rps, mid, number_at(st, "ok_rps"), top_rate);
    add(rps, mid, number_at(st, "rps"), top_rate);
    add(p50, mid, number_at(lat, "p50"), top_ms);
    add(p99, mid, number_at(lat, "p99"), top_ms);
    add(failures, mid, number_at(st, "failed") / span, top_failed);
  }
  rate.series = {ok_rps, rps};
  latency.series = {p50, p99};
  failed.series = {failures};
  boundaries(rate, stages, top_rate);
  boundaries(latency, stages, top_ms);
  boundaries(failed, stages, std::max(top_failed, 1.0));
  return "<h3>" + html_escape(text_at(c, "name")) + "</h3>" + table + "</table><div class=\"charts\">" +
         render_svg(rate) + render_svg(latency) + render_svg(failed) + "</div>";
}

std::string endpoints_block(const json::object& c) {
  const auto& endpoints = object_at(c, "endpoints");
  std::string table =
      "<table><tr><th>endpoint</th><th>requests</th><th>ok</th><th>mean ms</th><th>p50 ms</th><th>p95 ms</th>"
      "<th>p99 ms</th><th>failures</th></tr>";
  svg_chart chart{text_at(c, "name") + ": latency by percentile per endpoint",
                  {"percentile", {}, true},
                  {"ms", {}, true},
                  {},
                  420,
                  240};
  int decades = 1;
  for (const auto& [name, v] : endpoints) {
    if (!v.is_object()) continue;
    const auto& e = v.as_object();
    const auto& lat = object_at(e, "latency_ms");
    table += "<tr>" + td(std::string(name)) + num(number_at(e, "requests"), 0) + num(number_at(e, "ok"), 0) +
             num(number_at(lat, "mean"), 2) + num(number_at(lat, "p50"), 2) + num(number_at(lat, "p95"), 2) +
             num(number_at(lat, "p99"), 2) + td(failure_text(object_at(e, "failures"))) + "</tr>";
    const auto* histogram = e.if_contains("histogram");
    if (histogram == nullptr) continue;
    const auto h = stats::histogram_from_json(*histogram);
    if (!h || h->count() == 0) continue;
    svg_series s{std::string(name), {}, false, false};
    const double x_max = std::min(6.0, std::log10(static_cast<double>(h->count())));
    for (double x = 0; x < x_max; x += 0.05)
      s.points.emplace_back(x, static_cast<double>(h->value_at_quantile(1.0 - std::pow(10.0, -x))) / 1e6);
    s.points.emplace_back(std::max(x_max, 0.05), static_cast<double>(h->max()) / 1e6);
    decades = std::max(decades, static_cast<int>(std::ceil(x_max)));
    chart.series.push_back(std::move(s));
  }
  for (int d = 0; d <= decades; ++d)
    chart.x.ticks.emplace_back(d, d == 0   ? "0%"
                                  : d == 1 ? "90%"
                                           : "99" + std::string(d > 2 ? "." : "") +
                                                 std::string(static_cast<std::size_t>(std::max(d - 2, 0)), '9') + "%");
  return "<h3>" + html_escape(text_at(c, "name")) + "</h3>" + table + "</table><div class=\"charts\">" +
         render_svg(chart) + "</div>";
}

}  // namespace

std::string shapes_section(const json::object& results) {
  std::string out;
  for (const auto& v : array_of(results, "cases")) {
    if (v.is_object() && !array_of(v.as_object(), "stages").empty()) out += stages_block(v.as_object());
  }
  if (out.empty()) return {};
  return "<section id=\"stages\"><h2>Load shape: figures per stage</h2><p>Requests belong to the stage they were "
         "sent in (open loop: due in); points sit at each stage's middle, dashed lines mark the stage "
         "boundaries.</p>" +
         out + "</section>\n";
}

std::string endpoints_section(const json::object& results) {
  std::string out;
  for (const auto& v : array_of(results, "cases")) {
    if (v.is_object() && !object_at(v.as_object(), "endpoints").empty()) out += endpoints_block(v.as_object());
  }
  if (out.empty()) return {};
  return "<section id=\"endpoints\"><h2>Endpoints of mixed cases</h2><p>Each endpoint's own figures inside the "
         "mixed load.</p>" +
         out + "</section>\n";
}

std::string capacity_section(const json::object& results) {
  const auto* found = results.if_contains("capacity");
  if (found == nullptr || !found->is_object()) return {};
  const auto& cap = found->as_object();
  std::string out =
      "<section id=\"capacity\"><h2>Capacity search</h2><p>" + html_escape(text_at(cap, "case")) + ", SLO <code>" +
      html_escape(text_at(cap, "slo")) + "</code>: held <b>" + format_number(number_at(cap, "highest_ok_rps"), 1) +
      "/s</b>, broke at <b>" + format_number(number_at(cap, "lowest_broken_rps"), 1) + "/s</b> (" +
      html_escape(text_at(cap, "broken_clause")) +
      (text_at(cap, "broken_endpoint").empty() ? "" : " on " + html_escape(text_at(cap, "broken_endpoint"))) +
      " broke first); stopped: " + html_escape(text_at(cap, "stop_reason")) + ", " +
      format_number(number_at(cap, "elapsed_s"), 1) + " s.</p>";
  std::string table =
      "<table><tr><th>step</th><th>offered /s</th><th>verdict</th><th>goodput /s</th><th>p99 ms</th>"
      "<th>success %</th><th>seconds</th></tr>";
  svg_series goodput{"goodput (ok/s)", {}, false, true}, offered{"offered", {}, true, false},
      p99{"p99 ms", {}, false, true};
  std::vector<std::pair<double, double>> ordered_goodput, ordered_p99;
  int index = 0;
  for (const auto& v : array_of(cap, "steps")) {
    if (!v.is_object()) continue;
    const auto& s = v.as_object();
    const auto& k = object_at(s, "counters");
    const double rate = number_at(s, "offered_rps");
    const bool held = text_at(s, "held") == "yes";
    table += "<tr>" + td(std::to_string(++index)) + num(rate, 1) +
             td(held ? "held" : "broke " + text_at(s, "broken_clause")) + num(number_at(k, "ok_rps"), 1) +
             num(number_at(k, "p99_ms"), 2) + num(number_at(k, "success_rate"), 2) + num(number_at(s, "elapsed_s"), 1) +
             "</tr>";
    if (std::isfinite(number_at(k, "ok_rps"))) ordered_goodput.emplace_back(rate, number_at(k, "ok_rps"));
    if (std::isfinite(number_at(k, "p99_ms"))) ordered_p99.emplace_back(rate, number_at(k, "p99_ms"));
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
