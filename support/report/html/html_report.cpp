#include "support/report/html/html_report.hpp"

#include "support/report/html/html_sections.hpp"
#include "support/report/html/html_text.hpp"
#include "support/base/atomic_file.hpp"

#include <filesystem>

namespace shield::report {

std::string render_html_report(const results_document& results, const std::vector<boost::json::value>& monitor) {
  const run_summary summary = summarize_run(results);  // the results file's "summary"
  const std::string& target = results.configuration.target;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>shield-stress report: " +
                    html_escape(target) + "</title><style>" + report_css() + "</style></head><body>\n";
  out += "<h1>shield-stress report</h1><p>" + html_escape(target) + " \u2014 " + html_escape(results.started) +
         "</p><p><span class=\"verdict " + (summary.passed ? "good" : "bad") + "\">" +
         (summary.passed ? "PASSED" : "FAILED") + "</span> " + std::to_string(summary.cases) + " cases, " +
         std::to_string(summary.errors) + " errors, " + std::to_string(summary.threshold_failures) +
         " threshold failures" + (results.interrupted ? ", interrupted (Ctrl-C)" : "") + "</p>\n";
  out += html::configuration_section(results);
  out += html::capacity_section(results);
  out += html::summary_section(results);
  out += html::shapes_section(results);
  out += html::endpoints_section(results);
  out += html::scalability_section(results);
  out += html::distribution_section(results);
  out += html::failures_section(results);
  out += html::streaming_section(results);
  out += html::monitor_section(monitor);
  out += "<p class=\"note\">Written by shield-stress from " + std::string(results_format_name) + " version " +
         std::to_string(results_format_version) + ".</p>\n</body></html>\n";
  return out;
}

base::result<void> write_html_report(const results_document& results, const std::string& path,
                                     const std::vector<boost::json::value>& monitor) {
  return base::write_file_atomically(path, render_html_report(results, monitor));
}

std::string report_path_for(const std::string& results_path) {
  std::filesystem::path p(results_path);
  std::string name = p.filename().string();
  if (const auto at = name.find("results"); at != std::string::npos) name.replace(at, 7, "report");
  if (name.size() > 5 && name.ends_with(".json")) name.resize(name.size() - 5);
  name += ".html";
  return (p.parent_path() / name).string();
}

}  // namespace shield::report
