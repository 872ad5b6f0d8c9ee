// The USL fit recovers known contention and coherency from synthetic throughput, with and
// without noise, and refuses what it cannot fit.
#include "support/stats/usl_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace shield::stats {
namespace {

std::vector<usl_point> synthetic(double lambda, double sigma, double kappa, const std::vector<double>& ns,
                                 double noise = 0.0, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(-noise, noise);
  std::vector<usl_point> out;
  for (double n : ns) out.push_back({n, lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1)) * (1 + jitter(rng))});
  return out;
}

const std::vector<double> sweep{1, 2, 4, 8, 16, 32, 64, 128};

TEST(UslFit, RecoversExactParameters) {
  const auto fit = fit_usl(synthetic(850.0, 0.04, 0.0007, sweep));
  ASSERT_TRUE(fit.ok()) << fit.error;
  EXPECT_NEAR(fit.lambda, 850.0, 1e-6);
  EXPECT_NEAR(fit.sigma, 0.04, 1e-9);
  EXPECT_NEAR(fit.kappa, 0.0007, 1e-11);
  const double n_star = std::sqrt((1 - 0.04) / 0.0007);  // 37.03
  EXPECT_NEAR(fit.peak_concurrency, n_star, 1e-6);
  EXPECT_NEAR(fit.peak_throughput, 850.0 * n_star / (1 + 0.04 * (n_star - 1) + 0.0007 * n_star * (n_star - 1)), 1e-6);
  EXPECT_LT(fit.rms_error_percent, 1e-6);
  EXPECT_EQ(fit.points, sweep.size());
  EXPECT_EQ(fit.concurrencies, sweep.size());
}

TEST(UslFit, RecoversParametersThroughNoise) {
  // 3 % measurement noise, repeated at every concurrency (as --repetitions gives).
  std::vector<usl_point> points;
  for (unsigned rep = 0; rep < 4; ++rep) {
    const auto r = synthetic(1200.0, 0.08, 0.002, {1, 3, 5, 10, 15, 25, 50}, 0.03, rep + 7);
    points.insert(points.end(), r.begin(), r.end());
  }
  const auto fit = fit_usl(points);
  ASSERT_TRUE(fit.ok()) << fit.error;
  EXPECT_NEAR(fit.lambda, 1200.0, 1200.0 * 0.05);
  EXPECT_NEAR(fit.sigma, 0.08, 0.03);
  EXPECT_NEAR(fit.kappa, 0.002, 0.0008);
  EXPECT_NEAR(fit.peak_concurrency, std::sqrt(0.92 / 0.002), 4.0);  // 21.4
  EXPECT_GT(fit.rms_error_percent, 0.3);                            // the noise shows in the fit error...
  EXPECT_LT(fit.rms_error_percent, 4.0);                            // ...but no more than the noise
}

TEST(UslFit, NoCoherencyMeansNoPeak) {
  const auto fit = fit_usl(synthetic(500.0, 0.1, 0.0, {1, 2, 4, 8, 16}));
  ASSERT_TRUE(fit.ok()) << fit.error;
  EXPECT_NEAR(fit.sigma, 0.1, 1e-9);
  EXPECT_NEAR(fit.kappa, 0.0, 1e-12);
  EXPECT_TRUE(std::isinf(fit.peak_concurrency));
  EXPECT_NEAR(fit.peak_throughput, 5000.0, 1e-6);  // the ceiling lambda / sigma
}

TEST(UslFit, KeepsContentionAndCoherencyNonNegative) {
  // Superlinear scaling would need a negative sigma: the fit holds it at 0 instead.
  const std::vector<usl_point> points{{1, 100}, {2, 210}, {4, 440}, {8, 900}};
  const auto fit = fit_usl(points);
  ASSERT_TRUE(fit.ok()) << fit.error;
  EXPECT_GE(fit.sigma, 0.0);
  EXPECT_GE(fit.kappa, 0.0);
  EXPECT_GT(fit.rms_error_percent, 0.0);
}

TEST(UslFit, RefusesTooFewConcurrenciesAndBadPoints) {
  auto fit = fit_usl(synthetic(100, 0.1, 0.01, {5, 5, 10, 10}));
  EXPECT_FALSE(fit.ok());
  EXPECT_NE(fit.error.find("three or more concurrencies, got 2"), std::string::npos) << fit.error;
  fit = fit_usl({{1, 100}, {2, 0}, {4, 300}});
  EXPECT_FALSE(fit.ok());
  EXPECT_NE(fit.error.find("above 0"), std::string::npos) << fit.error;
}

}  // namespace
}  // namespace shield::stats
