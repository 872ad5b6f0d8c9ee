#include "benchmarks/bench/html_output.hpp"
#include "support/base/read_file.hpp"

#include "support/monitor/output_files.hpp"
#include "support/report/html/html_report.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace shield::bench {

namespace {

namespace fs = std::filesystem;

// The run's metrics reports in name (time) order: stamp within [from, to], same target.
std::vector<boost::json::value> monitor_reports(const std::string& dir, const std::string& target,
                                                const std::string& from, const std::string& to) {
  static const std::regex name(R"(metrics_report_(\d{8}_\d{6})(_\d+)?\.json)");
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    const std::string file = entry.path().filename().string();
    if (std::regex_match(file, m, name) && m[1].str() >= from && m[1].str() <= to) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<boost::json::value> out;
  for (const auto& f : files) {
    const auto text = base::read_file(f);
    if (!text) continue;
    boost::system::error_code parse_error;
    auto doc = boost::json::parse(*text, parse_error);
    if (parse_error || !doc.is_object()) continue;
    const auto* settings = doc.as_object().if_contains("settings");
    const auto* t = settings && settings->is_object() ? settings->as_object().if_contains("target") : nullptr;
    if (t && t->is_string() && t->as_string() == target) out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace

base::result<std::string> write_run_report(const report::results_document& document, const std::string& results_path,
                                           const std::string& results_dir, bool monitor,
                                           std::chrono::system_clock::time_point started,
                                           std::chrono::system_clock::time_point finished) {
  const std::string path = report::report_path_for(results_path);
  std::vector<boost::json::value> series;
  if (monitor) {
    series = monitor_reports(results_dir, document.configuration.target, monitor::file_stamp(started),
                             monitor::file_stamp(finished));
  }
  if (auto written = report::write_html_report(document, path, series); !written) return written.error();
  return path;
}

}  // namespace shield::bench
