#include "support/monitor/run_outputs.hpp"

namespace shield::monitor {

run_outputs write_run_outputs(const monitor_report& report, const std::filesystem::path& directory,
                              std::chrono::system_clock::time_point when, const chart_options& options) {
  const std::string stamp = file_stamp(when);
  run_outputs out;
  out.report = write_report(report, directory, stamp);
  out.chart = write_chart(report, directory, stamp, options);
  return out;
}

}  // namespace shield::monitor
