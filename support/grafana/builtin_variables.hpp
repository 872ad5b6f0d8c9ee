#pragma once

#include "support/base/result.hpp"
#include "support/grafana/template_variables.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace shield::grafana {

// What Grafana would know when it runs a query: datasource scrape interval and dashboard time range.
struct substitution_settings {
  std::int64_t scrape_interval_ms = 15'000;  // Prometheus datasource scrape interval (its timeInterval)
  std::int64_t range_ms = 3'600'000;         // dashboard time range length
  std::int64_t to_ms = 0;                    // range end as Unix ms; 0 means the time of substitution
  std::int64_t max_data_points = 1'000;      // panel resolution the range is divided by
  std::int64_t interval_ms = 0;              // fixed $__interval; 0 computes it like Grafana
  std::string all_fallback = ".*";           // All with neither allValue nor saved options (options
                                             // are fetched at load time, so exports often omit them)
};

// The time values one query sees.
struct query_times {
  std::int64_t interval_ms = 0;       // $__interval_ms
  std::int64_t rate_interval_ms = 0;  // $__rate_interval_ms
  std::int64_t range_ms = 0;          // $__range_ms
  std::int64_t from_ms = 0;           // $__from
  std::int64_t to_ms = 0;             // $__to
};

// Times for a query whose min interval (panel or target `interval`) is min_interval_ms, 0 if unset.
// Grafana uses that min interval both as $__interval's floor and as the scrape interval of the
// $__rate_interval rule; without it the datasource scrape interval is both.
query_times compute_query_times(const substitution_settings& settings, std::int64_t min_interval_ms);

// A built-in's value: __interval, __interval_ms, __rate_interval, __rate_interval_ms, __range,
// __range_s, __range_ms, __from, __to, __auto_interval_<var> (interval variables with `auto: true`).
// nullopt when `name` (without '$') is not one; a failure when it is one but cannot be computed.
base::result<std::optional<std::string>> builtin_value(std::string_view name, const query_times& times,
                                                       std::span<const template_variable> variables,
                                                       std::int64_t range_ms);

// $__from/$__to in a `date` format: "date" or "date:iso" (ISO 8601 UTC) or "date:seconds"; other
// date formats fail.
base::result<std::string> format_date(std::int64_t unix_ms, std::string_view format);

}  // namespace shield::grafana
