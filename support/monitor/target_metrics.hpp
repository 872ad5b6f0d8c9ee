#pragma once

// The Shield backend's /metrics values the monitor follows, read from one scrape, and the
// per-interval rates between two scrapes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace shield::monitor {

// Values read from one scrape. Absent means the metric was not exposed (or NaN), never zero.
// Several series of one metric are combined: counters and byte gauges summed, CPU % the maximum,
// Redis status the minimum (one disconnected instance counts as disconnected).
struct target_metrics {
  std::optional<double> cpu_percent;                     // system_cpu_usage_percent
  std::optional<double> memory_bytes;                    // system_memory_usage_bytes
  std::optional<double> redis_connection_status;         // redis_connection_status (1 connected, 0 not)
  std::optional<double> http_requests_total;             // http_requests_total summed over all labels
  std::optional<double> pii_detection_errors_total;      // pii_detection_errors_total
  std::optional<double> deanonymization_failures_total;  // deanonymization_failures_total
  std::optional<double> redis_memory_bytes;              // redis_memory_usage_bytes
};

// One scrape as the monitor sees it.
struct scrape_result {
  bool ok = false;                // the scrape's text was parsed (format errors do not clear this)
  target_metrics values;          // what the scrape held
  std::size_t format_errors = 0;  // Prometheus text format violations found (values are best effort)
  std::string message;            // first format violation, or why the scrape failed
};

// Reads the monitored metrics from a Prometheus text 0.0.4 exposition.
[[nodiscard]] scrape_result extract_target_metrics(std::string_view exposition_text);

// A scrape that did not happen (connect error, non-200, timeout); message says why.
[[nodiscard]] scrape_result failed_scrape(std::string message);

// Changes between two successful scrapes `seconds` apart. Absent when either side lacks the value.
struct target_rates {
  std::optional<double> requests_per_second;             // http_requests_total increase / seconds
  std::optional<double> requests_delta;                  // http_requests_total increase
  std::optional<double> pii_errors_delta;                // pii_detection_errors_total increase
  std::optional<double> deanonymization_failures_delta;  // deanonymization_failures_total increase
  std::optional<double> memory_growth_bytes;             // system_memory_usage_bytes change (may be negative)
  std::optional<double> redis_memory_growth_bytes;       // redis_memory_usage_bytes change (may be negative)
  bool counter_reset = false;                            // a counter went down (target restarted)
};

// Increase of a counter from previous to current; a drop is a reset, so the increase is the
// current value (the counter restarted from zero), as Prometheus' rate() does.
[[nodiscard]] double counter_increase(double previous, double current);

// Rates from previous to current over `seconds` (> 0 for requests_per_second).
[[nodiscard]] target_rates compute_rates(const target_metrics& previous, const target_metrics& current, double seconds);

}  // namespace shield::monitor
