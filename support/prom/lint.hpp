#pragma once

// Naming and structure lints equivalent to `promtool check metrics` (client_golang promlint).
//
// Texts match promlint word for word so results can be compared with promtool's output, and
// problems repeat the way promlint repeats them (label lints once per series: histogram and
// summary series grouped without le / quantile, other families once per sample). Families
// without samples are skipped, as the Go parser drops them. Two lints go beyond promtool 2.42:
// metric-not-unique (added to promlint later) and reserved-label-prefix. For OpenMetrics
// input, counter families are named without _total (their samples carry it), so the _total
// lint is satisfied by the type.

#include <string>
#include <string_view>
#include <vector>

#include "support/prom/exposition.hpp"

namespace shield::prom {

// One lint finding.
struct lint_problem {
  std::string metric;     // family name, as promtool prints it
  std::string_view lint;  // stable lint id (see lints namespace)
  std::string text;       // promlint's message text
};

// Lints every family; problems sorted by metric, then text (promlint's order).
[[nodiscard]] std::vector<lint_problem> lint_exposition(const exposition& parsed);

// Parse plus lint: what `promtool check metrics` reports.
struct metrics_check {
  exposition parsed;                   // parser result, including format errors
  std::vector<lint_problem> problems;  // lint findings on the parsed families

  // No format error and no lint problem.
  [[nodiscard]] bool ok() const { return parsed.ok() && problems.empty(); }
};

[[nodiscard]] metrics_check check_metrics(std::string_view text, exposition_format format);

// "metric text" lines as promtool prints them on stderr.
[[nodiscard]] std::string format_problems(const std::vector<lint_problem>& problems);

// Stable lint ids carried by lint_problem::lint.
namespace lints {
inline constexpr std::string_view no_help = "no-help";
inline constexpr std::string_view counter_total_suffix = "counter-total-suffix";
inline constexpr std::string_view non_counter_total_suffix = "non-counter-total-suffix";
inline constexpr std::string_view non_histogram_bucket_suffix = "non-histogram-bucket-suffix";
inline constexpr std::string_view reserved_count_suffix = "reserved-count-suffix";
inline constexpr std::string_view reserved_sum_suffix = "reserved-sum-suffix";
inline constexpr std::string_view le_label_non_histogram = "le-label-non-histogram";
inline constexpr std::string_view quantile_label_non_summary = "quantile-label-non-summary";
inline constexpr std::string_view non_base_unit = "non-base-unit";
inline constexpr std::string_view unit_abbreviation = "unit-abbreviation";
inline constexpr std::string_view type_in_name = "type-in-name";
inline constexpr std::string_view colon_in_name = "colon-in-name";
inline constexpr std::string_view camel_case_metric = "camel-case-metric";
inline constexpr std::string_view camel_case_label = "camel-case-label";
inline constexpr std::string_view metric_not_unique = "metric-not-unique";
inline constexpr std::string_view reserved_label_prefix = "reserved-label-prefix";
}  // namespace lints

}  // namespace shield::prom
