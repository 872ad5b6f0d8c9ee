#pragma once

// The run's two output files: the JSON report always, then the chart when gnuplot allows.

#include "support/monitor/chart.hpp"
#include "support/monitor/output_files.hpp"
#include "support/monitor/report.hpp"

#include <chrono>
#include <filesystem>

namespace shield::monitor {

// Outcome of writing both files; each part carries its own one-line message.
struct run_outputs {
  file_result report;  // metrics_report_<stamp>.json
  chart_result chart;  // metrics_chart_<stamp>.png (skipped without gnuplot)
};

// Writes the report, then the chart, under one stamp taken from `when`; the chart is attempted
// even when the report failed, and a missing gnuplot never affects the report.
[[nodiscard]] run_outputs write_run_outputs(const monitor_report& report, const std::filesystem::path& directory,
                                            std::chrono::system_clock::time_point when,
                                            const chart_options& options = {});

}  // namespace shield::monitor
