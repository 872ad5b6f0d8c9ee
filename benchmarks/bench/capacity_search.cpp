#include "benchmarks/bench/capacity_search.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <limits>

namespace shield::bench {

capacity_step judge_step(const std::vector<stats::threshold_rule>& slo, double offered_rps,
                         const std::string& case_endpoint, step_figures figures) {
  capacity_step step;
  step.offered_rps = offered_rps;
  step.held = true;
  for (const auto& rule : slo) {
    const std::map<std::string, double>* values = &figures.counters;
    if (!rule.endpoint.empty() && rule.endpoint != case_endpoint) {
      const auto e = figures.endpoints.find(rule.endpoint);
      if (e == figures.endpoints.end()) continue;  // the case does not load that endpoint
      values = &e->second;
    }
    const auto found = values->find(rule.counter);
    const double value = found != values->end() ? found->second : std::numeric_limits<double>::quiet_NaN();
    if (stats::satisfies(value, rule.op, rule.limit)) continue;
    step.held = false;
    stats::threshold_rule unscoped = rule;
    unscoped.endpoint.clear();
    step.broken_clause = stats::to_string(unscoped);
    step.broken_endpoint = rule.endpoint;
    step.broken_value = value;
    break;
  }
  // A step stopped early broke (its clause is the one that made it hopeless), whatever it measured.
  if (figures.stopped_early && step.held) {
    step.held = false;
    step.broken_clause = "stopped early";
  }
  step.figures = std::move(figures);
  return step;
}

capacity_search::capacity_search(capacity_options options) : options_(std::move(options)) {}

std::optional<double> capacity_search::next_rate() {
  if (!outcome_.stop_reason.empty()) return std::nullopt;
  const auto stop = [&](std::string why) -> std::optional<double> {
    outcome_.stop_reason = std::move(why);
    return std::nullopt;
  };
  if (options_.cancelled && options_.cancelled()) return stop("interrupted");
  if (outcome_.steps.size() >= options_.max_steps)
    return stop("step limit (" + std::to_string(options_.max_steps) + ")");
  if (outcome_.elapsed + options_.step_length > options_.budget) return stop("time budget");
  const auto& held = outcome_.highest_ok_rps;
  const auto& broken = outcome_.lowest_broken_rps;
  if (outcome_.steps.empty())
    return std::min(options_.seed_rps ? *options_.seed_rps * (1.0 - options_.precision / 2) : options_.start_rps,
                    options_.max_rps);
  if (confirm_) return *confirm_;
  if (held && broken) {
    // The slack keeps a bracket of exactly the precision (a seeded first move) from one more step.
    if ((*broken - *held) / *held <= options_.precision * (1 + 1e-9)) return stop("precision reached");
    return (*held + *broken) / 2.0;
  }
  if (held) {  // growing: nothing broke yet
    if (*held >= options_.max_rps) return stop("max_rps held");
    return std::min(*held * move_factor(), options_.max_rps);
  }
  // Shrinking: nothing held yet.
  const double next = *broken / move_factor();
  if (next < options_.min_rps) return stop("broke even at the lowest rate");
  return next;
}

double capacity_search::move_factor() const {
  if (!options_.seed_rps) return options_.growth;
  // The k-th rate tried (repeats not counted) moves by 1 + p, then 1 + 2p, 1 + 4p, ...
  const auto tried =
      std::count_if(outcome_.steps.begin(), outcome_.steps.end(), [](const capacity_step& s) { return !s.repeat; });
  const double widen = std::ldexp(options_.precision, static_cast<int>(std::max<long>(tried, 1) - 1));
  return std::min(options_.growth, 1.0 + widen);
}

void capacity_search::record(capacity_step step) {
  outcome_.elapsed += step.figures.elapsed;
  if (confirm_) {
    // The repeat decides; a repeat that held overrules the first break (noise).
    step.repeat = true;
    confirm_.reset();
    if (step.held && !outcome_.steps.empty()) outcome_.steps.back().overruled = true;
  } else if (!step.held && options_.confirm_breaks && !step.figures.stopped_early) {
    confirm_ = step.offered_rps;
    outcome_.steps.push_back(std::move(step));
    return;
  }
  if (step.held) {
    if (!outcome_.highest_ok_rps || step.offered_rps > *outcome_.highest_ok_rps)
      outcome_.highest_ok_rps = step.offered_rps;
  } else if (!outcome_.lowest_broken_rps || step.offered_rps < *outcome_.lowest_broken_rps) {
    outcome_.lowest_broken_rps = step.offered_rps;
    outcome_.broken_clause = step.broken_clause;
    outcome_.broken_endpoint = step.broken_endpoint;
  }
  // Noise can make a lower rate break after a higher one held: keep the bracket ordered.
  if (outcome_.highest_ok_rps && outcome_.lowest_broken_rps &&
      *outcome_.highest_ok_rps >= *outcome_.lowest_broken_rps) {
    if (step.held) {
      outcome_.lowest_broken_rps.reset();
      for (const auto& s : outcome_.steps) {
        if (!s.held && !s.overruled && s.offered_rps > step.offered_rps &&
            (!outcome_.lowest_broken_rps || s.offered_rps < *outcome_.lowest_broken_rps)) {
          outcome_.lowest_broken_rps = s.offered_rps;
          outcome_.broken_clause = s.broken_clause;
          outcome_.broken_endpoint = s.broken_endpoint;
        }
      }
    } else {
      outcome_.highest_ok_rps.reset();
      for (const auto& s : outcome_.steps) {
        if (s.held && s.offered_rps < step.offered_rps &&
            (!outcome_.highest_ok_rps || s.offered_rps > *outcome_.highest_ok_rps))
          outcome_.highest_ok_rps = s.offered_rps;
      }
    }
  }
  outcome_.steps.push_back(std::move(step));
}

capacity_outcome run_capacity_search(const capacity_options& options,
                                     const std::function<capacity_step(double rate)>& run_step,
                                     const std::function<void(const capacity_step&, std::size_t)>& on_step) {
  capacity_search search(options);
  while (const auto rate = search.next_rate()) {
    search.record(run_step(*rate));
    if (on_step) on_step(search.outcome().steps.back(), search.outcome().steps.size());
  }
  return search.outcome();
}

std::string step_line(const capacity_step& step, std::size_t index) {
  const auto at = [&](const char* name) {
    const auto f = step.figures.counters.find(name);
    return f != step.figures.counters.end() ? f->second : std::nan("");
  };
  std::string verdict = step.held ? "held" : "broke " + step.broken_clause;
  if (!step.held && !step.repeat && !step.figures.stopped_early) verdict += " (to be confirmed by a repeat)";
  if (step.repeat) verdict += step.held ? " (repeat: the first break was noise)" : " (repeat: confirmed)";
  if (!step.broken_endpoint.empty()) verdict += " on " + step.broken_endpoint;
  const auto shown = [&](const char* name, int decimals) {
    const double v = at(name);
    if (!std::isfinite(v)) return std::string("-");
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return std::string(text);
  };
  char line[320];
  std::snprintf(line, sizeof line,
                "capacity step %zu: %9.1f/s offered: %s (goodput %s/s, p99 %s ms, success %s%%%s, %.1f s)\n", index,
                step.offered_rps, verdict.c_str(), shown("ok_rps", 1).c_str(), shown("p99_ms", 2).c_str(),
                shown("success_rate", 2).c_str(), step.figures.stopped_early ? ", stopped early" : "",
                std::chrono::duration<double>(step.figures.elapsed).count());
  return line;
}

std::string outcome_lines(const std::string& case_name, const capacity_outcome& out, const capacity_options& o) {
  char line[512];
  std::string text = "capacity of " + case_name + ": ";
  if (out.highest_ok_rps)
    text += "held " + stats::format_number(std::round(*out.highest_ok_rps * 10) / 10) + "/s";
  else
    text += "nothing held (down to " + stats::format_number(o.min_rps) + "/s)";
  if (out.lowest_broken_rps) {
    text += ", broke at " + stats::format_number(std::round(*out.lowest_broken_rps * 10) / 10) + "/s (" +
            out.broken_clause + (out.broken_endpoint.empty() ? "" : " on " + out.broken_endpoint) + " broke first)";
  } else {
    text += ", nothing broke";
  }
  std::snprintf(line, sizeof line, "; %zu steps, stopped: %s\ncapacity search took %.1f s (budget %.0f s)\n",
                out.steps.size(), out.stop_reason.c_str(), std::chrono::duration<double>(out.elapsed).count(),
                std::chrono::duration<double>(o.budget).count());
  return text + line;
}

base::result<void> validate(const capacity_options& o) {
  if (o.slo.empty()) return base::fail("--slo: needs at least one clause, e.g. --slo='p99_ms<500,success_rate>=99.9'");
  if (!(o.precision > 0.0 && o.precision < 1.0))
    return base::fail("--capacity_precision: expected a fraction above 0 and below 1");
  if (!(o.start_rps > 0.0) || !std::isfinite(o.start_rps))
    return base::fail("--capacity_start: expected a rate above 0");
  if (!(o.max_rps >= o.start_rps)) return base::fail("--capacity_max_rps: must be at least the start rate");
  if (!(o.growth > 1.0)) return base::fail("capacity growth must be above 1");
  if (o.seed_rps && !(*o.seed_rps > 0.0 && std::isfinite(*o.seed_rps)))
    return base::fail("capacity seed: expected a rate above 0");
  if (o.step_length.count() <= 0) return base::fail("--capacity_step: expected seconds above 0");
  return {};
}

}  // namespace shield::bench
