#include "support/report/html/html_sections.hpp"

#include "support/report/html/html_parts.hpp"
#include "support/report/html/html_text.hpp"
#include "support/stats/latency_summary.hpp"

namespace shield::report::html {

namespace {

// A list as "a, b, c".
template <typename T, typename Show>
std::string joined(const std::vector<T>& items, Show show) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + show(item);
  return out;
}

}  // namespace

std::string configuration_section(const results_document& results) {
  const run_configuration& c = results.configuration;
  std::string out = "<section id=\"configuration\"><h2>Configuration</h2><table class=\"kv\">";
  auto row = [&](const char* name, const std::string& value) {
    out += "<tr><th>" + std::string(name) + "</th><td>" + html_escape(value.empty() ? "\u2013" : value) + "</td></tr>";
  };
  const auto seconds = [](double s) { return format_number(s, 3); };
  row("target", c.target);
  row("tool", c.tool);
  row("started", results.started);
  row("finished", results.finished);
  row("profile", c.profile_name + (c.profile.empty() ? "" : " (" + c.profile + ")"));
  row("headers", joined(c.headers, [](const std::string& h) { return h; }));
  row("preset", c.preset);
  row("concurrency", joined(c.concurrency, [](std::uint32_t n) { return std::to_string(n); }));
  row("requests per case", std::to_string(c.requests));
  row("duration per case (s)", seconds(c.duration_s));
  row("loop", c.mode + (c.mode == "open" ? " at " + seconds(c.rate) + " requests/s" : ""));
  row("I/O threads", std::to_string(c.io_threads));
  row("timeouts (s)", "request " + seconds(c.timeout_s) + ", connect " + seconds(c.connect_timeout_s));
  row("thresholds", c.thresholds);
  row("filter", c.filter);
  row("build", c.build_type + (c.git_commit.empty() ? "" : " at " + c.git_commit));
  const process_usage& p = results.process;
  row("client cost", "peak RSS " + std::to_string(p.peak_rss_kb) + " KiB, CPU " + seconds(p.cpu_user_s) + " s user + " +
                         seconds(p.cpu_system_s) + " s system");
  out += "</table></section>\n";
  return out;
}

std::string summary_section(const results_document& results) {
  std::string out =
      "<section id=\"summary\"><h2>Summary</h2><table><thead><tr><th>case</th><th>status</th><th>requests</th>"
      "<th>ok</th><th>success %</th><th>rps</th><th>mean ms</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th>"
      "<th>max ms</th><th>grade</th><th>thresholds</th></tr></thead><tbody>";
  for (const auto& c : results.cases) {
    // The results file's counters, from the same function (case_counters).
    const auto k = load::case_counters(c.result);
    out += "<tr>" + cell(c.name) + cell(case_status(c)) + num_cell(counter_value(k, "requests"), 0) +
           num_cell(counter_value(k, "ok"), 0) + num_cell(counter_value(k, "success_rate"), 1) +
           num_cell(counter_value(k, "rps"), 1) + num_cell(counter_value(k, "mean_ms"), 2) +
           num_cell(counter_value(k, "p50_ms"), 2) + num_cell(counter_value(k, "p95_ms"), 2) +
           num_cell(counter_value(k, "p99_ms"), 2) + num_cell(counter_value(k, "max_ms"), 2);
    const char* grade_class = c.grade == "excellent"  ? "good"
                              : c.grade == "problem"  ? "bad"
                              : c.grade == "moderate" ? "warn"
                                                      : "";
    out += cell(c.grade.empty() ? "\u2013" : c.grade, grade_class);
    std::string verdicts;
    for (const auto& v : c.thresholds) {
      verdicts += std::string("<div class=\"") + (v.passed ? "good" : "bad") + "\">" + (v.passed ? "pass " : "FAIL ") +
                  html_escape(v.rule) + (v.passed ? "" : ": " + html_escape(v.message)) + "</div>";
    }
    if (!c.error.empty()) verdicts += "<div class=\"bad\">" + html_escape(c.error) + "</div>";
    out += "<td>" + (verdicts.empty() ? std::string("\u2013") : verdicts) + "</td></tr>";
  }
  out += "</tbody></table></section>\n";
  return out;
}

std::string failures_section(const results_document& results) {
  std::string rows;
  for (const auto& c : results.cases) {
    for (load::outcome kind : load::all_failures) {
      const load::outcome_tally& f = c.result.totals.outcomes[load::index_of(kind)];
      if (f.count == 0) continue;
      std::string messages;
      for (const auto& m : f.messages) messages += "<li>" + html_escape(m) + "</li>";
      rows += "<tr>" + cell(c.name) + cell(std::string(load::to_string(kind))) +
              num_cell(static_cast<double>(f.count), 0) + "<td><ul class=\"msgs\">" + messages + "</ul></td></tr>";
    }
  }
  std::string out = "<section id=\"failures\"><h2>Failures by kind</h2>";
  if (rows.empty()) return out + "<p>No request failed.</p></section>\n";
  return out + "<table><thead><tr><th>case</th><th>kind</th><th>count</th><th>first messages</th></tr></thead><tbody>" +
         rows + "</tbody></table></section>\n";
}

std::string streaming_section(const results_document& results) {
  std::string rows;
  for (const auto& c : results.cases) {
    if (!c.result.totals.stream) continue;
    const load::stream_figures& s = *c.result.totals.stream;
    const auto ttfb = stats::summarize(s.ttfb), ttft = stats::summarize(s.ttft), gap = stats::summarize(s.gap);
    const auto known = [](const stats::latency_summary& l, double v) { return l.count > 0 ? v : std::nan(""); };
    rows += "<tr>" + cell(c.name) + num_cell(static_cast<double>(s.streams), 0) +
            num_cell(static_cast<double>(s.incomplete), 0) + num_cell(static_cast<double>(s.tokens), 0) +
            num_cell(s.tokens_per_second(), 1) + num_cell(known(ttfb, ttfb.p50), 2) +
            num_cell(known(ttft, ttft.p50), 2) + num_cell(known(ttft, ttft.p95), 2) + num_cell(known(gap, gap.p95), 2) +
            "</tr>";
  }
  if (rows.empty()) return {};
  return "<section id=\"streaming\"><h2>Streaming</h2><table><thead><tr><th>case</th><th>streams</th>"
         "<th>incomplete</th><th>tokens</th><th>tokens/s</th><th>TTFB p50 ms</th><th>TTFT p50 ms</th>"
         "<th>TTFT p95 ms</th><th>gap p95 ms</th></tr></thead><tbody>" +
         rows + "</tbody></table></section>\n";
}

}  // namespace shield::report::html
