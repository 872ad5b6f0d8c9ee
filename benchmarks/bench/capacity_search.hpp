#pragma once
// The capacity search: the highest open-loop rate the target sustains while meeting an SLO. It grows
// the offered rate until a step breaks the SLO, then bisects between the last rate that held and
// the first that broke until they are within the precision. A driver above the engine with no I/O
// of its own: the caller runs each step (run_step) and hands back its figures.

#include "support/stats/threshold_rules.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shield::bench {

// How the search proceeds and when it stops.
struct capacity_options {
  std::vector<stats::threshold_rule> slo;  // every clause must hold (rules as thresholds)
  double start_rps = 50.0;                 // first step's rate
  double growth = 2.0;                     // factor between steps while the SLO holds
  double precision = 0.05;                 // stop when (broken - held) / held is at most this
  double min_rps = 1.0;                    // the search gives up below this (the SLO broke even there)
  double max_rps = 1e6;                    // never offer more than this
  std::size_t max_steps = 30;              // at most this many steps
  std::chrono::nanoseconds step_length{std::chrono::seconds(6)};  // one step, discarded warm-up included
  std::chrono::nanoseconds budget{std::chrono::seconds(150)};     // no step starts that would end after this
  std::function<bool()> cancelled;  // optional: true stops the search before its next step (Ctrl-C)
  bool confirm_breaks = true;       // a step that broke but was not stopped early is run again; it
                                    // counts as broken only when the repeat breaks too (noise)
  std::optional<double> seed_rps;   // a predicted capacity (the USL peak of a sweep): the first step is
                                    // half the precision under it, moves away by 1 + precision, then by
                                    // twice as much each move, up to `growth` (start_rps unused)
};

// Figures of one step's measured part: counters by name, for the case and (mixed) per endpoint.
struct step_figures {
  std::map<std::string, double> counters;                          // e.g. p99_ms, success_rate, ok_rps
  std::map<std::string, std::map<std::string, double>> endpoints;  // endpoint name -> its counters
  bool stopped_early = false;                                      // ended once it was hopelessly broken
  std::chrono::nanoseconds elapsed{0};                             // wall time the step took
};

// One step as recorded.
struct capacity_step {
  double offered_rps = 0.0;     // the rate asked for
  bool held = false;            // every SLO clause held
  std::string broken_clause;    // first clause (SLO order) that broke, e.g. "p99_ms<500"; empty when held
  std::string broken_endpoint;  // endpoint of that clause for a scoped rule, else empty
  double broken_value = 0.0;    // the value that broke it (NaN when missing)
  bool repeat = false;          // run again to confirm the break before it
  bool overruled = false;       // broke, but its repeat held: taken as noise
  step_figures figures;         // what the step measured
};

// The search's answer.
struct capacity_outcome {
  std::optional<double> highest_ok_rps;     // highest rate that held; none when nothing held
  std::optional<double> lowest_broken_rps;  // lowest rate that broke; none when nothing broke
  std::string broken_clause;                // the clause that broke at lowest_broken_rps
  std::string broken_endpoint;              // and its endpoint (scoped rule), else empty
  std::vector<capacity_step> steps;         // in the order run
  std::string stop_reason;                  // "precision reached", "max_rps held", "step limit", ...
  std::chrono::nanoseconds elapsed{0};      // the steps' wall time, summed
};

// Judges one step against the SLO: the first clause (in order) that fails, with its value.
// Scoped clauses read the endpoint's own figures (a mixed case), else the case's when the case is
// that endpoint (`case_endpoint`). A clause whose counter is missing or NaN breaks.
capacity_step judge_step(const std::vector<stats::threshold_rule>& slo, double offered_rps,
                         const std::string& case_endpoint, step_figures figures);

// Bisection and growth, one decision at a time.
class capacity_search {
 public:
  explicit capacity_search(capacity_options options);

  // The next rate to offer, or nullopt when the search is over (outcome().stop_reason says why).
  std::optional<double> next_rate();
  // Records the step run at the rate next_rate() gave.
  void record(capacity_step step);
  const capacity_outcome& outcome() const noexcept { return outcome_; }
  const capacity_options& options() const noexcept { return options_; }

 private:
  // Factor of the next move away from the bracket's one side: `growth`, or small near a seed.
  double move_factor() const;

  capacity_options options_;       // as given
  capacity_outcome outcome_;       // steps so far and the bracket
  std::optional<double> confirm_;  // a rate that broke once and is run again
};

// Runs the whole search: asks `run_step(rate)` for each step's judged figures until it is over;
// `on_step` (optional) hears each step as recorded (its repeat flags set), numbered from 1.
capacity_outcome run_capacity_search(const capacity_options& options,
                                     const std::function<capacity_step(double rate)>& run_step,
                                     const std::function<void(const capacity_step&, std::size_t)>& on_step = {});

// "capacity step 3:    400.0/s offered: held (goodput 399.2/s, p99 12.31 ms, success 100.00%)".
std::string step_line(const capacity_step& step, std::size_t index);

// The answer in words: the highest rate that held, the lowest that broke and which clause (on which
// endpoint) broke first, the steps and the wall time against the budget.
std::string outcome_lines(const std::string& case_name, const capacity_outcome& outcome,
                          const capacity_options& options);

// Checks the options a user gave; the failure says what is wrong (naming the flag).
base::result<void> validate(const capacity_options& options);

}  // namespace shield::bench
