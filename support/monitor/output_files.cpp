#include "support/monitor/output_files.hpp"

#include "support/monitor/report_json.hpp"
#include "support/base/atomic_file.hpp"

#include <boost/json/serialize.hpp>

#include <ctime>

namespace shield::monitor {

namespace {

std::string format_local(std::chrono::system_clock::time_point when, const char* pattern) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  localtime_r(&seconds, &parts);
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, pattern, &parts);
  return std::string(buffer, n);
}

// Report text with each sample and verdict on its own line.
std::string report_text(const monitor_report& report) {
  const boost::json::value document = report_to_json(report);
  const boost::json::object& root = document.as_object();
  std::string out = "{";
  bool first = true;
  for (const auto& member : root) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += boost::json::serialize(boost::json::string(member.key()));
    out += ": ";
    if (member.value().is_array()) {
      const boost::json::array& items = member.value().as_array();
      out += "[";
      for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "\n    " : ",\n    ") + boost::json::serialize(items[i]);
      out += items.empty() ? "]" : "\n  ]";
    } else {
      out += boost::json::serialize(member.value());
    }
  }
  out += "\n}\n";
  return out;
}

}  // namespace

std::string file_stamp(std::chrono::system_clock::time_point when) { return format_local(when, "%Y%m%d_%H%M%S"); }

std::string local_iso_time(std::chrono::system_clock::time_point when) {
  return format_local(when, "%Y-%m-%dT%H:%M:%S");
}

file_result write_file(const std::filesystem::path& path, std::string_view content) {
  file_result out;
  out.path = path;
  if (auto written = base::write_file_atomically(path, content); !written) {
    out.error = written.error().code;
    out.message = written.error().message;
  }
  return out;
}

file_result write_report(const monitor_report& report, const std::filesystem::path& directory, std::string_view stamp) {
  const std::filesystem::path path = directory / ("metrics_report_" + std::string(stamp) + ".json");
  return write_file(path, report_text(report));
}

}  // namespace shield::monitor
