#pragma once
// shield_bench's load-shape and capacity-search flags: --stages, --find_capacity, --slo,
// --capacity_precision, --capacity_min, --capacity_step, --capacity_budget, --capacity_max_rps.

#include "benchmarks/bench/bench_options.hpp"
#include "support/base/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace shield::bench {

// Connections of a capacity search's open loop unless --concurrency says: enough that the client is
// not the limit.
inline constexpr std::uint32_t capacity_connections = 256;

// Takes the flags out of `args` into `options` (after take_bench_options) and applies them: with
// --stages the start value, the closed loop's one case at the peak, no preset request count; with
// --find_capacity open loop from --rate (else 50/s) on 256 connections unless --concurrency says.
// Conflicts (--stages with --duration or --find_capacity, several closed-loop concurrencies,
// --rate=0 without --stages) are failures naming the flags.
base::result<void> take_shape_options(std::vector<std::string>& args, bench_options& options);

// Usage text of these flags.
std::string shape_usage();

}  // namespace shield::bench
