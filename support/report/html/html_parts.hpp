#pragma once
// Pieces the HTML report's sections share: table cells, a counter looked up by name, failures as
// text and latency-by-percentile curves on HdrHistogram's axis.

#include "support/load/case_counters.hpp"
#include "support/report/html/svg_chart.hpp"
#include "support/stats/latency_histogram.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shield::report::html {

// <td> with `text` escaped (class `cls` when given).
std::string cell(const std::string& text, const char* cls = nullptr);
// <td class="num"> with `v` to `decimals` decimals ("–" when not finite).
std::string num_cell(double v, int decimals);

// The counter named `name`, NaN when absent or unknown.
double counter_value(const std::vector<load::counter>& counters, std::string_view name);

// "reset 3, request_timeout 1" for per-outcome counts (load::index_of order); "–" when none failed.
std::string failure_text(const std::array<std::uint64_t, load::outcome_count>& outcomes);

// A tally's count per outcome (index_of order), for failure_text.
std::array<std::uint64_t, load::outcome_count> outcome_counts(const load::tally& t);

// Latency (ms) by percentile, x = log10(1 / (1 - p)) as HdrHistogram plots it.
svg_series percentile_curve(const stats::latency_histogram& h, std::string name, bool dashed);
// Ticks "0%", "90%", "99%", "99.9%"... up to the curves' last decade (at least 1).
void percentile_ticks(svg_chart& chart);

}  // namespace shield::report::html
