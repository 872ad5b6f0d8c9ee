#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shield::stats::testing {

// A named, seeded set of latency samples in nanoseconds.
struct sample_set {
  std::string name;                   // distribution, for failure messages
  std::vector<std::uint64_t> values;  // samples, in generation order
};

// Uniform, lognormal, bimodal, single-value and heavy-outlier sets, all inside 1 µs .. 1 h.
std::vector<sample_set> distribution_sets(std::size_t size, std::uint64_t seed);

}  // namespace shield::stats::testing
