#pragma once
// How a load run drives the target: loop kind, connections, threads, when it ends.

#include "support/base/result.hpp"
#include "support/load/load_shape.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace shield::load {

// Closed loop: each connection sends its next request when the last one completes.
// Open loop: requests are due at a fixed arrival rate, whatever the server does.
enum class load_mode { closed, open };

// "closed" or "open".
std::string_view to_string(load_mode mode) noexcept;

// One run's settings; a run ends after `requests` or `duration`, whichever comes first.
struct load_config {
  load_mode mode = load_mode::closed;    // closed or open loop
  std::uint32_t concurrency = 1;         // connections: requests in flight (closed) or at most in flight (open)
  std::uint32_t io_threads = 1;          // I/O threads, one io_context each (capped at concurrency)
  std::uint64_t requests = 0;            // requests to complete; 0: no limit (duration must be set)
  std::chrono::nanoseconds duration{0};  // no new request after this long; 0: no limit
  double rate = 0.0;                     // open loop: arrivals per second over all threads
  load_shape shape;                      // stages: the rate (open) or in-flight target (closed) over time; empty: fixed
  std::chrono::milliseconds interval{1000};  // how often the interval observer hears from the run
  std::size_t messages_per_kind = 5;         // first failure messages kept per outcome
  const std::atomic<bool>* stop = nullptr;   // optional: set (e.g. by Ctrl-C) to stop the run early
  std::uint32_t shard_index = 0;             // distributed run: this process's shard, from 0
  std::uint32_t shard_count = 1;             // distributed run: shards of the whole run; 1: not split
};

// The run's duration: the shape's length when it has stages, else `duration`.
std::chrono::nanoseconds run_length(const load_config& config) noexcept;

// Whether a configuration can run; the failure says why not (no end condition, open loop without a rate...).
base::result<void> validate(const load_config& config);

// This shard's part of `total` (connections, closed-loop requests): remainders to the lowest indexes.
std::uint64_t shard_share(const load_config& config, std::uint64_t total) noexcept;

// The I/O threads a run actually uses: io_threads capped at the shard's connections, at least one.
std::uint32_t effective_threads(const load_config& config) noexcept;

}  // namespace shield::load
