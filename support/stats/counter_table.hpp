#pragma once
// The counter vocabulary, written once: every counter a case can have (benchmark JSON, results
// file, threshold rules), with its unit, which way it gets better, whether only streaming cases have
// it, and its role when two runs are compared. Every list of counter names derives from this table.

#include <array>
#include <cstddef>
#include <string_view>

namespace shield::stats {

// Which way a counter gets better.
enum class better_when { higher, lower };

// What a counter takes part in when two runs are compared.
enum class counter_rule {
  throughput,    // gated by max_rps_drop
  latency,       // gated by max_latency_rise
  success,       // contender must stay at or above min_success_rate
  shown,         // displayed (with its test) but not part of the verdict
  not_compared,  // left out of the comparison
};

// One counter.
struct counter_info {
  std::string_view name;                       // key in the benchmark JSON and the results file's counters
  std::string_view unit;                       // "requests", "percent", "1/s", "ms", "tokens/s"
  better_when better = better_when::lower;     // which change is an improvement
  bool streaming_only = false;                 // only streaming cases have it
  counter_rule compare = counter_rule::shown;  // role when two runs are compared
};

// In the order the writers list them (case_counters); the err_<kind> ones in the order of the
// failure kinds (checked against load::all_failures by the load tests).
inline constexpr std::array<counter_info, 32> counter_table{{
    {"requests", "requests", better_when::higher, false, counter_rule::not_compared},
    {"ok", "requests", better_when::higher, false, counter_rule::not_compared},
    {"success_rate", "percent", better_when::higher, false, counter_rule::success},
    {"rps", "1/s", better_when::higher, false, counter_rule::throughput},
    {"ok_rps", "1/s", better_when::higher, false, counter_rule::shown},
    {"mean_ms", "ms", better_when::lower, false, counter_rule::latency},
    {"p50_ms", "ms", better_when::lower, false, counter_rule::shown},
    {"p90_ms", "ms", better_when::lower, false, counter_rule::not_compared},
    {"p95_ms", "ms", better_when::lower, false, counter_rule::latency},
    {"p99_ms", "ms", better_when::lower, false, counter_rule::latency},
    {"p999_ms", "ms", better_when::lower, false, counter_rule::not_compared},
    {"max_ms", "ms", better_when::lower, false, counter_rule::not_compared},
    {"retried", "requests", better_when::lower, false, counter_rule::not_compared},
    {"connect_p50_ms", "ms", better_when::lower, false, counter_rule::not_compared},
    {"connect_max_ms", "ms", better_when::lower, false, counter_rule::not_compared},
    {"err_dns", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_connect_refused", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_connect_timeout", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_tls", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_reset", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_request_timeout", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_idle_timeout", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_protocol", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_unexpected_status", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_incomplete_stream", "requests", better_when::lower, false, counter_rule::not_compared},
    {"err_not_sent", "requests", better_when::lower, false, counter_rule::not_compared},
    {"ttfb_p50_ms", "ms", better_when::lower, true, counter_rule::shown},
    {"ttft_p50_ms", "ms", better_when::lower, true, counter_rule::shown},
    {"ttft_p95_ms", "ms", better_when::lower, true, counter_rule::shown},
    {"gap_p95_ms", "ms", better_when::lower, true, counter_rule::shown},
    {"tokens_per_s", "tokens/s", better_when::higher, true, counter_rule::shown},
    {"incomplete_streams", "streams", better_when::lower, true, counter_rule::shown},
}};

// How many counters are compared (rule other than not_compared).
constexpr std::size_t compared_count() {
  std::size_t n = 0;
  for (const auto& c : counter_table) n += c.compare != counter_rule::not_compared ? 1 : 0;
  return n;
}

// The compared counters, in display order: throughput, then latency, success, then the stream ones.
constexpr std::array<counter_info, compared_count()> compared_in_display_order() {
  std::array<counter_info, compared_count()> out{};
  std::size_t at = 0;
  // Display order of the comparison: rps, ok_rps, mean, p50, p95, p99, success rate, stream figures.
  for (std::string_view name : {"rps", "ok_rps", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "success_rate"}) {
    for (const auto& c : counter_table)
      if (c.name == name) out[at++] = c;
  }
  for (const auto& c : counter_table)
    if (c.streaming_only && c.compare != counter_rule::not_compared) out[at++] = c;
  return out;
}

}  // namespace shield::stats
