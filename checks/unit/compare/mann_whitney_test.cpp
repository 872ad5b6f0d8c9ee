#include "support/report/compare/mann_whitney.hpp"

#include "checks/unit/compare/permutation_reference.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

namespace shield::report {
namespace {

using compare_test::pair_count_u;
using compare_test::permutation_p;
using compare_test::recurrence_counts;

// SciPy's mannwhitneyu documentation example (ages of male and female students).
TEST(CompareMannWhitney, ScipyExampleExactAndAsymptotic) {
  const std::vector<double> males{19, 22, 16, 29, 24};
  const std::vector<double> females{20, 11, 17, 12};
  const auto exact = mann_whitney_u(males, females);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->method, mw_method::exact);
  EXPECT_DOUBLE_EQ(exact->u1, 17.0);
  EXPECT_DOUBLE_EQ(exact->u2, 3.0);
  EXPECT_NEAR(exact->p_value, 0.1111111111111111, 1e-12);  // SciPy method="exact"

  // Forcing the normal approximation reproduces SciPy's method="asymptotic".
  const auto normal = mann_whitney_u(males, females, 0);
  ASSERT_TRUE(normal);
  EXPECT_EQ(normal->method, mw_method::normal);
  EXPECT_NEAR(normal->p_value, 0.11134688653314041, 1e-12);
}

// R's ?wilcox.test example (Hollander & Wolfe depression scores): W = 35, one-sided p = 0.1272.
TEST(CompareMannWhitney, RDepressionExampleExact) {
  const std::vector<double> x{0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
  const std::vector<double> y{1.15, 0.88, 0.90, 0.74, 1.21};
  const auto r = mann_whitney_u(x, y);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, mw_method::exact);
  EXPECT_FALSE(r->ties);
  EXPECT_DOUBLE_EQ(r->u1, 35.0);
  EXPECT_NEAR(r->p_value, 2 * 0.1272, 1e-4);
  EXPECT_NEAR(r->p_value, permutation_p(x, y), 1e-12);
}

// R: wilcox.test(Ozone ~ Month, airquality, subset = Month %in% c(5, 8)) gives W = 127.5,
// p-value = 0.0001208 (normal approximation with tie and continuity corrections).
TEST(CompareMannWhitney, RAirqualityExampleWithTies) {
  const std::vector<double> may{41, 36, 12, 18, 28, 23, 19, 8, 7,  16, 11, 14,  18,
                                14, 34, 6,  30, 11, 1,  11, 4, 32, 23, 45, 115, 37};
  const std::vector<double> august{39, 9,  16, 78, 35, 66, 122, 89,  110, 44, 28,  65, 22,
                                   59, 23, 31, 44, 21, 9,  45,  168, 73,  76, 118, 84, 85};
  const auto r = mann_whitney_u(may, august);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ties);
  EXPECT_EQ(r->method, mw_method::normal);
  EXPECT_DOUBLE_EQ(r->u1, 127.5);
  EXPECT_DOUBLE_EQ(r->u1, pair_count_u(may, august));
  EXPECT_NEAR(r->p_value, 0.0001208, 5e-8);
}

// Sample whose ranks in the pooled 1..10 are `ranks`; the other sample takes the rest.
std::pair<std::vector<double>, std::vector<double>> split_by_ranks(const std::vector<int>& ranks) {
  std::vector<double> a;
  std::vector<double> b;
  for (int v = 1; v <= 10; ++v) (std::find(ranks.begin(), ranks.end(), v) != ranks.end() ? a : b).push_back(v);
  return {a, b};
}

// n1 = n2 = 5: textbook critical value for two-sided alpha 0.05 is U = 2 (P = 8/252 = 0.0317);
// U = 3 gives 14/252 = 0.0556, no longer significant.
TEST(CompareMannWhitney, FiveByFiveCriticalValues) {
  const auto [a2, b2] = split_by_ranks({1, 2, 3, 4, 7});
  const auto u2 = mann_whitney_u(a2, b2);
  ASSERT_TRUE(u2);
  EXPECT_DOUBLE_EQ(std::min(u2->u1, u2->u2), 2.0);
  EXPECT_NEAR(u2->p_value, 8.0 / 252.0, 1e-12);
  EXPECT_LT(u2->p_value, 0.05);

  const auto [a3, b3] = split_by_ranks({1, 2, 3, 5, 7});
  const auto u3 = mann_whitney_u(a3, b3);
  ASSERT_TRUE(u3);
  EXPECT_DOUBLE_EQ(std::min(u3->u1, u3->u2), 3.0);
  EXPECT_NEAR(u3->p_value, 14.0 / 252.0, 1e-12);
  EXPECT_GT(u3->p_value, 0.05);

  // Complete separation: the two most extreme of 252 splits.
  const auto [a0, b0] = split_by_ranks({1, 2, 3, 4, 5});
  const auto u0 = mann_whitney_u(a0, b0);
  ASSERT_TRUE(u0);
  EXPECT_DOUBLE_EQ(u0->u1, 0.0);
  EXPECT_NEAR(u0->p_value, 2.0 / 252.0, 1e-12);
  // Cross-check all three against brute-force enumeration.
  EXPECT_NEAR(u2->p_value, permutation_p(a2, b2), 1e-12);
  EXPECT_NEAR(u3->p_value, permutation_p(a3, b3), 1e-12);
  EXPECT_NEAR(u0->p_value, permutation_p(a0, b0), 1e-12);
}

TEST(CompareMannWhitney, SymmetryAndIdenticalSamples) {
  const std::vector<double> a{3.1, 4.7, 2.2, 9.0, 5.5, 6.1};
  const std::vector<double> b{1.0, 2.5, 3.3, 0.4};
  const auto ab = mann_whitney_u(a, b);
  const auto ba = mann_whitney_u(b, a);
  ASSERT_TRUE(ab && ba);
  EXPECT_DOUBLE_EQ(ab->u1 + ab->u2, 24.0);
  EXPECT_DOUBLE_EQ(ab->u1, ba->u2);
  EXPECT_DOUBLE_EQ(ab->p_value, ba->p_value);
  EXPECT_DOUBLE_EQ(ab->u1, pair_count_u(a, b));

  // Every value tied: no evidence at all.
  const std::vector<double> same{5, 5, 5, 5};
  const auto tied = mann_whitney_u(same, same);
  ASSERT_TRUE(tied);
  EXPECT_TRUE(tied->ties);
  EXPECT_DOUBLE_EQ(tied->p_value, 1.0);

  // Interleaved samples: U at the centre n1 n2 / 2, p = 1.
  const std::vector<double> a1{1, 4};
  const std::vector<double> b1{2, 3};
  const auto centre = mann_whitney_u(a1, b1);
  ASSERT_TRUE(centre);
  EXPECT_DOUBLE_EQ(centre->u1, 2.0);
  EXPECT_DOUBLE_EQ(centre->p_value, 1.0);
}

TEST(CompareMannWhitney, RejectsEmptyAndNaN) {
  const std::vector<double> empty;
  const std::vector<double> some{1, 2};
  const std::vector<double> nan{1, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_FALSE(mann_whitney_u(empty, some));
  EXPECT_FALSE(mann_whitney_u(some, empty));
  EXPECT_FALSE(mann_whitney_u(nan, some));
  EXPECT_TRUE(std::isnan(mann_whitney_exact_cdf(0, 3, 1.0)));
  EXPECT_TRUE(std::isnan(mann_whitney_exact_cdf(31, 3, 1.0)));
}

// Exact distribution against Mann and Whitney's recurrence, computed independently.
TEST(CompareMannWhitney, ExactCdfMatchesRecurrence) {
  for (int m = 1; m <= 12; ++m) {
    for (int n = 1; n <= 12; ++n) {
      const auto counts = recurrence_counts(m, n);
      const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
      double below = 0.0;
      for (std::size_t u = 0; u < counts.size(); ++u) {
        below += static_cast<double>(counts[u]);
        ASSERT_NEAR(
            mann_whitney_exact_cdf(static_cast<std::size_t>(m), static_cast<std::size_t>(n), static_cast<double>(u)),
            below / total, 1e-12)
            << m << "x" << n << " u=" << u;
      }
    }
  }
  EXPECT_DOUBLE_EQ(mann_whitney_exact_cdf(4, 4, -1.0), 0.0);
  EXPECT_DOUBLE_EQ(mann_whitney_exact_cdf(4, 4, 100.0), 1.0);
}

// Random small samples without ties: exact p equals brute-force permutation p.
TEST(CompareMannWhitney, ExactMatchesPermutationEnumeration) {
  std::mt19937 rng(20261128);
  std::uniform_real_distribution<double> value(0.0, 100.0);
  std::uniform_int_distribution<int> size(2, 8);
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<double> a(static_cast<std::size_t>(size(rng)));
    std::vector<double> b(static_cast<std::size_t>(size(rng)));
    for (auto& v : a) v = value(rng);
    for (auto& v : b) v = value(rng) + (trial % 3) * 15.0;  // some trials shifted, so small p-values occur
    const auto r = mann_whitney_u(a, b);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->method, mw_method::exact);
    EXPECT_DOUBLE_EQ(r->u1, pair_count_u(a, b));
    EXPECT_NEAR(r->p_value, permutation_p(a, b), 1e-12) << "trial " << trial;
  }
}

// Samples with ties (values on a grid of 12): the tie-corrected normal approximation stays
// close to the exact permutation p-value. (With heavier ties and smaller samples it drifts
// further, which is why ties never take the exact path.)
TEST(CompareMannWhitney, TieCorrectedNormalTracksPermutation) {
  std::mt19937 rng(77);
  std::uniform_int_distribution<int> grid(1, 12);
  double worst = 0.0;
  double total_error = 0.0;
  int tied = 0;
  const int trials = 20;
  for (int trial = 0; trial < trials; ++trial) {
    std::vector<double> a(8);
    std::vector<double> b(8);
    for (auto& v : a) v = grid(rng);
    for (auto& v : b) v = grid(rng) + 2 * (trial % 3);
    const auto r = mann_whitney_u(a, b);
    ASSERT_TRUE(r);
    if (!r->ties) continue;
    ++tied;
    EXPECT_EQ(r->method, mw_method::normal);
    EXPECT_DOUBLE_EQ(r->u1, pair_count_u(a, b));
    const double exact = permutation_p(a, b);
    worst = std::max(worst, std::fabs(r->p_value - exact));
    total_error += std::fabs(r->p_value - exact);
  }
  EXPECT_GE(tied, trials / 2);
  EXPECT_LT(worst, 0.05);
  EXPECT_LT(total_error / tied, 0.02);
}

// Large samples: the normal approximation against the exact distribution (recurrence counts).
TEST(CompareMannWhitney, LargeSampleNormalApproximation) {
  std::vector<double> a(25);
  std::vector<double> b(25);
  for (int i = 0; i < 25; ++i) {
    a[static_cast<std::size_t>(i)] = 2.0 * i;        // even numbers
    b[static_cast<std::size_t>(i)] = 2.0 * i + 9.0;  // odd numbers, shifted up
  }
  const auto r = mann_whitney_u(a, b);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, mw_method::normal);  // 25 > 20
  EXPECT_FALSE(r->ties);
  const auto counts = recurrence_counts(25, 25);
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  double tail = 0.0;
  for (std::size_t u = 0; u <= static_cast<std::size_t>(std::min(r->u1, r->u2)); ++u)
    tail += static_cast<double>(counts[u]);
  const double exact = std::min(1.0, 2.0 * tail / total);
  EXPECT_GT(exact, 0.01);
  EXPECT_LT(exact, 0.5);
  EXPECT_NEAR(r->p_value, exact, 0.005);

  // Raising the exact limit gives the exact value itself.
  const auto forced = mann_whitney_u(a, b, 25);
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->method, mw_method::exact);
  EXPECT_NEAR(forced->p_value, exact, 1e-12);
}

TEST(CompareMannWhitney, ExactLimitAndSmallestPossibleP) {
  std::vector<double> a(20);
  std::vector<double> b(20);
  std::iota(a.begin(), a.end(), 0.0);
  std::iota(b.begin(), b.end(), 0.5);
  EXPECT_EQ(mann_whitney_u(a, b)->method, mw_method::exact);
  a.push_back(100.0);
  EXPECT_EQ(mann_whitney_u(a, b)->method, mw_method::normal);

  EXPECT_NEAR(mann_whitney_min_p(2, 2), 2.0 / 6.0, 1e-12);
  EXPECT_NEAR(mann_whitney_min_p(3, 3), 2.0 / 20.0, 1e-12);
  EXPECT_NEAR(mann_whitney_min_p(4, 4), 2.0 / 70.0, 1e-12);
  EXPECT_NEAR(mann_whitney_min_p(5, 5), 2.0 / 252.0, 1e-12);
  EXPECT_DOUBLE_EQ(mann_whitney_min_p(0, 5), 1.0);
}

}  // namespace
}  // namespace shield::report
