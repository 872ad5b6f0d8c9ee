#pragma once

// Keyword helpers of the PromQL analyzer (internal; the public ones are in promql_analyzer.hpp).

#include <string>
#include <string_view>

namespace shield::prom {

// topk, bottomk, quantile, count_values, limitk, limit_ratio take a parameter first.
[[nodiscard]] bool takes_parameter(std::string_view lower_aggregator);
// and, by, end, offset, or, start, unless, without: keywords that may also name a metric.
[[nodiscard]] bool is_metric_keyword(std::string_view lower_word);
// atan2, bool, group_left, group_right, ignoring, on: never a metric name.
[[nodiscard]] bool is_reserved_keyword(std::string_view lower_word);

}  // namespace shield::prom
