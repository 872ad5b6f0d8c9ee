#include "support/report/results/results_table.hpp"

#include "support/stats/latency_summary.hpp"
#include "support/stats/threshold_rules.hpp"

#include <algorithm>
#include <array>
#include <chrono>
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

// rps counts every request, ok rps only the successful ones (goodput): a case at 20 % success shows both.
constexpr column columns[] = {{"case", true},    {"requests", false}, {"success %", false}, {"rps", false},
                              {"ok rps", false}, {"mean ms", false},  {"p50 ms", false},    {"p95 ms", false},
                              {"p99 ms", false}, {"failures", true},  {"grade", true},      {"thresholds", true}};
constexpr std::size_t column_count = sizeof columns / sizeof columns[0];
// A row has exactly one cell per column: a longer one does not compile, a shorter one ends in empty cells.
using table_row = std::array<std::string, column_count>;

table_row row_of(const case_record& c) {
  const auto& r = c.result;
  if (!c.error.empty()) {
    return {c.name, "-", "-", "-", "-", "-", "-", "-", "-", "-", c.skipped ? "skipped" : "error", "-"};
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
          fixed(r.ok_per_second(), 0),
          timed ? fixed(s.mean, 2) : "-",
          timed ? fixed(s.p50, 2) : "-",
          timed ? fixed(s.p95, 2) : "-",
          timed ? fixed(s.p99, 2) : "-",
          failure_summary(r.totals),
          c.grade.empty() ? "-" : c.grade,
          verdict};
}

// "  stage 2 (10s 200->800/s)": the stage's index and shape.
std::string stage_label(const load::load_result& r, std::size_t i) {
  const auto& st = r.stages[i];
  const double secs = std::chrono::duration<double>(st.end - st.begin).count();
  const std::string unit = r.config.mode == load::load_mode::open ? "/s" : " in flight";
  std::string shape = st.from == st.spec.target ? fixed(st.spec.target, 0) + unit
                                                : fixed(st.from, 0) + "->" + fixed(st.spec.target, 0) + unit;
  return "  stage " + std::to_string(i) + " (" + (secs > 0 ? stats::format_number(secs) + "s " : "step ") + shape + ")";
}

// A row of figures under a case: a stage of its shape, or an endpoint of a mixed case.
table_row sub_row(std::string label, const load::tally& t, double rps, double ok_rps) {
  const auto s = stats::summarize(t.latency);
  const bool timed = s.count > 0;
  const double success = t.requests == 0 ? NAN : 100.0 * static_cast<double>(t.ok) / static_cast<double>(t.requests);
  return {std::move(label),
          std::to_string(t.requests),
          fixed(success, 1),
          fixed(rps, 0),
          fixed(ok_rps, 0),
          timed ? fixed(s.mean, 2) : "-",
          timed ? fixed(s.p50, 2) : "-",
          timed ? fixed(s.p95, 2) : "-",
          timed ? fixed(s.p99, 2) : "-",
          failure_summary(t),
          "",
          ""};
}

// The rows of a case: its own, then one per stage, then one per endpoint (mixed), indented.
void add_rows(std::vector<table_row>& rows, const case_record& c) {
  rows.push_back(row_of(c));
  if (!c.error.empty()) return;
  const auto& r = c.result;
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    const bool timed = r.stages[i].end > r.stages[i].begin;
    rows.push_back(sub_row(stage_label(r, i), r.stages[i].totals, timed ? r.stages[i].requests_per_second() : NAN,
                           timed ? r.stages[i].ok_per_second() : NAN));
  }
  if (r.endpoints.size() < 2) return;
  const double wall = std::chrono::duration<double>(r.wall).count();
  for (std::size_t i = 0; i < r.endpoints.size() && i < r.totals.endpoints.size(); ++i) {
    const auto& e = r.totals.endpoints[i];
    load::tally t(1, false);
    t.requests = e.requests;
    t.ok = e.ok;
    for (std::size_t k = 0; k < load::outcome_count; ++k) t.outcomes[k].count = e.outcomes[k];
    t.latency = e.latency;
    rows.push_back(sub_row("  " + r.endpoints[i], t, wall > 0 ? static_cast<double>(e.requests) / wall : NAN,
                           wall > 0 ? static_cast<double>(e.ok) / wall : NAN));
  }
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
  std::vector<table_row> rows(1);
  for (std::size_t i = 0; i < column_count; ++i) rows.back()[i] = columns[i].title;
  for (const auto& c : cases) add_rows(rows, c);
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
