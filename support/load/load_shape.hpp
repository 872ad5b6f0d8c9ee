#pragma once
// A load shape: the target (arrival rate, or requests in flight) moving linearly from one value to
// the next over each stage, as k6's `stages` do. Open loop sends arrival k when the integral of the
// rate reaches k, so a stage's arrivals equal its integral within one.

#include "support/base/result.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shield::load {

// One stage: the target reaches `target` at the end of `duration`, linearly from the stage before.
struct stage {
  std::chrono::nanoseconds duration{0};  // 0: a step (the target jumps)
  double target = 0.0;                   // requests per second (open) or in flight (closed)
};

// The highest stage target --stages accepts (rate or in flight).
inline constexpr double max_stage_target = 1e6;
// The longest a whole shape may last.
inline constexpr std::chrono::hours max_shape_length{24 * 7};

// Stages after a start value; piecewise linear in time.
class load_shape {
 public:
  load_shape() = default;
  load_shape(double start, std::vector<stage> stages);

  bool empty() const noexcept { return stages_.empty(); }
  double start_value() const noexcept { return start_; }
  const std::vector<stage>& stages() const noexcept { return stages_; }
  // Sum of the stages' durations.
  std::chrono::nanoseconds length() const noexcept {
    return ends_.empty() ? std::chrono::nanoseconds(0) : ends_.back();
  }
  // Highest target over the whole shape, the start value included.
  double peak() const noexcept;
  // When stage i begins and ends (offsets from the run start).
  std::chrono::nanoseconds stage_begin(std::size_t i) const noexcept;
  std::chrono::nanoseconds stage_end(std::size_t i) const noexcept { return ends_[i]; }
  // Stage holding time t: the last stage with begin <= t < end (a 0-length stage holds no time);
  // t at or after the end: the last stage.
  std::size_t stage_at(std::chrono::nanoseconds t) const noexcept;
  // Target at time t (after the end: the last target).
  double value_at(std::chrono::nanoseconds t) const noexcept;
  // Integral of the target from 0 to t (arrivals due by t, for a rate).
  double integral(std::chrono::nanoseconds t) const noexcept;
  // Earliest t with integral(t) >= n; length() + 1 ns when the shape never reaches n.
  std::chrono::nanoseconds time_of(double n) const noexcept;
  // Next time after t at which a rounded target can change (stage ends, one unit of a ramp).
  std::chrono::nanoseconds next_change(std::chrono::nanoseconds t) const noexcept;

 private:
  double start_ = 0.0;                          // target at time 0
  std::vector<stage> stages_;                   // in order
  std::vector<std::chrono::nanoseconds> ends_;  // cumulative end of each stage
  std::vector<double> integrals_;               // integral up to each stage's end
};

// What each stage does to the load, for verdicts that depend on it: "rise" (target goes up),
// "recovery" (goes down), "hold" (level at or under the first held level), "spike" (a level above
// it), "step" (0 s: a jump, holds no time).
std::vector<std::string> stage_phases(const load_shape& shape);

// Parses `DUR:TARGET[,DUR:TARGET...]`; DUR is a number with unit ms, s, m or h (`30s`, `1.5m`,
// `0s` for a step), TARGET a number from 0 to max_stage_target. Failures name the stage and part.
base::result<std::vector<stage>> parse_stages(std::string_view spec);

// "30s:200" style text of a stage.
std::string to_string(const stage& s);

}  // namespace shield::load
