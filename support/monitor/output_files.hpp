#pragma once

// Report file names and atomic writes: a temp file in the target directory, then rename, so a
// reader never sees half a report.

#include "support/monitor/report.hpp"

#include <boost/system/error_code.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace shield::monitor {

// Outcome of writing one file.
struct file_result {
  std::filesystem::path path;       // file written (or attempted)
  boost::system::error_code error;  // set on failure
  std::string message;              // what failed (when `error` is set)

  [[nodiscard]] bool ok() const { return !error; }
};

// "YYYYMMDD_HHMMSS" in local time, the original scripts' file-name stamp.
[[nodiscard]] std::string file_stamp(std::chrono::system_clock::time_point when);

// "YYYY-MM-DDTHH:MM:SS" in local time, for report_settings::started_at.
[[nodiscard]] std::string local_iso_time(std::chrono::system_clock::time_point when);

// Writes content with base::write_file_atomically (temp file beside path, fsync, rename).
[[nodiscard]] file_result write_file(const std::filesystem::path& path, std::string_view content);

// Writes <directory>/metrics_report_<stamp>.json (pretty enough to diff: one sample per line).
[[nodiscard]] file_result write_report(const monitor_report& report, const std::filesystem::path& directory,
                                       std::string_view stamp);

}  // namespace shield::monitor
