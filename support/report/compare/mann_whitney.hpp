#pragma once

#include <cstddef>
#include <optional>
#include <span>

namespace shield::report {

// How a Mann-Whitney p-value was obtained.
enum class mw_method {
  exact,   // exact null distribution (small samples, no ties)
  normal,  // normal approximation with tie and continuity corrections
};

// Two-sided Mann-Whitney U test of two independent samples.
struct mann_whitney_result {
  std::size_t n1 = 0;                   // size of the first sample
  std::size_t n2 = 0;                   // size of the second sample
  double u1 = 0.0;                      // pairs (a, b) with a > b, ties counting one half
  double u2 = 0.0;                      // n1 * n2 - u1
  double p_value = 1.0;                 // two-sided p-value, in [0, 1]
  double z = 0.0;                       // continuity-corrected z (>= 0); 0 in exact mode
  mw_method method = mw_method::exact;  // how p_value was computed
  bool ties = false;                    // some value occurs more than once in the pooled sample
};

// Largest sample size (either side) that still gets the exact distribution.
inline constexpr std::size_t mw_default_exact_max_n = 20;

// Hard cap on exact_max_n: counts of the null distribution must fit in 64 bits.
inline constexpr std::size_t mw_exact_cap = 30;

// Two-sided test of a against b. The exact distribution is used when there are no ties and
// both sizes are <= exact_max_n (capped at mw_exact_cap); otherwise the normal approximation.
// Empty by nullopt when a sample is empty or holds a NaN.
std::optional<mann_whitney_result> mann_whitney_u(std::span<const double> a, std::span<const double> b,
                                                  std::size_t exact_max_n = mw_default_exact_max_n);

// P(U <= u) under the null hypothesis for sizes n1, n2 without ties (exact, n1, n2 <= mw_exact_cap).
// Returns NaN for sizes above the cap or an empty side.
double mann_whitney_exact_cdf(std::size_t n1, std::size_t n2, double u);

// Smallest two-sided p-value the test can give for these sizes (complete separation, no ties),
// by the same method mann_whitney_u would use; 1 when a side is empty.
double mann_whitney_min_p(std::size_t n1, std::size_t n2, std::size_t exact_max_n = mw_default_exact_max_n);

}  // namespace shield::report
