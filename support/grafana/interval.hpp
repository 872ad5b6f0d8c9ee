#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace shield::grafana {

// Longest duration accepted: what fits in int64 nanoseconds, as in Prometheus (about 292 years),
// so interval arithmetic on accepted durations never overflows.
inline constexpr std::int64_t max_duration_ms = std::numeric_limits<std::int64_t>::max() / 1'000'000;

// Milliseconds of a duration: Prometheus units ms s m h d w y, composable largest first
// ("1m30s"); a bare integer is seconds and a leading '>' (Grafana's "at least") is ignored.
// nullopt when malformed, negative or above max_duration_ms.
std::optional<std::int64_t> parse_duration_ms(std::string_view text);

// The duration as PromQL writes it, largest unit first and exact ("1m30s", "500ms", "0s").
std::string format_duration(std::int64_t ms);

// Grafana's rounding of a raw step to a "nice" one (3.6 s -> 5 s, 40 s -> 30 s, 100 s -> 2 m).
std::int64_t round_interval_ms(std::int64_t ms);

// Grafana's interval for a range drawn at `resolution` points: the rounded range / resolution,
// raised to min_ms when below it.
std::int64_t calculate_interval_ms(std::int64_t range_ms, std::int64_t resolution, std::int64_t min_ms);

// $__rate_interval: max(interval + scrape, 4 * scrape), so a rate window always holds 4 scrapes.
std::int64_t rate_interval_ms(std::int64_t interval_ms, std::int64_t scrape_ms);

}  // namespace shield::grafana
