// Writes the chart's files and runs gnuplot on them.

#include "support/monitor/chart.hpp"

#include "support/monitor/output_files.hpp"
#include "support/monitor/run_program.hpp"

#include <unistd.h>

#include <system_error>

namespace shield::monitor {

namespace {

// First non-empty line of text (gnuplot's first complaint), for the one-line message.
std::string first_line(std::string_view text) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos && line.rfind("terminal: ", 0) != 0)
      return std::string(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return {};
}

// "terminal: NAME" line the script prints.
std::string terminal_used(std::string_view text) {
  const std::size_t at = text.find("terminal: ");
  if (at == std::string_view::npos) return {};
  const std::string_view rest = text.substr(at + 10);
  return std::string(rest.substr(0, rest.find('\n')));
}

void remove_quietly(const std::filesystem::path& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

}  // namespace

std::string_view to_string(chart_status status) {
  switch (status) {
    case chart_status::written:
      return "written";
    case chart_status::skipped:
      return "skipped";
    case chart_status::failed:
      return "failed";
  }
  return "failed";
}

chart_result write_chart(const monitor_report& report, const std::filesystem::path& directory, std::string_view stamp,
                         const chart_options& options) {
  chart_result result;
  const std::string base = "metrics_chart_" + std::string(stamp);
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::absolute(directory, ec);
  result.png = (ec ? directory : dir) / (base + ".png");
  result.script = result.png.parent_path() / (base + ".gp");
  result.data = result.png.parent_path() / (base + ".dat");
  const std::optional<std::filesystem::path> gnuplot = find_program(
      options.gnuplot, options.search_path ? std::optional<std::string_view>(*options.search_path) : std::nullopt);
  if (!gnuplot) {
    result.status = chart_status::skipped;
    result.message = "skipped: gnuplot not installed";
    return result;
  }
  // gnuplot draws into a temp name; the rename publishes only a complete PNG.
  std::filesystem::path partial = result.png;
  partial += ".tmp." + std::to_string(::getpid());
  if (const file_result f = write_file(result.data, chart_data_text(report.samples)); !f.ok()) {
    result.message = "chart data: " + f.message;
    return result;
  }
  if (const file_result f = write_file(result.script, chart_script_text(report, result.data, partial, options));
      !f.ok()) {
    remove_quietly(result.data);
    result.message = "chart script: " + f.message;
    return result;
  }
  const program_result run = run_program(*gnuplot, {result.script.string()}, result.png.parent_path(), options.timeout);
  result.terminal = terminal_used(run.stderr_text);
  std::error_code size_ec;
  const bool drawn = run.succeeded() && std::filesystem::file_size(partial, size_ec) > 0 && !size_ec;
  std::error_code rename_ec;
  if (drawn) std::filesystem::rename(partial, result.png, rename_ec);
  if (!options.keep_sources) {
    remove_quietly(result.data);
    remove_quietly(result.script);
  }
  if (drawn && !rename_ec) {
    result.status = chart_status::written;
    result.message = "chart: " + result.png.string();
    return result;
  }
  remove_quietly(partial);
  result.status = chart_status::failed;
  result.gnuplot_stderr = run.stderr_text;
  if (!run.started)
    result.message = "chart failed: " + run.error;
  else if (run.timed_out)
    result.message = "chart failed: gnuplot killed after " + std::to_string(options.timeout.count()) + " ms";
  else if (!run.succeeded())
    result.message = "chart failed: gnuplot exit " +
                     (run.signal != 0 ? "signal " + std::to_string(run.signal) : std::to_string(run.exit_code)) + ": " +
                     first_line(run.stderr_text);
  else
    result.message = "chart failed: " + (rename_ec ? rename_ec.message() : std::string("gnuplot wrote no image"));
  return result;
}

}  // namespace shield::monitor
