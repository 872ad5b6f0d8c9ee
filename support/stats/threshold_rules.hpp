#pragma once

#include "support/base/result.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shield::stats {

// How a counter's value must compare with a rule's limit.
enum class compare_op { less, less_equal, greater, greater_equal };

// One pass/fail rule, e.g. `anonymize:p95_ms<500`.
struct threshold_rule {
  std::string endpoint;              // endpoint scope; empty means every case
  std::string counter;               // counter name, one of the caller's known counters
  compare_op op = compare_op::less;  // the value must satisfy `value op limit`
  double limit = 0.0;                // finite right-hand side
};

// The original scripts' CI gate.
inline constexpr std::string_view default_threshold_expression = "success_rate>95,mean_ms<2000";

// Parses `[endpoint:]counter op limit` items separated by commas, or `none` for no rules.
// op is one of <, <=, >, >=; spaces around items and tokens are ignored. Unknown counters or
// endpoints, a missing operator or limit, a non-number limit, an empty item and anything
// after the limit are errors. The rules in expression order (none for `none`), or a failure
// naming the first offending item.
base::result<std::vector<threshold_rule>> parse_thresholds(std::string_view expression,
                                                           std::span<const std::string> known_counters,
                                                           std::span<const std::string> known_endpoints);

// "<", "<=", ">" or ">=".
std::string_view op_symbol(compare_op op) noexcept;

// True when `value op limit` holds; NaN never satisfies a rule.
bool satisfies(double value, compare_op op, double limit) noexcept;

// Shortest text that reads back as the same double (e.g. "2000", "0.5").
std::string format_number(double value);

// The rule as it would be written, e.g. "anonymize:p95_ms<500".
std::string to_string(const threshold_rule& rule);

}  // namespace shield::stats
