#include "support/report/html/html_sections.hpp"

#include "support/report/html/html_text.hpp"

#include <boost/json/array.hpp>

#include <cmath>
#include <limits>

namespace shield::report::html {

namespace json = boost::json;

const json::object& object_at(const json::object& o, std::string_view key) {
  static const json::object empty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? v->as_object() : empty;
}

std::string text_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_bool()) return v->as_bool() ? "yes" : "no";
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_double()) return format_number(v->as_double(), 3);
  if (v->is_array()) {
    std::string out;
    for (const auto& e : v->as_array()) {
      if (!out.empty()) out += ", ";
      if (e.is_string())
        out += std::string(e.as_string());
      else if (e.is_number())
        out += format_number(e.to_number<double>(), e.is_double() ? 3 : 0);
    }
    return out;
  }
  return {};
}

double number_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) return std::numeric_limits<double>::quiet_NaN();
  return v->to_number<double>();
}

namespace {

const json::array& cases_of(const json::object& results) {
  static const json::array empty;
  const auto* v = results.if_contains("cases");
  return v != nullptr && v->is_array() ? v->as_array() : empty;
}

std::string cell(const std::string& text, const char* cls = nullptr) {
  return cls ? "<td class=\"" + std::string(cls) + "\">" + html_escape(text) + "</td>"
             : "<td>" + html_escape(text) + "</td>";
}

std::string num_cell(double v, int decimals) { return "<td class=\"num\">" + format_number(v, decimals) + "</td>"; }

}  // namespace

std::string configuration_section(const json::object& results) {
  const auto& c = object_at(results, "configuration");
  std::string out = "<section id=\"configuration\"><h2>Configuration</h2><table class=\"kv\">";
  auto row = [&](const char* name, const std::string& value) {
    out += "<tr><th>" + std::string(name) + "</th><td>" + html_escape(value.empty() ? "\u2013" : value) + "</td></tr>";
  };
  row("target", text_at(c, "target"));
  row("tool", text_at(c, "tool"));
  row("started", text_at(results, "started"));
  row("finished", text_at(results, "finished"));
  row("profile",
      text_at(c, "profile_name") + (text_at(c, "profile").empty() ? "" : " (" + text_at(c, "profile") + ")"));
  row("headers", text_at(c, "headers"));
  row("preset", text_at(c, "preset"));
  row("concurrency", text_at(c, "concurrency"));
  row("requests per case", text_at(c, "requests"));
  row("duration per case (s)", text_at(c, "duration_s"));
  row("loop", text_at(c, "mode") + (text_at(c, "mode") == "open" ? " at " + text_at(c, "rate") + " requests/s" : ""));
  row("I/O threads", text_at(c, "io_threads"));
  row("timeouts (s)", "request " + text_at(c, "timeout_s") + ", connect " + text_at(c, "connect_timeout_s"));
  row("thresholds", text_at(c, "thresholds"));
  row("filter", text_at(c, "filter"));
  row("build", text_at(c, "build_type") + (text_at(c, "git_commit").empty() ? "" : " at " + text_at(c, "git_commit")));
  const auto& p = object_at(results, "process");
  row("client cost", "peak RSS " + text_at(p, "peak_rss_kb") + " KiB, CPU " + text_at(p, "cpu_user_s") + " s user + " +
                         text_at(p, "cpu_system_s") + " s system");
  out += "</table></section>\n";
  return out;
}

std::string summary_section(const json::object& results) {
  std::string out =
      "<section id=\"summary\"><h2>Summary</h2><table><thead><tr><th>case</th><th>status</th><th>requests</th>"
      "<th>ok</th><th>success %</th><th>rps</th><th>mean ms</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th>"
      "<th>max ms</th><th>grade</th><th>thresholds</th></tr></thead><tbody>";
  for (const auto& v : cases_of(results)) {
    if (!v.is_object()) continue;
    const auto& c = v.as_object();
    const auto& k = object_at(c, "counters");
    const std::string grade = text_at(c, "grade");
    out += "<tr>" + cell(text_at(c, "name")) + cell(text_at(c, "status")) + num_cell(number_at(c, "requests"), 0) +
           num_cell(number_at(c, "ok"), 0) + num_cell(number_at(k, "success_rate"), 1) +
           num_cell(number_at(k, "rps"), 1) + num_cell(number_at(k, "mean_ms"), 2) +
           num_cell(number_at(k, "p50_ms"), 2) + num_cell(number_at(k, "p95_ms"), 2) +
           num_cell(number_at(k, "p99_ms"), 2) + num_cell(number_at(k, "max_ms"), 2);
    const char* grade_class = grade == "excellent"  ? "good"
                              : grade == "problem"  ? "bad"
                              : grade == "moderate" ? "warn"
                                                    : "";
    out += cell(grade.empty() ? "\u2013" : grade, grade_class);
    std::string verdicts;
    const auto* t = c.if_contains("thresholds");
    if (t != nullptr && t->is_array()) {
      for (const auto& r : t->as_array()) {
        if (!r.is_object()) continue;
        const auto& ro = r.as_object();
        const bool passed = ro.if_contains("passed") && ro.at("passed").is_bool() && ro.at("passed").as_bool();
        verdicts += std::string("<div class=\"") + (passed ? "good" : "bad") + "\">" + (passed ? "pass " : "FAIL ") +
                    html_escape(text_at(ro, "rule")) + (passed ? "" : ": " + html_escape(text_at(ro, "message"))) +
                    "</div>";
      }
    }
    if (const auto error = text_at(c, "error"); !error.empty())
      verdicts += "<div class=\"bad\">" + html_escape(error) + "</div>";
    out += "<td>" + (verdicts.empty() ? std::string("\u2013") : verdicts) + "</td></tr>";
  }
  out += "</tbody></table></section>\n";
  return out;
}

std::string failures_section(const json::object& results) {
  std::string rows;
  for (const auto& v : cases_of(results)) {
    if (!v.is_object()) continue;
    const auto& c = v.as_object();
    for (const auto& [kind, f] : object_at(c, "failures")) {
      if (!f.is_object()) continue;
      std::string messages;
      const auto* m = f.as_object().if_contains("messages");
      if (m != nullptr && m->is_array()) {
        for (const auto& msg : m->as_array()) {
          if (msg.is_string()) messages += "<li>" + html_escape(msg.as_string()) + "</li>";
        }
      }
      rows += "<tr>" + cell(text_at(c, "name")) + cell(std::string(kind)) +
              num_cell(number_at(f.as_object(), "count"), 0) + "<td><ul class=\"msgs\">" + messages + "</ul></td></tr>";
    }
  }
  std::string out = "<section id=\"failures\"><h2>Failures by kind</h2>";
  if (rows.empty()) return out + "<p>No request failed.</p></section>\n";
  return out + "<table><thead><tr><th>case</th><th>kind</th><th>count</th><th>first messages</th></tr></thead><tbody>" +
         rows + "</tbody></table></section>\n";
}

std::string streaming_section(const json::object& results) {
  std::string rows;
  for (const auto& v : cases_of(results)) {
    if (!v.is_object()) continue;
    const auto& c = v.as_object();
    const auto& s = object_at(c, "stream");
    if (s.empty()) continue;
    rows += "<tr>" + cell(text_at(c, "name")) + num_cell(number_at(s, "streams"), 0) +
            num_cell(number_at(s, "incomplete"), 0) + num_cell(number_at(s, "tokens"), 0) +
            num_cell(number_at(s, "tokens_per_s"), 1) + num_cell(number_at(object_at(s, "ttfb_ms"), "p50"), 2) +
            num_cell(number_at(object_at(s, "ttft_ms"), "p50"), 2) +
            num_cell(number_at(object_at(s, "ttft_ms"), "p95"), 2) +
            num_cell(number_at(object_at(s, "gap_ms"), "p95"), 2) + "</tr>";
  }
  if (rows.empty()) return {};
  return "<section id=\"streaming\"><h2>Streaming</h2><table><thead><tr><th>case</th><th>streams</th>"
         "<th>incomplete</th><th>tokens</th><th>tokens/s</th><th>TTFB p50 ms</th><th>TTFT p50 ms</th>"
         "<th>TTFT p95 ms</th><th>gap p95 ms</th></tr></thead><tbody>" +
         rows + "</tbody></table></section>\n";
}

}  // namespace shield::report::html
