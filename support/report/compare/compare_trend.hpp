#pragma once

#include "support/base/result.hpp"
#include "support/report/compare/bench_json.hpp"

#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shield::report {

// Counters a trend shows when none is asked for.
inline constexpr std::array<std::string_view, 2> default_trend_counters = {"rps", "p95_ms"};

// One column of a trend: a run file.
struct trend_column {
  std::string source;  // file path
  std::string commit;  // shield_git_commit, empty when unknown
  std::string date;    // context date
};

// One counter across runs: a row per case, a column per run.
struct trend_table {
  std::string counter;                                     // counter shown
  std::vector<trend_column> runs;                          // in the order given
  std::vector<std::string> cases;                          // union of run_names, first-seen order
  std::vector<std::vector<std::optional<double>>> values;  // [case][run]: median, or empty when absent
};

// Trend tables.
struct trend_report {
  std::vector<trend_table> tables;  // one per counter asked for
};

// Builds one table per counter; every counter must occur in at least one run (else a failure
// naming the counter and the counters present).
base::result<trend_report> build_trend(std::span<const bench_run> runs, std::span<const std::string> counters);

// Console tables with a legend of the runs and a last-vs-first change column.
std::string render_trend_console(const trend_report& trend);

// The same as Markdown.
std::string render_trend_markdown(const trend_report& trend);

// {"format":"shield.trend","runs":[...],"counters":{name:{case:[value|null,...]}}}.
boost::json::value trend_to_json(const trend_report& trend);

}  // namespace shield::report
