#include "support/report/results/results_table.hpp"

#include "support/stats/latency_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shield::report {

namespace {

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

struct column {
  const char* title;  // header text
  bool left;          // left-aligned (text) or right-aligned (numbers)
};

constexpr column columns[] = {{"case", true},     {"requests", false}, {"success %", false}, {"rps", false},
                              {"mean ms", false}, {"p50 ms", false},   {"p95 ms", false},    {"p99 ms", false},
                              {"failures", true}, {"grade", true},     {"thresholds", true}};
constexpr std::size_t column_count = sizeof columns / sizeof columns[0];

std::vector<std::string> row_of(const case_record& c) {
  const auto& r = c.result;
  if (!c.error.empty()) {
    return {c.name, "-", "-", "-", "-", "-", "-", "-", "-", c.skipped ? "skipped" : "error", "-"};
  }
  const auto s = stats::summarize(r.totals.latency);
  const bool timed = s.count > 0;
  std::string verdict = c.thresholds.empty() ? "-" : (c.thresholds_passed() ? "pass" : "FAIL");
  std::string name = c.name;
  if (r.interrupted) name += " (interrupted)";
  return {name,
          std::to_string(r.totals.requests),
          fixed(r.success_rate_percent(), 1),
          fixed(r.requests_per_second(), 0),
          timed ? fixed(s.mean, 2) : "-",
          timed ? fixed(s.p50, 2) : "-",
          timed ? fixed(s.p95, 2) : "-",
          timed ? fixed(s.p99, 2) : "-",
          failure_summary(r.totals),
          c.grade.empty() ? "-" : c.grade,
          verdict};
}

}  // namespace

std::string failure_summary(const load::tally& totals) {
  std::string out;
  for (load::outcome kind : load::all_failures) {
    const auto n = totals.outcomes[load::index_of(kind)].count;
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(load::to_string(kind)) + " " + std::to_string(n);
  }
  return out.empty() ? "-" : out;
}

std::string summary_table(const std::vector<case_record>& cases) {
  std::vector<std::vector<std::string>> rows;
  rows.emplace_back();
  for (const auto& c : columns) rows.back().emplace_back(c.title);
  for (const auto& c : cases) rows.push_back(row_of(c));
  std::size_t widths[column_count] = {};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < column_count; ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < column_count; ++i) {
      const std::string& cell = rows[r][i];
      const std::string fill(widths[i] - cell.size(), ' ');
      if (i > 0) line += "  ";
      line += columns[i].left ? cell + fill : fill + cell;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (r == 0) {
      std::size_t total = 0;
      for (std::size_t i = 0; i < column_count; ++i) total += widths[i] + (i > 0 ? 2 : 0);
      out += std::string(total, '-') + "\n";
    }
  }
  for (const auto& c : cases) {
    if (!c.error.empty() && !c.skipped) out += "error: " + c.name + ": " + c.error + "\n";
    for (const auto& v : c.thresholds) {
      if (!v.passed) out += v.message + "\n";
    }
  }
  return out;
}

}  // namespace shield::report
