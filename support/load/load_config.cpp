#include "support/load/load_config.hpp"

#include <algorithm>
#include <cmath>

namespace shield::load {

std::string_view to_string(load_mode mode) noexcept { return mode == load_mode::open ? "open" : "closed"; }

std::chrono::nanoseconds run_length(const load_config& c) noexcept {
  return c.shape.empty() ? c.duration : c.shape.length();
}

base::result<void> validate(const load_config& c) {
  if (c.concurrency == 0) return base::fail("concurrency must be at least 1");
  if (!c.shape.empty()) {
    if (c.shape.length().count() <= 0) return base::fail("the stages must last longer than 0 s");
    if (c.duration.count() != 0 && c.duration != c.shape.length())
      return base::fail("with stages the duration is the stages' length (leave duration 0)");
    if (c.shape.peak() > max_stage_target) return base::fail("a stage target is over the limit");
    if (c.mode == load_mode::open && c.shape.integral(c.shape.length()) < 0.5)
      return base::fail("the stages' rates add up to no arrival");
  }
  if (c.io_threads == 0) return base::fail("io_threads must be at least 1");
  if (c.io_threads > 256) return base::fail("io_threads must be at most 256");
  if (c.requests == 0 && run_length(c).count() <= 0) return base::fail("a run needs a request count or a duration");
  if (c.duration.count() < 0) return base::fail("duration must not be negative");
  if (c.mode == load_mode::open && c.shape.empty() && !(std::isfinite(c.rate) && c.rate > 0.0))
    return base::fail("open loop needs a rate above 0 requests per second");
  if (c.mode == load_mode::open && c.rate > 1e7)
    return base::fail("rate must be at most 10,000,000 requests per second");
  if (c.interval.count() <= 0) return base::fail("interval must be positive");
  if (c.shard_count == 0 || c.shard_index >= c.shard_count)
    return base::fail("shard index must be below the shard count");
  if (c.concurrency < c.shard_count)
    return base::fail("concurrency must be at least the shard count (one connection a shard)");
  return {};
}

std::uint64_t shard_share(const load_config& c, std::uint64_t total) noexcept {
  if (c.shard_count <= 1) return total;
  return total / c.shard_count + (c.shard_index < total % c.shard_count ? 1 : 0);
}

std::uint32_t effective_threads(const load_config& c) noexcept {
  const auto connections = static_cast<std::uint32_t>(shard_share(c, c.concurrency));
  return std::max<std::uint32_t>(1, std::min(c.io_threads, connections));
}

}  // namespace shield::load
