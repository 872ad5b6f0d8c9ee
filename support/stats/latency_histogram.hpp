#pragma once

#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace shield::stats {

// Exact 128-bit accumulator for sums of nanoseconds and their squares.
__extension__ using uint128 = unsigned __int128;

// Log-linear latency histogram in nanoseconds, 1 µs .. 1 h, 3 significant digits.
//
// Layout: values 1000..2047 ns get one bucket per nanosecond; above that every power of two
// [2^e, 2^(e+1)) is split into 1024 equal buckets, so a bucket is never wider than 1/1024
// (< 0.1%) of its lower bound. Values outside [lowest, highest] are clamped to the nearest
// bound and counted in underflow()/overflow(); every statistic (buckets, min, max, sum)
// describes the clamped values.
//
// 32,792 64-bit counters (about 256 KiB), allocated once by the constructor; copies are deep.
// record() is O(1) and never allocates. Not thread-safe by design: keep one histogram per
// thread and merge() them at the end.
class latency_histogram {
 public:
  static constexpr std::uint64_t lowest_ns = 1'000;                     // 1 µs
  static constexpr std::uint64_t highest_ns = 3'600'000'000'000;        // 1 h
  static constexpr unsigned sub_bucket_bits = 10;                       // 1024 buckets per octave
  static constexpr std::size_t linear_bucket_count = 2048 - lowest_ns;  // 1000..2047, 1 ns wide
  static constexpr unsigned first_log_exponent = 11;                    // 2^11 = 2048
  static constexpr unsigned last_log_exponent = 41;                     // 2^41 <= 1 h < 2^42
  static constexpr std::size_t bucket_count =
      linear_bucket_count + (std::size_t{last_log_exponent - first_log_exponent + 1} << sub_bucket_bits);

  latency_histogram();

  // Adds one sample; O(1), no allocation.
  void record(std::uint64_t value_ns) noexcept { record_n(value_ns, 1); }
  void record(std::chrono::nanoseconds value) noexcept { record(clamp_duration(value)); }

  // Adds `times` samples of the same value.
  void record_n(std::uint64_t value_ns, std::uint64_t times) noexcept {
    if (times == 0) return;
    std::uint64_t v = value_ns;
    if (v < lowest_ns) {
      v = lowest_ns;
      underflow_ += times;
    } else if (v > highest_ns) {
      v = highest_ns;
      overflow_ += times;
    }
    counts_[bucket_index(v)] += times;
    count_ += times;
    sum_ += uint128{v} * times;
    sum_sq_ += uint128{v} * v * times;
    if (v < min_) min_ = v;
    if (v > max_) max_ = v;
  }

  // Adds every count and statistic of `other` (same fixed layout, so always compatible).
  void merge(const latency_histogram& other) noexcept;

  // Back to the empty state without releasing the bucket storage.
  void reset() noexcept;

  // Value at quantile q in [0, 1] (nearest rank: the ceil(q*count)-th smallest sample, at
  // least the first). Within 0.1% of that sample for in-range values (the middle of its
  // bucket), exact for the first and last rank (min and max); 0 when empty.
  std::uint64_t value_at_quantile(double q) const noexcept;

  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t underflow() const noexcept { return underflow_; }
  std::uint64_t overflow() const noexcept { return overflow_; }
  // Smallest and largest recorded (clamped) value; 0 when empty.
  std::uint64_t min() const noexcept { return count_ == 0 ? 0 : min_; }
  std::uint64_t max() const noexcept { return count_ == 0 ? 0 : max_; }
  // Exact sum of values and of their squares (ns and ns^2).
  uint128 sum() const noexcept { return sum_; }
  uint128 sum_of_squares() const noexcept { return sum_sq_; }
  // Mean in ns; 0 when empty.
  double mean() const noexcept;
  // Sample standard deviation (n - 1 denominator, like Python's statistics.stdev) in ns;
  // 0 with fewer than two samples.
  double stddev() const noexcept;

  // Raw bucket access, for serialisation.
  std::uint64_t count_at(std::size_t index) const noexcept { return counts_[index]; }

  // Bucket holding a value already inside [lowest_ns, highest_ns].
  static std::size_t bucket_index(std::uint64_t value_ns) noexcept;
  // Smallest value a bucket holds, and how many consecutive values it holds.
  static std::uint64_t bucket_lowest(std::size_t index) noexcept;
  static std::uint64_t bucket_width(std::size_t index) noexcept;

  friend bool operator==(const latency_histogram&, const latency_histogram&) = default;

 private:
  friend struct histogram_json_access;  // restores exact state from a validated document

  static std::uint64_t clamp_duration(std::chrono::nanoseconds value) noexcept {
    return value.count() < 0 ? 0 : static_cast<std::uint64_t>(value.count());
  }

  std::vector<std::uint64_t> counts_;  // one counter per bucket, sized once in the constructor
  std::uint64_t count_ = 0;            // samples recorded, including clamped ones
  std::uint64_t underflow_ = 0;        // samples below lowest_ns, recorded as lowest_ns
  std::uint64_t overflow_ = 0;         // samples above highest_ns, recorded as highest_ns
  std::uint64_t min_ = std::numeric_limits<std::uint64_t>::max();  // sentinel while empty
  std::uint64_t max_ = 0;                                          // largest clamped value
  uint128 sum_ = 0;                                                // exact sum, so the mean needs no running float
  uint128 sum_sq_ = 0;                                             // exact sum of squares, for the standard deviation
};

inline std::size_t latency_histogram::bucket_index(std::uint64_t value_ns) noexcept {
  if (value_ns < (std::uint64_t{1} << first_log_exponent)) return static_cast<std::size_t>(value_ns - lowest_ns);
  // Exponent of the highest set bit picks the octave, the next 10 bits the sub-bucket.
  const unsigned exponent = 63u - static_cast<unsigned>(std::countl_zero(value_ns));
  const unsigned shift = exponent - sub_bucket_bits;
  const std::uint64_t sub = (value_ns >> shift) - (std::uint64_t{1} << sub_bucket_bits);
  return linear_bucket_count + (std::size_t{exponent - first_log_exponent} << sub_bucket_bits) +
         static_cast<std::size_t>(sub);
}

}  // namespace shield::stats
