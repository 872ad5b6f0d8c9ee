#include "support/load/detail/arrival_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace shield::load::detail {

std::uint64_t share_of(std::uint64_t total, std::uint32_t workers, std::uint32_t index) noexcept {
  return total / workers + (index < total % workers ? 1 : 0);
}

arrival_schedule::arrival_schedule(double rate, std::uint32_t workers, std::uint32_t index, std::uint64_t limit,
                                   std::chrono::nanoseconds duration, const load_shape* shape)
    : period_ns_(shape != nullptr && !shape->empty() ? 0.0 : static_cast<double>(workers) * 1e9 / rate),
      phase_ns_(shape != nullptr && !shape->empty() ? 0.0 : static_cast<double>(index) * 1e9 / rate),
      workers_(workers),
      index_(index),
      size_(limit > 0 ? share_of(limit, workers, index) : unbounded),
      shape_(shape != nullptr && !shape->empty() ? shape : nullptr) {
  if (shape_ != nullptr) {
    // Run-wide arrivals k with time_of(k + 1/2) before the end, then this thread's share of them.
    const auto end = shape_->length();
    const double area = shape_->integral(end);
    auto n = static_cast<std::uint64_t>(std::max(0.0, std::floor(area - 0.5) + 1.0));
    while (n > 0 && shape_->time_of(static_cast<double>(n - 1) + 0.5) >= end) --n;
    while (shape_->time_of(static_cast<double>(n) + 0.5) < end) ++n;
    size_ = std::min(size_, share_of(n, workers, index));
    return;
  }
  if (duration.count() <= 0) return;
  // Arrivals strictly before the end: j < (duration - phase) / period.
  const double span = static_cast<double>(duration.count()) - phase_ns_;
  std::uint64_t n = span <= 0 ? 0 : static_cast<std::uint64_t>(std::ceil(span / period_ns_));
  while (n > 0 && offset(n - 1) >= duration) --n;  // rounding at the edge
  while (offset(n) < duration) ++n;
  size_ = std::min(size_, n);
}

std::chrono::nanoseconds arrival_schedule::offset(std::uint64_t j) const noexcept {
  if (shape_ != nullptr) return shape_->time_of(static_cast<double>(sequence(j)) + 0.5);
  return std::chrono::nanoseconds(std::llround(phase_ns_ + static_cast<double>(j) * period_ns_));
}

}  // namespace shield::load::detail
