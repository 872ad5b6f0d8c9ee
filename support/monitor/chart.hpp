#pragma once

// The run's chart as metrics_chart_<stamp>.png, drawn by the gnuplot program: four stacked panels
// on one time axis (requests/s with failures/s, latency p50/p95, CPU %, memory), phases shaded
// and separated by dashed lines. The gnuplot script and data file are written next to it.

#include "support/monitor/report.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace shield::monitor {

// What became of the chart.
enum class chart_status {
  written,  // the PNG exists
  skipped,  // gnuplot is not installed (message: "skipped: gnuplot not installed")
  failed,   // gnuplot or file I/O failed (message and gnuplot_stderr say why)
};

// "written", "skipped", "failed".
[[nodiscard]] std::string_view to_string(chart_status status);

// Chart knobs.
struct chart_options {
  std::string gnuplot = "gnuplot";            // program name looked up in PATH, or a path
  std::optional<std::string> search_path;     // directories to search instead of $PATH
  std::chrono::milliseconds timeout{30'000};  // gnuplot is killed after this
  int width = 1200;                           // PNG width in pixels
  int height = 1400;                          // PNG height in pixels
  bool keep_sources = true;                   // keep the .gp script and .dat file after drawing
};

// Outcome of drawing the chart.
struct chart_result {
  chart_status status = chart_status::failed;  // what happened
  std::filesystem::path png;                   // PNG path (exists only when written)
  std::filesystem::path script;                // gnuplot script path
  std::filesystem::path data;                  // data file path
  std::string terminal;                        // gnuplot terminal used: "pngcairo" or "png"
  std::string message;                         // one line for the caller to print
  std::string gnuplot_stderr;                  // gnuplot's stderr when it failed
};

// Writes <directory>/metrics_chart_<stamp>.{dat,gp,png}.
[[nodiscard]] chart_result write_chart(const monitor_report& report, const std::filesystem::path& directory,
                                       std::string_view stamp, const chart_options& options = {});

// Whitespace-separated data file: one row per sample, NaN for missing values. Columns:
// t, client rps, failures/s, p50 ms, p95 ms, target CPU %, local CPU %, target memory MiB,
// local RSS MiB, Redis memory MiB, backend requests/s.
[[nodiscard]] std::string chart_data_text(std::span<const series_sample> samples);

// gnuplot script reading data_file and writing png_file (paths as given).
[[nodiscard]] std::string chart_script_text(const monitor_report& report, const std::filesystem::path& data_file,
                                            const std::filesystem::path& png_file, const chart_options& options);

}  // namespace shield::monitor
