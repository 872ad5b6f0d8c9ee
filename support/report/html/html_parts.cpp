#include "support/report/html/html_parts.hpp"

#include "support/report/html/html_text.hpp"

#include <algorithm>
#include <cmath>

namespace shield::report::html {

std::string cell(const std::string& text, const char* cls) {
  return cls ? "<td class=\"" + std::string(cls) + "\">" + html_escape(text) + "</td>"
             : "<td>" + html_escape(text) + "</td>";
}

std::string num_cell(double v, int decimals) { return "<td class=\"num\">" + format_number(v, decimals) + "</td>"; }

double counter_value(const std::vector<load::counter>& counters, std::string_view name) {
  for (const auto& c : counters) {
    if (c.name == name) return c.value;
  }
  return std::nan("");
}

std::string failure_text(const std::array<std::uint64_t, load::outcome_count>& outcomes) {
  std::string out;
  for (load::outcome kind : load::all_failures) {
    const std::uint64_t n = outcomes[load::index_of(kind)];
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(load::to_string(kind)) + " " + std::to_string(n);
  }
  return out.empty() ? "\u2013" : out;
}

std::array<std::uint64_t, load::outcome_count> outcome_counts(const load::tally& t) {
  std::array<std::uint64_t, load::outcome_count> out{};
  for (std::size_t i = 0; i < load::outcome_count; ++i) out[i] = t.outcomes[i].count;
  return out;
}

svg_series percentile_curve(const stats::latency_histogram& h, std::string name, bool dashed) {
  svg_series s{std::move(name), {}, dashed, false};
  if (h.count() == 0) return s;
  const double x_max = std::min(6.0, std::log10(static_cast<double>(h.count())));
  for (double x = 0; x < x_max; x += 0.05) {
    const double p = 1.0 - std::pow(10.0, -x);
    s.points.emplace_back(x, static_cast<double>(h.value_at_quantile(p)) / 1e6);
  }
  s.points.emplace_back(std::max(x_max, 0.05), static_cast<double>(h.max()) / 1e6);
  return s;
}

void percentile_ticks(svg_chart& chart) {
  double last = 0;
  for (const auto& s : chart.series) {
    if (!s.points.empty()) last = std::max(last, s.points.back().first);
  }
  const int decades = std::max(static_cast<int>(std::ceil(last)), 1);
  for (int d = 0; d <= decades; ++d) {
    std::string label = d == 0 ? "0%" : d == 1 ? "90%" : "99";
    if (d > 2) label += "." + std::string(static_cast<std::size_t>(d - 2), '9');
    if (d >= 2) label += "%";
    chart.x.ticks.emplace_back(d, label);
  }
}

}  // namespace shield::report::html
