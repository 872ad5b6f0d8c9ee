#pragma once

#include <array>
#include <string_view>

namespace shield::report {

// Which way a counter gets better.
enum class better_when { higher, lower };

// What a counter takes part in when a case gets its verdict.
enum class counter_rule {
  throughput,  // gated by max_rps_drop
  latency,     // gated by max_latency_rise
  success,     // contender must stay at or above min_success_rate
  shown,       // displayed (with its test) but not part of the verdict
};

// One counter the comparison reports.
struct counter_spec {
  std::string_view name;                       // counter key in the benchmark JSON
  better_when direction = better_when::lower;  // which change is an improvement
  counter_rule rule = counter_rule::shown;     // role in the verdict
};

// Counters compared, in display order; stream measures appear only when a file has them.
inline constexpr std::array<counter_spec, 13> compared_counters = {{
    {"rps", better_when::higher, counter_rule::throughput},
    {"ok_rps", better_when::higher, counter_rule::shown},
    {"mean_ms", better_when::lower, counter_rule::latency},
    {"p50_ms", better_when::lower, counter_rule::shown},
    {"p95_ms", better_when::lower, counter_rule::latency},
    {"p99_ms", better_when::lower, counter_rule::latency},
    {"success_rate", better_when::higher, counter_rule::success},
    {"ttfb_p50_ms", better_when::lower, counter_rule::shown},
    {"ttft_p50_ms", better_when::lower, counter_rule::shown},
    {"ttft_p95_ms", better_when::lower, counter_rule::shown},
    {"gap_p95_ms", better_when::lower, counter_rule::shown},
    {"tokens_per_s", better_when::higher, counter_rule::shown},
    {"incomplete_streams", better_when::lower, counter_rule::shown},
}};

}  // namespace shield::report
