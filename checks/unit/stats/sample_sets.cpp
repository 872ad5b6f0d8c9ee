#include "checks/unit/stats/sample_sets.hpp"

#include "support/stats/latency_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace shield::stats::testing {

namespace {

std::uint64_t in_range(double ns) {
  const double lo = static_cast<double>(latency_histogram::lowest_ns);
  const double hi = static_cast<double>(latency_histogram::highest_ns);
  return static_cast<std::uint64_t>(std::clamp(ns, lo, hi));
}

}  // namespace

std::vector<sample_set> distribution_sets(std::size_t size, std::uint64_t seed) {
  std::mt19937_64 rng{seed};
  std::vector<sample_set> sets;

  // Uniform over 1 µs .. 10 s: most samples in the coarse upper octaves.
  sample_set uniform{"uniform", {}};
  std::uniform_int_distribution<std::uint64_t> flat{1'000, 10'000'000'000};
  for (std::size_t i = 0; i < size; ++i) uniform.values.push_back(flat(rng));
  sets.push_back(std::move(uniform));

  // Lognormal around 5 ms with a wide spread, the usual latency shape.
  sample_set lognormal{"lognormal", {}};
  std::lognormal_distribution<double> skewed{std::log(5e6), 1.2};
  for (std::size_t i = 0; i < size; ++i) lognormal.values.push_back(in_range(skewed(rng)));
  sets.push_back(std::move(lognormal));

  // Bimodal: fast cache hits near 2 ms, slow LLM calls near 800 ms.
  sample_set bimodal{"bimodal", {}};
  std::normal_distribution<double> fast{2e6, 3e5};
  std::normal_distribution<double> slow{8e8, 1e8};
  std::bernoulli_distribution pick_slow{0.3};
  for (std::size_t i = 0; i < size; ++i) bimodal.values.push_back(in_range(pick_slow(rng) ? slow(rng) : fast(rng)));
  sets.push_back(std::move(bimodal));

  // One value repeated: every percentile must be that value exactly.
  sets.push_back({"single", std::vector<std::uint64_t>(size, 123'456'789)});

  // Near 1 ms with 0.5% huge outliers between 1 min and 1 h.
  sample_set outliers{"outliers", {}};
  std::normal_distribution<double> base{1e6, 1e5};
  std::uniform_real_distribution<double> huge{6e10, 3.6e12};
  std::bernoulli_distribution pick_huge{0.005};
  for (std::size_t i = 0; i < size; ++i) outliers.values.push_back(in_range(pick_huge(rng) ? huge(rng) : base(rng)));
  sets.push_back(std::move(outliers));

  // Sub-2 µs samples: the 1 ns wide linear buckets.
  sample_set tiny{"tiny", {}};
  std::uniform_int_distribution<std::uint64_t> small{1'000, 2'600};
  for (std::size_t i = 0; i < size; ++i) tiny.values.push_back(small(rng));
  sets.push_back(std::move(tiny));
  return sets;
}

}  // namespace shield::stats::testing
