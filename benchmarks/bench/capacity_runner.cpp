// The capacity search's steps: the I/O half of the search (capacity_search.cpp decides the rates).

#include "benchmarks/bench/case_runner.hpp"

#include "support/load/case_counters.hpp"
#include "support/stats/latency_summary.hpp"

#include <cmath>
#include <cstdio>
#include <thread>

namespace shield::bench {

namespace {

// Watches the measured stage of a step and stops the step once the SLO cannot be met any more:
// more failures than the success-rate clauses allow over the whole step, or a latency
// percentile above four times its limit.
class hopeless_watch : public load::interval_observer {
 public:
  hopeless_watch(const capacity_options& search, double expected, std::chrono::nanoseconds warm,
                 std::atomic<bool>& stop, const std::atomic<bool>* interrupt, std::size_t endpoints)
      : search_(search), expected_(expected), warm_(warm), stop_(stop), interrupt_(interrupt), measured_(endpoints) {}

  void on_interval(const load::interval_report& r) override {
    if (interrupt_ != nullptr && interrupt_->load()) stop_ = true;
    // Only once the measured part has run a while: the first completions in it still carry the
    // queue the discarded part built.
    if (r.final || r.elapsed - r.length < warm_ + warm_ / 2) return;
    measured_.merge(*r.interval, 1);
    if (hopeless()) {
      hopeless_ = true;
      stop_ = true;
    }
  }
  bool stopped() const noexcept { return hopeless_; }

 private:
  bool hopeless() const {
    for (const auto& rule : search_.slo) {
      if (!rule.endpoint.empty()) continue;
      if (rule.counter == "success_rate") {
        const double allowed = (1.0 - rule.limit / 100.0) * expected_;
        if (static_cast<double>(measured_.failures()) > allowed + 1.0) return true;
      }
      static const std::map<std::string, double> quantiles{
          {"p50_ms", 0.50}, {"p90_ms", 0.90}, {"p95_ms", 0.95}, {"p99_ms", 0.99}, {"p999_ms", 0.999}};
      const auto q = quantiles.find(rule.counter);
      if (q == quantiles.end() || measured_.latency.count() < 20) continue;
      const double ms = static_cast<double>(measured_.latency.value_at_quantile(q->second)) / 1e6;
      if (ms > 4.0 * rule.limit && (rule.op == stats::compare_op::less || rule.op == stats::compare_op::less_equal))
        return true;
    }
    return false;
  }

  const capacity_options& search_;      // the SLO
  double expected_ = 0;                 // requests the measured stage should see
  std::chrono::nanoseconds warm_;       // the discarded part's length
  std::atomic<bool>& stop_;             // the step's own stop flag
  const std::atomic<bool>* interrupt_;  // Ctrl-C
  load::tally measured_;                // the measured stage so far
  bool hopeless_ = false;               // stopped by this watch
};

std::map<std::string, double> as_map(const std::vector<load::counter>& counters) {
  std::map<std::string, double> out;
  for (const auto& c : counters) out[c.name] = c.value;
  return out;
}

}  // namespace

capacity_step case_runner::run_capacity_step(const case_spec& spec, double rate, const capacity_options& search,
                                             bool settle) {
  const auto built = workload_for(spec.endpoint);
  const auto ready = built ? set_up_sessions(**built, spec.concurrency) : base::result<void>(built.error());
  step_figures figures;
  if (!ready) {
    std::fprintf(stderr, "shield_bench: capacity step at %g/s could not run: %s\n", rate,
                 ready.error().message.c_str());
    figures.stopped_early = true;
    return judge_step(search.slo, rate, spec.endpoint, figures);
  }
  const load::workload* work = *built;
  const auto warm = search.step_length / 3;
  const auto began = std::chrono::steady_clock::now();
  if (settle) {
    // After a broken step the target may still work off its queue: a pause as long as the
    // discarded part (Ctrl-C still stops it promptly).
    while (std::chrono::steady_clock::now() - began < warm && !(stop_ != nullptr && stop_->load()))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  load::load_config config;
  config.mode = load::load_mode::open;
  config.concurrency = spec.concurrency;
  config.io_threads = options_.io_threads;
  config.rate = rate;
  config.shape = load::load_shape(rate, {{warm, rate}, {search.step_length - warm, rate}});
  std::atomic<bool> step_stop{false};
  config.stop = &step_stop;
  const double expected = rate * std::chrono::duration<double>(search.step_length - warm).count();
  config.interval = std::chrono::milliseconds(250);  // a hopeless step is noticed within a quarter second
  hopeless_watch watch(search, expected, warm, step_stop, stop_, work->endpoints.size());
  const load::load_result r = load::run_load(config, *work, target_, &watch);
  figures.elapsed = std::chrono::steady_clock::now() - began;
  figures.stopped_early = watch.stopped() || (stop_ != nullptr && stop_->load());
  if (r.error.empty() && r.stages.size() == 2) {
    const load::load_result measured = load::stage_part(r, 1);
    figures.counters = as_map(load::case_counters(measured));
    if (r.endpoints.size() > 1) {
      for (std::size_t i = 0; i < r.endpoints.size(); ++i)
        figures.endpoints[r.endpoints[i]] = as_map(load::endpoint_counters(measured, i));
    }
  }
  return judge_step(search.slo, rate, spec.endpoint, std::move(figures));
}

report::case_record case_runner::run_sweep_case(const case_spec& spec, std::chrono::nanoseconds length) {
  load::load_config config;
  config.mode = load::load_mode::closed;
  config.duration = length;
  return run_with(spec, 0, std::move(config));
}

report::capacity_record capacity_to_record(const std::string& case_name, const std::string& slo,
                                           const capacity_options& options, const capacity_outcome& outcome,
                                           std::optional<double> minimum) {
  report::capacity_record r;
  r.case_name = case_name;
  r.slo = slo;
  r.precision = options.precision;
  r.step_s = std::chrono::duration<double>(options.step_length).count();
  r.budget_s = std::chrono::duration<double>(options.budget).count();
  r.highest_ok_rps = outcome.highest_ok_rps.value_or(NAN);
  r.lowest_broken_rps = outcome.lowest_broken_rps.value_or(NAN);
  r.broken_clause = outcome.broken_clause;
  r.broken_endpoint = outcome.broken_endpoint;
  r.stop_reason = outcome.stop_reason;
  r.elapsed_s = std::chrono::duration<double>(outcome.elapsed).count();
  r.minimum_rps = minimum.value_or(NAN);
  for (const auto& s : outcome.steps) {
    report::capacity_step_record step;
    step.offered_rps = s.offered_rps;
    step.held = s.held;
    step.broken_clause = s.broken_clause;
    step.broken_endpoint = s.broken_endpoint;
    step.broken_value = s.broken_value;
    step.stopped_early = s.figures.stopped_early;
    step.elapsed_s = std::chrono::duration<double>(s.figures.elapsed).count();
    step.counters.assign(s.figures.counters.begin(), s.figures.counters.end());
    for (const auto& [name, counters] : s.figures.endpoints)
      step.endpoints.emplace_back(name, std::vector<std::pair<std::string, double>>(counters.begin(), counters.end()));
    r.steps.push_back(std::move(step));
  }
  return r;
}

}  // namespace shield::bench
