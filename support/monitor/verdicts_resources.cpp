// Verdicts on the backend's resources and health: memory growth, PII errors, Redis connection.

#include "support/monitor/verdicts.hpp"

#include "support/monitor/detail/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace shield::monitor {

namespace {

using detail::bytes_text;
using detail::fixed;

verdict make(std::string name, verdict_status status, std::string detail) {
  return verdict{std::move(name), status, std::move(detail)};
}

}  // namespace

memory_growth fit_memory_growth(std::span<const series_sample> samples, const verdict_options& options) {
  memory_growth out;
  // Cumulative completed requests at the end of each interval, counted from the run's start.
  std::vector<double> cumulative(samples.size());
  double total = 0.0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    total += static_cast<double>(samples[i].client.completed);
    cumulative[i] = total;
  }
  const std::vector<const series_sample*> load = load_samples(samples, options);
  const double fraction = std::clamp(options.steady_skip_fraction, 0.0, 1.0);
  const auto skip = static_cast<std::size_t>(std::floor(static_cast<double>(load.size()) * fraction));
  const std::span<const series_sample* const> steady = std::span(load).subspan(std::min(skip, load.size()));
  bool has_rss = false;
  bool has_target = false;
  for (const series_sample* s : steady) {
    has_rss = has_rss || s->local.rss_bytes.has_value();
    has_target = has_target || s->target.values.memory_bytes.has_value();
  }
  if (!has_rss && !has_target) return out;
  out.source = has_rss ? "local_rss" : "target_memory";
  std::vector<double> x;
  std::vector<double> y;
  std::vector<double> times;
  for (const series_sample* s : steady) {
    const std::optional<double> memory =
        has_rss ? (s->local.rss_bytes ? std::optional<double>(static_cast<double>(*s->local.rss_bytes)) : std::nullopt)
                : s->target.values.memory_bytes;
    if (!memory) continue;
    x.push_back(cumulative[static_cast<std::size_t>(s - samples.data())] / 1000.0);
    y.push_back(*memory);
    times.push_back(s->t);
  }
  if (!times.empty()) out.window_s = times.back() - times.front();
  out.points = x.size();
  if (out.points < std::max<std::size_t>(options.min_fit_points, 4)) return out;
  out.fit = fit_line(x, y);
  // Halves by point count; the middle point of an odd count belongs to both.
  const std::size_t half = (out.points + 1) / 2;
  const std::size_t second_begin = out.points - half;
  out.first = fit_line(std::span(x).first(half), std::span(y).first(half));
  out.second = fit_line(std::span(x).subspan(second_begin), std::span(y).subspan(second_begin));
  if (!out.fit || !out.first || !out.second) {
    out.fit.reset();
    return out;
  }
  const double limit = options.leak_bytes_per_1000;
  // A trend the line explains (not noise) that still rises in the second half.
  out.growing = out.fit->slope > limit && out.fit->r_squared >= options.leak_min_r_squared && out.second->slope > limit;
  out.leak = out.growing && out.second->slope >= options.leak_sustain_ratio * out.first->slope;
  return out;
}

verdict check_memory_growth(std::span<const series_sample> samples, const verdict_options& options) {
  const std::string name = "memory_growth";
  const memory_growth growth = fit_memory_growth(samples, options);
  if (growth.source.empty())
    return make(name, verdict_status::unknown, "no memory readings in the steady part of the load phase");
  if (!growth.fit)
    return make(name, verdict_status::unknown,
                growth.source + ": " + std::to_string(growth.points) + " points with memory, need at least " +
                    std::to_string(options.min_fit_points) + " with requests completing between them");
  const std::string numbers =
      growth.source + ": " + bytes_text(growth.fit->slope) + " per 1,000 requests over " +
      std::to_string(growth.points) + " points (r^2 " + fixed(growth.fit->r_squared, 2) + "); halves " +
      bytes_text(growth.first->slope) + " then " + bytes_text(growth.second->slope) + "; leak threshold " +
      bytes_text(options.leak_bytes_per_1000) + ", second half >= " + fixed(options.leak_sustain_ratio * 100, 0) +
      "% of the first, r^2 >= " + fixed(options.leak_min_r_squared, 2);
  const bool short_window = growth.window_s < options.leak_min_window_s;
  // Faster than any warm-up and still that fast in the second half: a leak, however short the run.
  if (growth.growing && short_window && growth.second->slope >= options.warmup_max_bytes_per_1000)
    return make(name, verdict_status::fail, "leak, too fast to be warm-up: " + numbers);
  if (growth.leak && short_window) {
    // Warm-up (caches, pools, an interpreter's first requests) also grows steadily for a while.
    const double fraction = std::clamp(1.0 - options.steady_skip_fraction, 0.1, 1.0);
    const double needed = std::ceil(options.leak_min_window_s / fraction) + 1.0;
    return make(name, verdict_status::unknown,
                "growing; too short to tell warm-up from a leak: run at least " + fixed(needed, 0) + " s (judged " +
                    fixed(growth.window_s, 1) + " s; growth above " + bytes_text(options.warmup_max_bytes_per_1000) +
                    " per 1,000 requests fails at once): " + numbers);
  }
  if (growth.leak)
    return make(
        name, verdict_status::fail,
        std::string(short_window ? "leak, too fast to be warm-up: " : "possible leak, growth goes on: ") + numbers);
  if (growth.growing)
    return make(name, verdict_status::warn, "still growing in the second half, but slowing down: " + numbers);
  if (growth.fit->slope > options.leak_bytes_per_1000)
    return make(name, verdict_status::ok,
                std::string(growth.second->slope <= options.leak_bytes_per_1000 ? "levelled off (warm-up): "
                                                                                : "no steady trend (noise): ") +
                    numbers);
  return make(name, verdict_status::ok, numbers);
}

verdict check_pii_errors(std::span<const series_sample> samples) {
  const std::string name = "pii_detection_errors";
  std::optional<double> previous;
  double increase = 0.0;
  std::size_t readings = 0;
  for (const series_sample& s : samples) {
    const std::optional<double>& value = s.target.values.pii_detection_errors_total;
    if (!value) continue;
    ++readings;
    if (previous) increase += counter_increase(*previous, *value);
    previous = value;
  }
  if (readings == 0) return make(name, verdict_status::unknown, "pii_detection_errors_total not exposed");
  const std::string total = "counter at " + fixed(*previous, 0);
  if (readings == 1)
    return *previous == 0.0 ? make(name, verdict_status::ok, "a single reading, " + total)
                            : make(name, verdict_status::unknown, "a single reading, " + total + ", increase unknown");
  if (increase > 0.0)
    return make(name, verdict_status::fail,
                fixed(increase, 0) + " PII detection errors during the run (" + total + ")");
  return make(name, verdict_status::ok,
              "stayed unchanged over " + std::to_string(readings) + " readings (" + total + ")");
}

std::vector<time_period> redis_disconnected_periods(std::span<const series_sample> samples) {
  std::vector<time_period> out;
  std::optional<double> last_known_t;
  bool down = false;
  for (const series_sample& s : samples) {
    const std::optional<double>& status = s.target.values.redis_connection_status;
    if (!status) continue;
    const bool connected = *status >= 0.5;
    if (!connected && !down) out.push_back(time_period{s.t, s.t, true});
    if (connected && down) {
      out.back().end_t = s.t;
      out.back().open = false;
    }
    down = !connected;
    last_known_t = s.t;
  }
  if (down && last_known_t) out.back().end_t = *last_known_t;
  return out;
}

verdict check_redis(std::span<const series_sample> samples) {
  const std::string name = "redis_connected";
  std::size_t readings = 0;
  for (const series_sample& s : samples) readings += s.target.values.redis_connection_status.has_value() ? 1 : 0;
  if (readings == 0) return make(name, verdict_status::unknown, "redis_connection_status not exposed");
  const std::vector<time_period> periods = redis_disconnected_periods(samples);
  if (periods.empty())
    return make(name, verdict_status::ok, "connected in all " + std::to_string(readings) + " readings");
  std::string detail = "disconnected " + std::to_string(periods.size()) + " time(s):";
  for (const time_period& p : periods)
    detail += " " + fixed(p.start_t, 1) + "s-" + fixed(p.end_t, 1) + "s" + (p.open ? " (still down at the end)" : "") +
              (&p == &periods.back() ? "" : ",");
  return make(name, verdict_status::fail, detail);
}

std::vector<verdict> evaluate_verdicts(std::span<const series_sample> samples, const verdict_options& options,
                                       unsigned cpu_cores) {
  return {check_request_rate(samples, options),
          check_response_time(samples, options),
          check_cpu(samples, options, cpu_cores),
          check_memory_growth(samples, options),
          check_pii_errors(samples),
          check_redis(samples)};
}

}  // namespace shield::monitor
