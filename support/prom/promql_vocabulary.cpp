// Function, aggregator and keyword tables of the PromQL analyzer.

#include <algorithm>
#include <string>

#include "support/prom/promql_analyzer.hpp"
#include "support/prom/promql_vocabulary.hpp"
#include "support/base/text.hpp"

namespace shield::prom {
namespace {

// Functions up to Prometheus 3.x (experimental ones included: dashboards may use them).
constexpr std::string_view known_functions[] = {
    "abs",
    "absent",
    "absent_over_time",
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atanh",
    "avg_over_time",
    "ceil",
    "changes",
    "clamp",
    "clamp_max",
    "clamp_min",
    "cos",
    "cosh",
    "count_over_time",
    "day_of_month",
    "day_of_week",
    "day_of_year",
    "days_in_month",
    "deg",
    "delta",
    "deriv",
    "double_exponential_smoothing",
    "exp",
    "first_over_time",
    "floor",
    "histogram_avg",
    "histogram_count",
    "histogram_fraction",
    "histogram_quantile",
    "histogram_stddev",
    "histogram_stdvar",
    "histogram_sum",
    "holt_winters",
    "hour",
    "idelta",
    "increase",
    "info",
    "irate",
    "label_join",
    "label_replace",
    "last_over_time",
    "ln",
    "log10",
    "log2",
    "mad_over_time",
    "max_over_time",
    "min_over_time",
    "minute",
    "month",
    "pi",
    "predict_linear",
    "present_over_time",
    "quantile_over_time",
    "rad",
    "rate",
    "resets",
    "round",
    "scalar",
    "sgn",
    "sin",
    "sinh",
    "sort",
    "sort_by_label",
    "sort_by_label_desc",
    "sort_desc",
    "sqrt",
    "stddev_over_time",
    "stdvar_over_time",
    "sum_over_time",
    "tan",
    "tanh",
    "time",
    "timestamp",
    "ts_of_first_over_time",
    "ts_of_last_over_time",
    "ts_of_max_over_time",
    "ts_of_min_over_time",
    "vector",
    "year",
};

constexpr std::string_view aggregators[] = {"avg",    "bottomk",     "count", "count_values", "group",
                                            "limitk", "limit_ratio", "max",   "min",          "quantile",
                                            "stddev", "stdvar",      "sum",   "topk"};

constexpr std::string_view parameter_aggregators[] = {"bottomk",     "count_values", "limitk",
                                                      "limit_ratio", "quantile",     "topk"};

constexpr std::string_view rate_functions[] = {"delta", "deriv", "idelta", "increase", "irate", "rate", "resets"};

// Keywords that may still name a metric (Prometheus' metric_identifier rule).
constexpr std::string_view metric_keywords[] = {"and", "by", "end", "offset", "or", "start", "unless", "without"};

// Keywords that never name a metric.
constexpr std::string_view reserved_keywords[] = {"atan2", "bool", "group_left", "group_right", "ignoring", "on"};

template <std::size_t N>
bool contains(const std::string_view (&table)[N], std::string_view word) {
  return std::find(std::begin(table), std::end(table), word) != std::end(table);
}

}  // namespace

bool is_rate_function(std::string_view name) { return contains(rate_functions, name); }

bool is_known_function(std::string_view name) { return contains(known_functions, name); }

bool is_aggregator(std::string_view name) { return contains(aggregators, base::to_lower(name)); }

bool takes_parameter(std::string_view lower_aggregator) { return contains(parameter_aggregators, lower_aggregator); }

bool is_metric_keyword(std::string_view lower_word) { return contains(metric_keywords, lower_word); }

bool is_reserved_keyword(std::string_view lower_word) { return contains(reserved_keywords, lower_word); }

}  // namespace shield::prom
