#include "support/report/html/svg_chart.hpp"

#include "support/report/html/html_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace shield::report {

namespace {

// Colour-blind-friendly palette (Okabe-Ito), cycled.
constexpr std::array<const char*, 8> palette{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                             "#E69F00", "#56B4E9", "#000000", "#F0E442"};

constexpr int margin_left = 64;    // room for y tick texts and label
constexpr int margin_right = 30;   // room for the last x tick text
constexpr int margin_top = 28;     // title
constexpr int margin_bottom = 44;  // x ticks and label
constexpr int legend_row = 16;     // height of one legend line

std::string px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string tick_text(double v) {
  char buf[32];
  const double a = std::fabs(v);
  if (a != 0 && (a >= 1e6 || a < 1e-3))
    std::snprintf(buf, sizeof buf, "%.2g", v);
  else if (a >= 100 || v == std::floor(v))
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 10)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

struct range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!std::isfinite(v)) return;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  bool empty() const { return !(low <= high); }
};

// The axis range and its ticks: given ticks widen the data range, else nice ticks cover it.
std::vector<std::pair<double, std::string>> axis_ticks(const svg_axis& axis, range& r) {
  for (const auto& t : axis.ticks) r.add(t.first);
  if (axis.from_zero) r.add(0.0);
  if (r.high == r.low) r.high = r.low + 1.0;
  if (!axis.ticks.empty()) return axis.ticks;
  std::vector<std::pair<double, std::string>> out;
  for (double v : nice_ticks(r.low, r.high)) out.emplace_back(v, tick_text(v));
  if (!out.empty()) {
    r.low = std::min(r.low, out.front().first);
    r.high = std::max(r.high, out.back().first);
  }
  return out;
}

}  // namespace

std::vector<double> nice_ticks(double low, double high, int count) {
  std::vector<double> out;
  if (!std::isfinite(low) || !std::isfinite(high) || high <= low || count < 2) return out;
  const double raw = (high - low) / (count - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  const double first = std::floor(low / step) * step;
  for (double v = first; v <= high + step * 0.999 && out.size() < 50; v += step) {
    out.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  }
  return out;
}

std::string render_svg(const svg_chart& chart) {
  range xr, yr;
  for (const auto& s : chart.series) {
    for (const auto& [x, y] : s.points) {
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      xr.add(x);
      yr.add(y);
    }
  }
  const int legend_lines = static_cast<int>(chart.series.size());
  const int height = chart.height + legend_lines * legend_row;
  std::string out = "<svg class=\"chart\" role=\"img\" width=\"" + std::to_string(chart.width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(chart.width) + " " +
                    std::to_string(height) + "\" font-family=\"sans-serif\" font-size=\"11\">";
  out += "<title>" + html_escape(chart.title) + "</title>";
  out += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(chart.width) + "\" height=\"" + std::to_string(height) +
         "\" fill=\"#ffffff\"/>";
  out += "<text x=\"" + std::to_string(chart.width / 2) + "\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">" +
         html_escape(chart.title) + "</text>";
  const double plot_w = chart.width - margin_left - margin_right;
  const double plot_h = chart.height - margin_top - margin_bottom;
  if (xr.empty() || yr.empty()) {
    out += "<text x=\"" + std::to_string(chart.width / 2) + "\" y=\"" + std::to_string(chart.height / 2) +
           "\" text-anchor=\"middle\" fill=\"#777\">no data</text></svg>";
    return out;
  }
  const auto xt = axis_ticks(chart.x, xr);
  const auto yt = axis_ticks(chart.y, yr);
  auto sx = [&](double x) { return margin_left + (x - xr.low) / (xr.high - xr.low) * plot_w; };
  auto sy = [&](double y) { return margin_top + plot_h - (y - yr.low) / (yr.high - yr.low) * plot_h; };

  out += "<rect x=\"" + px(margin_left) + "\" y=\"" + px(margin_top) + "\" width=\"" + px(plot_w) + "\" height=\"" +
         px(plot_h) + "\" fill=\"#fafafa\" stroke=\"#999\"/>";
  for (const auto& [v, text] : yt) {
    if (v < yr.low || v > yr.high) continue;
    const std::string y = px(sy(v));
    out.append("<line x1=\"").append(px(margin_left)).append("\" y1=\"").append(y).append("\" x2=\"");
    out.append(px(margin_left + plot_w)).append("\" y2=\"").append(y).append("\" stroke=\"#e3e3e3\"/>");
    out += "<text x=\"" + px(margin_left - 4) + "\" y=\"" + y + "\" dy=\"4\" text-anchor=\"end\">" + html_escape(text) +
           "</text>";
  }
  for (const auto& [v, text] : xt) {
    if (v < xr.low || v > xr.high) continue;
    const std::string x = px(sx(v));
    out.append("<line x1=\"").append(x).append("\" y1=\"").append(px(margin_top)).append("\" x2=\"").append(x);
    out.append("\" y2=\"").append(px(margin_top + plot_h)).append("\" stroke=\"#e3e3e3\"/>");
    out += "<text x=\"" + x + "\" y=\"" + px(margin_top + plot_h + 14) + "\" text-anchor=\"middle\">" +
           html_escape(text) + "</text>";
  }
  out += "<text x=\"" + px(margin_left + plot_w / 2) + "\" y=\"" + px(margin_top + plot_h + 32) +
         "\" text-anchor=\"middle\">" + html_escape(chart.x.label) + "</text>";
  out += "<text transform=\"translate(14 " + px(margin_top + plot_h / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         html_escape(chart.y.label) + "</text>";

  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    const std::string colour = palette[i % palette.size()];
    std::string points;
    for (const auto& [x, y] : s.points) {
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      points += px(sx(x)) + "," + px(sy(y)) + " ";
    }
    if (!points.empty()) {
      out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.8\"");
      out.append(s.dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(points).append("\"/>");
    }
    std::size_t drawn = 0;
    for (const auto& [x, y] : s.points) drawn += std::isfinite(x) && std::isfinite(y) ? 1 : 0;
    if (s.markers || drawn == 1) {  // a lone point draws no line: mark it
      for (const auto& [x, y] : s.points) {
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        out += "<circle cx=\"" + px(sx(x)) + "\" cy=\"" + px(sy(y)) + "\" r=\"3\" fill=\"" + colour + "\"/>";
      }
    }
    const int ly = chart.height + static_cast<int>(i) * legend_row;
    out += "<line x1=\"" + std::to_string(margin_left) + "\" y1=\"" + std::to_string(ly - 4) + "\" x2=\"" +
           std::to_string(margin_left + 22) + "\" y2=\"" + std::to_string(ly - 4) + "\" stroke=\"" + colour +
           "\" stroke-width=\"2\"" + (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>";
    out += "<text x=\"" + std::to_string(margin_left + 28) + "\" y=\"" + std::to_string(ly) + "\">" +
           html_escape(s.name) + "</text>";
  }
  out += "</svg>";
  return out;
}

}  // namespace shield::report
