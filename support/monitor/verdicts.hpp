#pragma once

// The original monitoring script's "metrics to watch", judged from a recorded time series.
// Each check reads only what it needs and says "unknown" when that data is missing.

#include "support/monitor/least_squares.hpp"
#include "support/monitor/time_series.hpp"
#include "support/monitor/verdict.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace shield::monitor {

// Whether a sample is of the load phase: options.load_phase, or a stage of it ("load:hold", ...).
[[nodiscard]] bool in_load_phase(const series_sample& sample, const verdict_options& options);

// Samples of options.load_phase (a contiguous-or-not subset, in order); all samples when none has it.
[[nodiscard]] std::vector<const series_sample*> load_samples(std::span<const series_sample> samples,
                                                             const verdict_options& options);

// "request_rate_rose": the backend's http_requests_total rate during the load phase (mean) against
// the start of the run (the earliest rate before the load phase), which it must beat by
// options.rate_rise_min. Unknown without rates both before and during the load phase, so record
// at least two scrapes before load starts (an idle phase) for a meaningful baseline.
[[nodiscard]] verdict check_request_rate(std::span<const series_sample> samples, const verdict_options& options);

// "response_time_stable": median interval p95 of the last third of the load phase against the
// first third; drift above +50% warns, above +100% fails (options). Needs three p95 readings.
// With a load shape, only its hold stages ("load:hold") are judged when they have three readings.
[[nodiscard]] verdict check_response_time(std::span<const series_sample> samples, const verdict_options& options);

// "cpu_usage": the backend's system_cpu_usage_percent over the whole run, or, when the target does
// not expose it, the local process's per-core % divided by cpu_cores (share of the machine).
// ok: every reading below 80%; warn: a reading at or above 80% (or a short spike above 90%);
// fail: above 90% for cpu_sustain_samples consecutive readings. With a load shape ("load:hold", ...)
// readings are grouped by stage kind and a level counts as sustained only inside one stage; a stage
// that changes the load on purpose (rise, spike, recovery, step) saturating only warns, held load
// (hold, and the idle and cooldown phases) saturating fails, naming the kind.
[[nodiscard]] verdict check_cpu(std::span<const series_sample> samples, const verdict_options& options,
                                unsigned cpu_cores);

// Memory (bytes) against cumulative completed requests (thousands) over the judged window: the
// load phase without its first steady_skip_fraction of samples. Lines are fitted to the whole
// window and to each of its halves, so growth that levels off (warm-up: caches, allocator pools,
// an interpreter's first requests) is told apart from growth that goes on (a leak).
struct memory_growth {
  std::optional<line_fit> fit;     // whole window; slope = bytes per 1,000 requests; absent when it cannot be fitted
  std::optional<line_fit> first;   // first half of the window
  std::optional<line_fit> second;  // second half of the window
  std::string source;              // "local_rss" (preferred) or "target_memory"; empty when neither exists
  std::size_t points = 0;          // points that had a memory value
  double window_s = 0.0;           // time the judged window spans (first to last point)
  bool growing = false;  // whole slope above leak_bytes_per_1000 with r^2 >= leak_min_r_squared, second half's too
  bool leak = false;     // growing, and second-half slope >= leak_sustain_ratio x the first half's
};
[[nodiscard]] memory_growth fit_memory_growth(std::span<const series_sample> samples, const verdict_options& options);

// "memory_growth": fail when fit_memory_growth flags a leak; warn when memory still grows in the
// second half but not steadily enough to call it one; ok when the slope is under the threshold or
// growth levelled off in the second half. Unknown with fewer than min_fit_points points, and when
// the window is shorter than leak_min_window_s and still growing ("too short to tell warm-up from
// a leak: run at least N s"), unless the second half grows faster than warmup_max_bytes_per_1000.
[[nodiscard]] verdict check_memory_growth(std::span<const series_sample> samples, const verdict_options& options);

// "pii_detection_errors": pii_detection_errors_total must not increase during the run.
[[nodiscard]] verdict check_pii_errors(std::span<const series_sample> samples);

// A stretch of the run with redis_connection_status = 0.
struct time_period {
  double start_t = 0.0;  // t of the first sample seen disconnected
  double end_t = 0.0;    // t of the first sample seen connected again, or of the last reading if open
  bool open = false;     // still disconnected at the end of the run
};

// Disconnected stretches; samples without the metric neither start nor end one.
[[nodiscard]] std::vector<time_period> redis_disconnected_periods(std::span<const series_sample> samples);

// "redis_connected": fail when any disconnected period exists, listing them.
[[nodiscard]] verdict check_redis(std::span<const series_sample> samples);

// All six verdicts, in the README's order.
[[nodiscard]] std::vector<verdict> evaluate_verdicts(std::span<const series_sample> samples,
                                                     const verdict_options& options, unsigned cpu_cores);

}  // namespace shield::monitor
