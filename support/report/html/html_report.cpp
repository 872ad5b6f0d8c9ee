#include "support/report/html/html_report.hpp"

#include "support/report/html/html_sections.hpp"
#include "support/report/html/html_text.hpp"
#include "support/report/results/results_file.hpp"
#include "support/base/atomic_file.hpp"

#include <boost/json/object.hpp>

#include <filesystem>

namespace shield::report {

std::string render_html_report(const boost::json::value& results, const std::vector<boost::json::value>& monitor) {
  static const boost::json::object empty;
  const auto& r = results.is_object() ? results.as_object() : empty;
  const auto& summary = html::object_at(r, "summary");
  const bool passed = html::text_at(summary, "passed") == "yes";
  const std::string target = html::text_at(html::object_at(r, "configuration"), "target");
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>shield-stress report: " +
                    html_escape(target) + "</title><style>" + report_css() + "</style></head><body>\n";
  out += "<h1>shield-stress report</h1><p>" + html_escape(target) + " \u2014 " +
         html_escape(html::text_at(r, "started")) + "</p><p><span class=\"verdict " + (passed ? "good" : "bad") +
         "\">" + (passed ? "PASSED" : "FAILED") + "</span> " + html_escape(html::text_at(summary, "cases")) +
         " cases, " + html_escape(html::text_at(summary, "errors")) + " errors, " +
         html_escape(html::text_at(summary, "threshold_failures")) + " threshold failures" +
         (html::text_at(r, "interrupted") == "yes" ? ", interrupted (Ctrl-C)" : "") + "</p>\n";
  out += html::configuration_section(r);
  out += html::capacity_section(r);
  out += html::summary_section(r);
  out += html::shapes_section(r);
  out += html::endpoints_section(r);
  out += html::scalability_section(r);
  out += html::distribution_section(r);
  out += html::failures_section(r);
  out += html::streaming_section(r);
  out += html::monitor_section(monitor);
  out += "<p class=\"note\">Written by shield-stress from " + html_escape(html::text_at(r, "format")) + " version " +
         html_escape(html::text_at(r, "version")) + ".</p>\n</body></html>\n";
  return out;
}

base::result<void> write_html_report(const boost::json::value& results, const std::string& path,
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
