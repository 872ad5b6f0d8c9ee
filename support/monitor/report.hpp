#pragma once

// The whole monitoring report: run settings, the time series and the verdicts.

#include "support/monitor/time_series.hpp"
#include "support/monitor/verdict.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shield::monitor {

// How the run was monitored.
struct report_settings {
  std::string target;            // target base URL
  double interval_s = 1.0;       // sampling interval in seconds
  std::optional<int> local_pid;  // backend PID sampled through /proc, when local
  unsigned cpu_cores = 1;        // cores of this machine (local CPU % / cores = share of the machine)
  std::string started_at;        // run start, local time "YYYY-MM-DDTHH:MM:SS"
  verdict_options verdicts;      // thresholds the verdicts used
  std::vector<std::pair<std::string, std::string>> extra;  // caller's own settings (preset, concurrency, ...)
};

// Everything written to metrics_report_*.json and drawn in metrics_chart_*.png.
struct monitor_report {
  report_settings settings;            // how the run was monitored
  std::vector<series_sample> samples;  // one per interval, in time order
  std::vector<verdict> verdicts;       // outcome per watched metric
};

}  // namespace shield::monitor
