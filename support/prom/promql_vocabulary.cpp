// Function, aggregator and keyword tables of the PromQL analyzer.

#include <algorithm>
#include <string>

#include "support/prom/promql_analyzer.hpp"
#include "support/prom/promql_types.hpp"
#include "support/prom/promql_vocabulary.hpp"
#include "support/base/text.hpp"

namespace shield::prom {
namespace {

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

bool is_known_function(std::string_view name) { return find_function(name) != nullptr; }

bool is_aggregator(std::string_view name) { return contains(aggregators, base::to_lower(name)); }

bool takes_parameter(std::string_view lower_aggregator) { return contains(parameter_aggregators, lower_aggregator); }

bool is_metric_keyword(std::string_view lower_word) { return contains(metric_keywords, lower_word); }

bool is_reserved_keyword(std::string_view lower_word) { return contains(reserved_keywords, lower_word); }

}  // namespace shield::prom
