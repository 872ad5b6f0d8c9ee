#include "support/stats/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace shield::stats {

latency_histogram::latency_histogram() : counts_(bucket_count, 0) {}

void latency_histogram::merge(const latency_histogram& other) noexcept {
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  underflow_ += other.underflow_;
  overflow_ += other.overflow_;
  sum_ += other.sum_;
  sum_sq_ += other.sum_sq_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

void latency_histogram::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), std::uint64_t{0});
  count_ = 0;
  underflow_ = 0;
  overflow_ = 0;
  min_ = std::numeric_limits<std::uint64_t>::max();
  max_ = 0;
  sum_ = 0;
  sum_sq_ = 0;
}

std::uint64_t latency_histogram::bucket_lowest(std::size_t index) noexcept {
  if (index < linear_bucket_count) return lowest_ns + index;
  const std::size_t k = index - linear_bucket_count;
  const unsigned shift = static_cast<unsigned>(k >> sub_bucket_bits) + first_log_exponent - sub_bucket_bits;
  const std::uint64_t sub = k & ((std::size_t{1} << sub_bucket_bits) - 1);
  return ((std::uint64_t{1} << sub_bucket_bits) + sub) << shift;
}

std::uint64_t latency_histogram::bucket_width(std::size_t index) noexcept {
  if (index < linear_bucket_count) return 1;
  const std::size_t k = index - linear_bucket_count;
  const unsigned shift = static_cast<unsigned>(k >> sub_bucket_bits) + first_log_exponent - sub_bucket_bits;
  return std::uint64_t{1} << shift;
}

std::uint64_t latency_histogram::value_at_quantile(double q) const noexcept {
  if (count_ == 0) return 0;
  // NaN and negatives mean the minimum, anything above 1 the maximum.
  if (!(q > 0.0)) q = 0.0;
  if (q > 1.0) q = 1.0;
  const double wanted = std::ceil(q * static_cast<double>(count_));
  std::uint64_t rank = wanted < 1.0 ? 1 : static_cast<std::uint64_t>(wanted);
  rank = std::min(rank, count_);
  // The first and last ranks are min and max, which are kept exactly.
  if (rank == 1) return min_;
  if (rank == count_) return max_;

  // Only buckets between min and max can hold samples.
  const std::size_t first = bucket_index(min_);
  const std::size_t last = bucket_index(max_);
  std::uint64_t seen = 0;
  std::size_t found = last;
  for (std::size_t i = first; i <= last; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      found = i;
      break;
    }
  }
  // Middle of the bucket halves the worst-case error; min/max are exact, so clamp to them.
  const std::uint64_t middle = bucket_lowest(found) + bucket_width(found) / 2;
  return std::clamp(middle, min_, max_);
}

double latency_histogram::mean() const noexcept {
  if (count_ == 0) return 0.0;
  return static_cast<double>(static_cast<long double>(sum_) / static_cast<long double>(count_));
}

double latency_histogram::stddev() const noexcept {
  if (count_ < 2) return 0.0;
  // Sum of squared deviations = sum_sq - sum^2/n, split so the large terms stay integral:
  // sum^2/n = q*sum + r*sum/n with sum = q*n + r; q*sum <= sum_sq, so no wrap-around.
  const uint128 n = count_;
  const uint128 q = sum_ / n;
  const uint128 r = sum_ % n;
  const uint128 integral = sum_sq_ - q * sum_;
  const long double fraction =
      static_cast<long double>(r) * static_cast<long double>(sum_) / static_cast<long double>(n);
  long double squared_deviations = static_cast<long double>(integral) - fraction;
  if (squared_deviations < 0) squared_deviations = 0;
  return static_cast<double>(std::sqrt(squared_deviations / static_cast<long double>(count_ - 1)));
}

}  // namespace shield::stats
