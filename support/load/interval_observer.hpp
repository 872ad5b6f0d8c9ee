#pragma once
// The hook for live views of a run (progress line, monitor): called once per interval.

#include "support/load/tally.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace shield::load {

// One interval of a run. The tallies are valid during the call only.
struct interval_report {
  std::chrono::nanoseconds elapsed{0};  // run time at the end of the interval
  std::chrono::nanoseconds length{0};   // length of this interval
  const tally* interval = nullptr;      // requests completed during the interval
  const tally* total = nullptr;         // requests completed since the start
  std::uint64_t in_flight = 0;          // requests in flight when the interval ended
  bool final = false;                   // the run is over: this is the last report
  std::size_t stages = 0;               // shaped runs: the number of stages (0 without)
  std::size_t stage = 0;                // shaped runs: the stage at `elapsed` (0 without stages)
  double target = 0.0;                  // shaped runs: the rate or in-flight target at `elapsed`
};

// Implemented by whoever watches a run. Called from the thread that called run_load, never from
// an I/O thread, so an observer may take its time without slowing the load down.
class interval_observer {
 public:
  virtual ~interval_observer() = default;
  virtual void on_interval(const interval_report& report) = 0;
};

}  // namespace shield::load
