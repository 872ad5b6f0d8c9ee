#pragma once
// Internal: the intended send times of one I/O thread's share of an open-loop run. The total rate
// is split evenly; threads are staggered so that together they keep an even spacing.

#include "support/load/load_shape.hpp"

#include <chrono>
#include <cstdint>
#include <limits>

namespace shield::load::detail {

class arrival_schedule {
 public:
  static constexpr std::uint64_t unbounded = std::numeric_limits<std::uint64_t>::max();

  // `rate` arrivals per second over `workers` threads, for thread `index`; at most `limit`
  // arrivals in total over all threads (0: no limit); none at or after `duration` (0: no end).
  // With a non-empty `shape` (kept by reference), `rate` is unused: run-wide arrival k is due when
  // the shape's integral reaches k + 1/2, and the duration is the shape's length.
  arrival_schedule(double rate, std::uint32_t workers, std::uint32_t index, std::uint64_t limit,
                   std::chrono::nanoseconds duration, const load_shape* shape = nullptr);

  // Offset from the run start of this thread's arrival j.
  std::chrono::nanoseconds offset(std::uint64_t j) const noexcept;
  // This thread's arrivals (unbounded without a limit and a duration).
  std::uint64_t size() const noexcept { return size_; }
  // Run-wide sequence number of arrival j: arrivals of all threads interleave 0, 1, 2, ...
  std::uint64_t sequence(std::uint64_t j) const noexcept { return j * workers_ + index_; }

 private:
  double period_ns_;                   // between two arrivals of this thread
  double phase_ns_;                    // offset of arrival 0: index / rate
  std::uint32_t workers_;              // threads sharing the rate
  std::uint32_t index_;                // this thread
  std::uint64_t size_;                 // arrivals of this thread
  const load_shape* shape_ = nullptr;  // a changing rate; null: the fixed period above
};

// Thread `index`'s share of `total` items split over `workers` threads (the first ones get the rest).
std::uint64_t share_of(std::uint64_t total, std::uint32_t workers, std::uint32_t index) noexcept;

}  // namespace shield::load::detail
