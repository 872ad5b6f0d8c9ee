// Text of the chart's gnuplot data file and script.

#include "support/monitor/chart.hpp"

#include "support/monitor/detail/number_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace shield::monitor {

namespace {

using detail::fixed;

constexpr double mib = 1024.0 * 1024.0;
constexpr std::size_t column_count = 11;

// Data-file columns (1-based, as gnuplot's `using` counts).
enum column : int {
  col_t = 1,
  col_rps,
  col_failures,
  col_p50,
  col_p95,
  col_target_cpu,
  col_local_cpu,
  col_target_memory,
  col_local_rss,
  col_redis_memory,
  col_backend_rps,
};

using row = std::array<std::optional<double>, column_count>;

std::optional<double> scaled(const std::optional<double>& value, double divisor) {
  return value ? std::optional<double>(*value / divisor) : std::nullopt;
}

std::vector<row> chart_rows(std::span<const series_sample> samples) {
  std::vector<row> rows;
  double previous_t = 0.0;
  for (const series_sample& s : samples) {
    row r;
    const double interval = s.t - previous_t;
    previous_t = s.t;
    r[col_t - 1] = s.t;
    r[col_rps - 1] = s.client.rps;
    r[col_failures - 1] =
        interval > 0.0 ? std::optional<double>(static_cast<double>(s.client.failures) / interval) : std::nullopt;
    r[col_p50 - 1] = s.client.p50_ms;
    r[col_p95 - 1] = s.client.p95_ms;
    r[col_target_cpu - 1] = s.target.values.cpu_percent;
    r[col_local_cpu - 1] = s.local.cpu_percent;
    r[col_target_memory - 1] = scaled(s.target.values.memory_bytes, mib);
    r[col_local_rss - 1] =
        s.local.rss_bytes ? std::optional<double>(static_cast<double>(*s.local.rss_bytes) / mib) : std::nullopt;
    r[col_redis_memory - 1] = scaled(s.target.values.redis_memory_bytes, mib);
    r[col_backend_rps - 1] = s.target.rates.requests_per_second;
    rows.push_back(r);
  }
  return rows;
}

// gnuplot single-quoted string: no escapes inside, a quote is doubled.
std::string gp_string(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "''";
    else if (c != '\n' && c != '\r')
      out += c;
  }
  return out + "'";
}

// One line of a plot command.
struct series_spec {
  int column;         // data column
  std::string title;  // legend entry
  std::string style;  // "lc rgb ... lw ..."
};

// A panel's plot command; only series with at least one value (gnuplot aborts on all-undefined).
std::string plot_command(const std::vector<row>& rows, const std::string& data, const std::vector<series_spec>& specs) {
  std::string parts;
  for (const series_spec& spec : specs) {
    const bool any = std::any_of(rows.begin(), rows.end(), [&](const row& r) {
      const auto& v = r[static_cast<std::size_t>(spec.column - 1)];
      return v && std::isfinite(*v);
    });
    if (!any) continue;
    parts += parts.empty() ? "plot " : ", \\\n     ";
    parts += data + " using 1:" + std::to_string(spec.column) + " with linespoints pt 7 ps 0.4 " + spec.style +
             " title " + gp_string(spec.title);
  }
  if (parts.empty())
    return "set label 99 'no data' at graph 0.5, graph 0.5 center\nset yrange [0:1]\nplot -1 notitle\n"
           "unset label 99\nset autoscale y\n";
  return parts + "\n";
}

// Consecutive samples of one phase: [start, end] in seconds.
struct phase_span {
  std::string name;    // phase as the caller named it
  double start = 0.0;  // start of its first interval (end of the previous sample)
  double end = 0.0;    // t of its last sample
};

std::vector<phase_span> phase_spans(std::span<const series_sample> samples) {
  std::vector<phase_span> spans;
  double previous_t = 0.0;
  for (const series_sample& s : samples) {
    if (spans.empty() || spans.back().name != s.phase)
      spans.push_back(phase_span{s.phase, previous_t, s.t});
    else
      spans.back().end = s.t;
    previous_t = s.t;
  }
  return spans;
}

}  // namespace

std::string chart_data_text(std::span<const series_sample> samples) {
  std::string out =
      "# t rps failures_per_s p50_ms p95_ms target_cpu local_cpu target_mem_mib local_rss_mib "
      "redis_mem_mib backend_rps\n";
  for (const row& r : chart_rows(samples)) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i > 0) out += ' ';
      out += r[i] && std::isfinite(*r[i]) ? fixed(*r[i], 4) : "NaN";
    }
    out += '\n';
  }
  return out;
}

std::string chart_script_text(const monitor_report& report, const std::filesystem::path& data_file,
                              const std::filesystem::path& png_file, const chart_options& options) {
  const std::vector<row> rows = chart_rows(report.samples);
  const std::string data = gp_string(data_file.string());
  const std::string size = std::to_string(options.width) + "," + std::to_string(options.height);
  double t_max = 1.0;
  for (const series_sample& s : report.samples) t_max = std::max(t_max, s.t);
  std::string g;
  g += "# shield-stress monitor chart (generated)\n";
  // pngcairo draws better; plain png is the fallback when cairo is absent.
  g += "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n";
  g += "  set terminal pngcairo noenhanced size " + size + " font 'sans,10'\n  print 'terminal: pngcairo'\n";
  g += "} else {\n";
  g += "  set terminal png noenhanced size " + size + "\n  print 'terminal: png'\n}\n";
  g += "set output " + gp_string(png_file.string()) + "\n";
  g += "set datafile commentschars '#'\n";
  // Rounded up, so the last sample (written with 4 decimals) is never just outside the range.
  g += "set xrange [0:" + fixed(std::ceil(t_max * 1000.0) / 1000.0 + 0.001, 3) + "]\n";
  g += "set grid\nset key outside top center horizontal samplen 2\nset lmargin 12\nset rmargin 4\n";
  // Phases: shaded bands and dashed boundaries, drawn behind every panel.
  const std::vector<phase_span> spans = phase_spans(report.samples);
  static constexpr std::array<const char*, 4> shades = {"#e8eefc", "#fcf3e3", "#e6f5e6", "#f6e6f6"};
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const phase_span& p = spans[i];
    const std::string id = std::to_string(i + 1);
    g += "set object " + id + " rect from first " + fixed(p.start, 3) + ", graph 0 to first " + fixed(p.end, 3) +
         ", graph 1 behind fillcolor rgb '" + shades[i % shades.size()] + "' fillstyle solid 1.0 noborder\n";
    if (i > 0)
      g += "set arrow " + id + " from first " + fixed(p.start, 3) + ", graph 0 to first " + fixed(p.start, 3) +
           ", graph 1 nohead dashtype 2 linecolor rgb 'gray40'\n";
  }
  std::string title = "Shield monitor";
  if (!report.settings.target.empty()) title += ": " + report.settings.target;
  if (!report.settings.started_at.empty()) title += " (" + report.settings.started_at + ")";
  g += "set multiplot layout 4,1 title " + gp_string(title) + "\n";
  // Phase names only on the top panel.
  for (std::size_t i = 0; i < spans.size(); ++i)
    g += "set label " + std::to_string(i + 1) + " " + gp_string(spans[i].name) + " at first " +
         fixed((spans[i].start + spans[i].end) / 2.0, 3) + ", graph 0.93 center front\n";
  g += "set ylabel 'requests/s'\nset yrange [0:*]\n";
  g += plot_command(rows, data,
                    {{col_rps, "client requests/s", "lc rgb '#1f77b4' lw 2"},
                     {col_backend_rps, "backend http_requests_total rate", "lc rgb '#17becf' lw 1"},
                     {col_failures, "failures/s", "lc rgb '#d62728' lw 2"}});
  g += "unset label\n";
  g += "set ylabel 'latency (ms)'\nset yrange [0:*]\n";
  g += plot_command(rows, data, {{col_p50, "p50", "lc rgb '#2ca02c' lw 2"}, {col_p95, "p95", "lc rgb '#ff7f0e' lw 2"}});
  g += "set ylabel 'CPU (%)'\nset yrange [0:*]\n";
  g += plot_command(rows, data,
                    {{col_target_cpu, "backend system_cpu_usage_percent", "lc rgb '#9467bd' lw 2"},
                     {col_local_cpu, "local process (100% = 1 core)", "lc rgb '#8c564b' lw 2"}});
  g += "set ylabel 'memory (MiB)'\nset xlabel 'time since start (s)'\nset yrange [*:*]\n";
  g += plot_command(rows, data,
                    {{col_target_memory, "backend system_memory_usage_bytes", "lc rgb '#e377c2' lw 2"},
                     {col_local_rss, "local process RSS", "lc rgb '#7f7f7f' lw 2"},
                     {col_redis_memory, "redis_memory_usage_bytes", "lc rgb '#bcbd22' lw 2"}});
  g += "unset multiplot\nunset output\n";
  return g;
}

}  // namespace shield::monitor
