#pragma once

// A verdict on one "metric to watch" of the original monitoring script, and the thresholds used.

#include <cstddef>
#include <string>
#include <string_view>

namespace shield::monitor {

// How a watched metric behaved.
enum class verdict_status {
  ok,       // behaved as it should
  warn,     // worth a look (e.g. CPU 80-90%, p95 up more than 50%)
  fail,     // misbehaved (e.g. leak slope over the limit, Redis disconnected)
  unknown,  // not enough data to say
};

// "ok", "warn", "fail", "unknown".
[[nodiscard]] std::string_view to_string(verdict_status status);

// One watched metric's outcome.
struct verdict {
  std::string name;                                 // stable id, e.g. "memory_growth"
  verdict_status status = verdict_status::unknown;  // outcome
  std::string detail;                               // numbers behind the outcome, one sentence
};

// Verdict thresholds; defaults follow the original scripts' README.
struct verdict_options {
  std::string load_phase = "load";       // phase the load verdicts read; all samples when no sample has it
  double rate_rise_min = 0.10;           // load-phase request rate must beat the start's by this fraction
  double p95_drift_warn = 0.50;          // last-third p95 over first-third p95 minus 1 above this warns
  double p95_drift_fail = 1.00;          // ... and above this fails (p95 doubled)
  double cpu_warn_percent = 80.0;        // any CPU reading at or above this warns
  double cpu_fail_percent = 90.0;        // CPU sustained above this fails
  std::size_t cpu_sustain_samples = 3;   // consecutive readings a CPU level must hold to be "sustained"
  double steady_skip_fraction = 0.20;    // leading share of the load phase left out of the leak fit
  double leak_bytes_per_1000 = 65536.0;  // memory slope (bytes per 1,000 requests) above this is a leak
  double leak_sustain_ratio = 0.5;  // second-half slope must keep this share of the first half's (no levelling off)
  double leak_min_r_squared = 0.5;  // the whole window's fit must explain this share of the variance (not noise)
  std::size_t min_fit_points = 6;   // fewer memory points than this (3 per half) makes the leak verdict unknown
  double leak_min_window_s = 15.0;  // a judged window shorter than this cannot tell warm-up from a leak...
  double warmup_max_bytes_per_1000 = 16.0 * 1024 * 1024;  // ...unless it grows faster than any warm-up does
};

}  // namespace shield::monitor
