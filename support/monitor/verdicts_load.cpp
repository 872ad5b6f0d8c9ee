// Verdicts on how the backend carried the load: request rate, response time, CPU (per stage kind).

#include "support/monitor/verdicts.hpp"

#include "support/monitor/detail/number_text.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace shield::monitor {

namespace {

using detail::fixed;

double median(std::vector<double> values) {
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2.0;
}

verdict make(std::string name, verdict_status status, std::string detail) {
  return verdict{std::move(name), status, std::move(detail)};
}

// One CPU reading and the phase it was taken in.
struct cpu_reading {
  double percent = 0.0;  // share of the machine (or the backend's own figure)
  std::string phase;     // the sample's phase
};

// CPU figures of one kind of phase ("hold", "spike", ... or the phase itself outside a shape).
struct phase_cpu {
  std::string kind;                 // stage kind of a shaped load ("hold"), else the phase ("idle"); "" unshaped
  double peak = 0.0;                // highest reading
  std::optional<double> sustained;  // highest level held for the window inside one stage; none when never that long
};

// Stage kinds whose load changes on purpose: CPU saturating there is not a steady-state failure.
bool is_transitional(const std::string& kind) {
  return kind == "rise" || kind == "spike" || kind == "recovery" || kind == "step";
}

// Readings grouped by stage kind, in order of first appearance. Without a shape (no "load:" phase)
// the whole run is one group, so the window may span phases as it always did.
std::vector<phase_cpu> cpu_by_phase(const std::vector<cpu_reading>& cpu, const verdict_options& options,
                                    std::size_t window) {
  const std::string prefix = options.load_phase + ":";
  const bool shaped =
      std::any_of(cpu.begin(), cpu.end(), [&](const cpu_reading& r) { return r.phase.starts_with(prefix); });
  const auto kind_of = [&](const std::string& phase) {
    if (!shaped) return std::string();
    return phase.starts_with(prefix) ? phase.substr(prefix.size()) : phase;
  };
  std::vector<phase_cpu> out;
  std::size_t begin = 0;
  while (begin < cpu.size()) {
    // One stretch: consecutive readings of the same phase (one stage, or the whole run unshaped).
    std::size_t end = begin + 1;
    while (end < cpu.size() && (!shaped || cpu[end].phase == cpu[begin].phase)) ++end;
    const std::string kind = kind_of(cpu[begin].phase);
    auto group = std::find_if(out.begin(), out.end(), [&](const phase_cpu& p) { return p.kind == kind; });
    if (group == out.end()) group = out.insert(out.end(), phase_cpu{kind, 0.0, std::nullopt});
    for (std::size_t i = begin; i < end; ++i) {
      group->peak = std::max(group->peak, cpu[i].percent);
      if (i + window > end) continue;
      double level = cpu[i].percent;
      for (std::size_t j = i; j < i + window; ++j) level = std::min(level, cpu[j].percent);
      group->sustained = std::max(group->sustained.value_or(0.0), level);
    }
    begin = end;
  }
  return out;
}

}  // namespace

std::string_view to_string(verdict_status status) {
  switch (status) {
    case verdict_status::ok:
      return "ok";
    case verdict_status::warn:
      return "warn";
    case verdict_status::fail:
      return "fail";
    case verdict_status::unknown:
      return "unknown";
  }
  return "unknown";
}

bool in_load_phase(const series_sample& s, const verdict_options& options) {
  return s.phase == options.load_phase ||
         (s.phase.size() > options.load_phase.size() && s.phase.starts_with(options.load_phase) &&
          s.phase[options.load_phase.size()] == ':');
}

std::vector<const series_sample*> load_samples(std::span<const series_sample> samples, const verdict_options& options) {
  std::vector<const series_sample*> out;
  for (const series_sample& s : samples)
    if (in_load_phase(s, options)) out.push_back(&s);
  if (out.empty())
    for (const series_sample& s : samples) out.push_back(&s);
  return out;
}

verdict check_request_rate(std::span<const series_sample> samples, const verdict_options& options) {
  const std::string name = "request_rate_rose";
  const auto first_load =
      std::find_if(samples.begin(), samples.end(), [&](const series_sample& s) { return in_load_phase(s, options); });
  const bool labelled = first_load != samples.end();
  // The start: earliest rate before the load phase (or of the whole run when no phase is labelled).
  std::optional<double> start_rate;
  double start_t = 0.0;
  auto start_end = labelled ? first_load : samples.end();
  auto it = samples.begin();
  for (; it != start_end; ++it) {
    if (it->target.rates.requests_per_second) {
      start_rate = it->target.rates.requests_per_second;
      start_t = it->t;
      ++it;
      break;
    }
  }
  if (!start_rate)
    return make(name, verdict_status::unknown,
                labelled ? "no backend request rate before the load phase to compare with"
                         : "no backend request rate (http_requests_total) in the run");
  // Load rates: the load phase, or everything after the start reading when unlabelled.
  double sum = 0.0;
  std::size_t n = 0;
  for (auto load = labelled ? first_load : it; load != samples.end(); ++load) {
    if (labelled && !in_load_phase(*load, options)) continue;
    if (load->target.rates.requests_per_second) {
      sum += *load->target.rates.requests_per_second;
      ++n;
    }
  }
  if (n == 0) return make(name, verdict_status::unknown, "no backend request rate during the load phase");
  const double load_rate = sum / static_cast<double>(n);
  const bool rose = load_rate > 0.0 && load_rate > *start_rate * (1.0 + options.rate_rise_min);
  return make(name, rose ? verdict_status::ok : verdict_status::fail,
              "backend request rate " + fixed(load_rate, 1) + "/s during load (mean of " + std::to_string(n) +
                  " readings) vs " + fixed(*start_rate, 1) + "/s at the start (t=" + fixed(start_t, 1) + "s)" +
                  (rose ? "" : ": did not rise"));
}

verdict check_response_time(std::span<const series_sample> samples, const verdict_options& options) {
  const std::string name = "response_time_stable";
  // A load shape: latency is judged over its hold stages (a rise or a spike changes it on purpose).
  std::vector<double> p95, held;
  for (const series_sample* s : load_samples(samples, options)) {
    if (!s->client.p95_ms) continue;
    p95.push_back(*s->client.p95_ms);
    if (s->phase == options.load_phase + ":hold") held.push_back(*s->client.p95_ms);
  }
  const bool over_holds = held.size() >= 3;
  if (over_holds) p95 = std::move(held);
  if (p95.size() < 3)
    return make(name, verdict_status::unknown,
                "need 3 interval p95 readings in the load phase, have " + std::to_string(p95.size()));
  const auto third = static_cast<std::ptrdiff_t>(p95.size() / 3);
  const double first = median(std::vector<double>(p95.begin(), p95.begin() + third));
  const double last = median(std::vector<double>(p95.end() - third, p95.end()));
  if (first <= 0.0) return make(name, verdict_status::unknown, "first-third p95 is 0 ms, drift undefined");
  const double drift = last / first - 1.0;
  verdict_status status = verdict_status::ok;
  if (drift > options.p95_drift_fail)
    status = verdict_status::fail;
  else if (drift > options.p95_drift_warn)
    status = verdict_status::warn;
  return make(name, status,
              std::string(over_holds ? "over the hold stages: " : "") + "p95 " + fixed(first, 1) +
                  " ms (first third) -> " + fixed(last, 1) + " ms (last third), drift " + (drift >= 0 ? "+" : "") +
                  fixed(drift * 100.0, 0) + "% (warn above +" + fixed(options.p95_drift_warn * 100.0, 0) +
                  "%, fail above +" + fixed(options.p95_drift_fail * 100.0, 0) + "%)");
}

verdict check_cpu(std::span<const series_sample> samples, const verdict_options& options, unsigned cpu_cores) {
  const std::string name = "cpu_usage";
  std::vector<cpu_reading> cpu;
  std::string source = "backend system_cpu_usage_percent";
  for (const series_sample& s : samples)
    if (s.target.values.cpu_percent) cpu.push_back({*s.target.values.cpu_percent, s.phase});
  if (cpu.empty()) {
    const double cores = cpu_cores > 0 ? static_cast<double>(cpu_cores) : 1.0;
    source = "local process CPU over " + std::to_string(cpu_cores > 0 ? cpu_cores : 1U) + " cores";
    for (const series_sample& s : samples)
      if (s.local.cpu_percent) cpu.push_back({*s.local.cpu_percent / cores, s.phase});
  }
  if (cpu.empty())
    return make(name, verdict_status::unknown, "no CPU readings (target metric missing, no local process)");
  const std::size_t window = std::clamp<std::size_t>(options.cpu_sustain_samples, 1, cpu.size());
  const std::vector<phase_cpu> phases = cpu_by_phase(cpu, options, window);
  const bool shaped = phases.size() > 1 || phases.front().kind != "";
  double peak = 0.0;
  for (const phase_cpu& p : phases) peak = std::max(peak, p.peak);
  // Held load (and idle, cooldown): saturation there fails; a rise, spike or recovery only warns.
  const phase_cpu* failed = nullptr;
  const phase_cpu* saturated = nullptr;
  for (const phase_cpu& p : phases) {
    if (!p.sustained || *p.sustained <= options.cpu_fail_percent) continue;
    if (is_transitional(p.kind)) {
      if (!saturated) saturated = &p;
    } else if (!failed) {
      failed = &p;
    }
  }
  std::string numbers = source + ": ";
  if (!shaped) {
    numbers += "peak " + fixed(peak, 1) + "%, sustained (" + std::to_string(window) + " readings) " +
               fixed(phases.front().sustained.value_or(0.0), 1) + "%";
  } else {
    numbers += "by phase (sustained = " + std::to_string(window) + " readings in one stage):";
    for (const phase_cpu& p : phases)
      numbers += " " + p.kind + " peak " + fixed(p.peak, 1) + "% sustained " +
                 (p.sustained ? fixed(*p.sustained, 1) + "%" : std::string("-")) + (&p == &phases.back() ? "" : ";");
  }
  const std::string limit = fixed(options.cpu_fail_percent, 0) + "%";
  if (failed)
    return make(name, verdict_status::fail,
                numbers + ", above " + limit + " sustained" + (shaped ? " during " + failed->kind : ""));
  if (saturated)
    return make(name, verdict_status::warn,
                numbers + ", above " + limit + " sustained only during " + saturated->kind +
                    " (a shape's rise, spike or recovery pushes on purpose; held load stayed under it)");
  if (peak >= options.cpu_warn_percent)
    return make(name, verdict_status::warn, numbers + ", reached " + fixed(options.cpu_warn_percent, 0) + "%");
  return make(name, verdict_status::ok, numbers + ", below " + fixed(options.cpu_warn_percent, 0) + "%");
}

}  // namespace shield::monitor
