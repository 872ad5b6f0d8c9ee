// The chart sections of the HTML report: scalability, latency distribution, monitor series.
#include "support/report/html/html_sections.hpp"

#include "support/report/html/html_parts.hpp"
#include "support/report/html/html_text.hpp"
#include "support/report/html/svg_chart.hpp"
#include "support/report/results/scalability.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace shield::report::html {

namespace json = boost::json;

namespace {

// The monitor's metrics reports are JSON of another format (support/monitor): read leniently.
const json::object& object_at(const json::object& o, std::string_view key) {
  static const json::object empty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? v->as_object() : empty;
}

const json::array& array_at(const json::object& o, std::string_view key) {
  static const json::array empty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->as_array() : empty;
}

std::string text_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

double number_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<double>() : std::nan("");
}

double sample_number(const json::object& sample, std::string_view side, std::string_view key) {
  return number_at(object_at(sample, side), key);
}

}  // namespace

std::string scalability_section(const results_document& results) {
  // Per endpoint: (concurrency -> rps, p95) of every case that ran, averaged over repetitions.
  std::map<std::string, std::map<double, std::pair<std::vector<double>, std::vector<double>>>> sweeps;
  std::vector<std::string> order;
  for (const auto& c : results.cases) {
    if (case_status(c) != "ran") continue;
    if (!sweeps.count(c.endpoint)) order.push_back(c.endpoint);
    const auto k = load::case_counters(c.result);
    auto& at = sweeps[c.endpoint][static_cast<double>(c.result.config.concurrency)];
    at.first.push_back(counter_value(k, "rps"));
    at.second.push_back(counter_value(k, "p95_ms"));
  }
  // The fit of the results file's "scalability" (the same function over the same cases).
  const auto rows = scalability_from_cases(results.cases);
  std::string out = "<section id=\"scalability\"><h2>Throughput and p95 against concurrency</h2>";
  bool any = false;
  for (const auto& endpoint : order) {
    const auto& sweep = sweeps[endpoint];
    if (sweep.size() < 2) continue;
    any = true;
    auto mean = [](const std::vector<double>& xs) {
      double sum = 0;
      std::size_t n = 0;
      for (double x : xs) {
        if (std::isfinite(x)) {
          sum += x;
          ++n;
        }
      }
      return n ? sum / static_cast<double>(n) : std::nan("");
    };
    svg_chart rps{"Throughput: " + endpoint, {"concurrency", {}, true}, {"requests/s", {}, true}, {}, 460, 260};
    svg_chart p95{"p95 latency: " + endpoint, {"concurrency", {}, true}, {"ms", {}, true}, {}, 460, 260};
    svg_series measured{"measured", {}, false, true}, latency{"p95", {}, false, true};
    for (const auto& [n, values] : sweep) {
      measured.points.emplace_back(n, mean(values.first));
      latency.points.emplace_back(n, mean(values.second));
    }
    rps.series.push_back(std::move(measured));
    std::string fit_text;
    const auto row =
        std::find_if(rows.begin(), rows.end(), [&](const scalability_row& r) { return r.endpoint == endpoint; });
    if (row != rows.end() && row->fit.ok()) {
      const auto& f = row->fit;
      svg_series model{"USL fit", {}, true, false};
      const double top =
          std::max(sweep.rbegin()->first, std::isfinite(f.peak_concurrency) ? f.peak_concurrency * 1.2 : 0.0);
      for (int i = 0; i <= 60; ++i) {
        const double n = 1.0 + (top - 1.0) * i / 60.0;
        model.points.emplace_back(n, f.predict(n));
      }
      rps.series.push_back(std::move(model));
      fit_text =
          "USL fit: contention \u03c3 = " + format_number(f.sigma, 4) +
          ", coherency \u03ba = " + format_number(f.kappa, 6) + ", \u03bb = " + format_number(f.lambda, 1) +
          " requests/s; " +
          (std::isfinite(f.peak_concurrency) ? "predicted peak " + format_number(f.peak_throughput, 0) +
                                                   " requests/s at concurrency " + format_number(f.peak_concurrency, 0)
           : std::isfinite(f.peak_throughput)
               ? "no peak: throughput levels off towards " + format_number(f.peak_throughput, 0) + " requests/s"
               : std::string("no peak: throughput rose in proportion to concurrency")) +
          "; fit error " + format_number(f.rms_error_percent, 1) + " %.";
    } else if (row != rows.end()) {
      fit_text = "No USL fit: " + row->fit.error + ".";
    } else {
      fit_text = "No USL fit: it needs three or more concurrencies.";
    }
    p95.series.push_back(std::move(latency));
    out += "<h3>" + html_escape(endpoint) + "</h3><div class=\"charts\">" + render_svg(rps) + render_svg(p95) +
           "</div><p class=\"fit\">" + html_escape(fit_text) + "</p>";
  }
  if (!any) out += "<p>Each endpoint ran at one concurrency: nothing to plot against concurrency.</p>";
  return out + "</section>\n";
}

std::string distribution_section(const results_document& results) {
  std::string out =
      "<section id=\"distribution\"><h2>Latency by percentile</h2><p>Successful requests; the "
      "horizontal axis is logarithmic in 1/(1&#8722;p), as HdrHistogram plots it. Solid: from the "
      "intended send time; dashed: service time (from the actual send).</p><div class=\"charts\">";
  for (const auto& c : results.cases) {
    const load::tally& t = c.result.totals;
    if (t.latency.count() == 0) continue;
    svg_chart chart{c.name, {"percentile", {}, true}, {"ms", {}, true}, {}, 420, 240};
    chart.series.push_back(percentile_curve(t.latency, "latency", false));
    if (t.service.count() > 0) chart.series.push_back(percentile_curve(t.service, "service time", true));
    percentile_ticks(chart);
    out += render_svg(chart);
  }
  return out + "</div></section>\n";
}

std::string monitor_section(const std::vector<json::value>& reports) {
  if (reports.empty()) return {};
  std::string out = "<section id=\"monitor\"><h2>Monitor</h2>";
  for (const auto& r : reports) {
    if (!r.is_object()) continue;
    const auto& settings = object_at(r.as_object(), "settings");
    std::string name = text_at(object_at(settings, "extra"), "case");
    if (name.empty()) name = text_at(settings, "target");
    svg_chart rate{"Requests/s: " + name, {"seconds", {}, true}, {"requests/s", {}, true}, {}, 420, 240};
    svg_chart latency{"Client latency: " + name, {"seconds", {}, true}, {"ms", {}, true}, {}, 420, 240};
    svg_chart cpu{"Backend CPU: " + name, {"seconds", {}, true}, {"%", {}, true}, {}, 420, 240};
    svg_chart memory{"Backend memory: " + name, {"seconds", {}, true}, {"MiB", {}, true}, {}, 420, 240};
    svg_series client_rps{"client", {}, false, false}, target_rps{"target (/metrics)", {}, true, false};
    svg_series p50{"p50", {}, false, false}, p95{"p95", {}, false, false};
    svg_series cpu_target{"/metrics", {}, false, false}, cpu_local{"/proc", {}, true, false};
    svg_series mem_target{"/metrics", {}, false, false}, mem_local{"/proc RSS", {}, true, false};
    for (const auto& s : array_at(r.as_object(), "samples")) {
      if (!s.is_object()) continue;
      const auto& o = s.as_object();
      const double t = number_at(o, "t");
      client_rps.points.emplace_back(t, sample_number(o, "client", "rps"));
      target_rps.points.emplace_back(t, number_at(object_at(object_at(o, "target"), "rates"), "requests_per_second"));
      p50.points.emplace_back(t, sample_number(o, "client", "p50_ms"));
      p95.points.emplace_back(t, sample_number(o, "client", "p95_ms"));
      cpu_target.points.emplace_back(t, sample_number(o, "target", "cpu_percent"));
      cpu_local.points.emplace_back(t, sample_number(o, "local", "cpu_percent"));
      mem_target.points.emplace_back(t, sample_number(o, "target", "memory_bytes") / 1048576.0);
      mem_local.points.emplace_back(t, sample_number(o, "local", "rss_bytes") / 1048576.0);
    }
    rate.series = {client_rps, target_rps};
    latency.series = {p50, p95};
    cpu.series = {cpu_target, cpu_local};
    memory.series = {mem_target, mem_local};
    out += "<h3>" + html_escape(name) + "</h3><div class=\"charts\">" + render_svg(rate) + render_svg(latency) +
           render_svg(cpu) + render_svg(memory) + "</div>";
    std::string verdicts;
    for (const auto& v : array_at(r.as_object(), "verdicts")) {
      if (!v.is_object()) continue;
      const std::string status = text_at(v.as_object(), "status");
      const char* cls = status == "ok" ? "good" : status == "fail" ? "bad" : "warn";
      verdicts += "<tr><td>" + html_escape(text_at(v.as_object(), "name")) + "</td><td class=\"" + cls + "\">" +
                  html_escape(status) + "</td><td>" + html_escape(text_at(v.as_object(), "detail")) + "</td></tr>";
    }
    if (!verdicts.empty())
      out += "<table><thead><tr><th>verdict</th><th>status</th><th>detail</th></tr></thead><tbody>" + verdicts +
             "</tbody></table>";
  }
  return out + "</section>\n";
}

}  // namespace shield::report::html
