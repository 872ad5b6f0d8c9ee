#include "support/monitor/least_squares.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace shield::monitor {
namespace {

TEST(FitLine, RecoversAnExactLine) {
  const double slope = 3.25;
  const double intercept = -7.0;
  std::vector<double> x;
  std::vector<double> y;
  for (int i = 0; i < 20; ++i) {
    x.push_back(1000.0 + i * 17.0);
    y.push_back(intercept + slope * x.back());
  }
  const auto fit = fit_line(x, y);
  ASSERT_TRUE(fit.has_value());
  EXPECT_NEAR(fit->slope, slope, 1e-9);
  EXPECT_NEAR(fit->intercept, intercept, 1e-6);
  EXPECT_NEAR(fit->r_squared, 1.0, 1e-12);
  EXPECT_EQ(fit->points, x.size());
}

TEST(FitLine, NoisyFlatSeriesHasSmallSlopeAndLowFit) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  std::vector<double> x;
  std::vector<double> y;
  for (int i = 0; i < 200; ++i) {
    x.push_back(i);
    y.push_back(50.0 + noise(rng));
  }
  const auto fit = fit_line(x, y);
  ASSERT_TRUE(fit.has_value());
  // Standard error of the slope is about sigma / sqrt(sum (x - mean)^2) ~ 0.58 / 816.
  EXPECT_LT(std::abs(fit->slope), 4 * 0.58 / 816.0);
  EXPECT_LT(fit->r_squared, 0.1);
}

TEST(FitLine, DegenerateInputHasNoFit) {
  const std::vector<double> one{1.0};
  EXPECT_FALSE(fit_line(one, one).has_value());
  const std::vector<double> same_x{2.0, 2.0, 2.0};
  const std::vector<double> y{1.0, 2.0, 3.0};
  EXPECT_FALSE(fit_line(same_x, y).has_value());
  const std::vector<double> short_y{1.0, 2.0};
  EXPECT_FALSE(fit_line(y, short_y).has_value());
  const std::vector<double> flat{4.0, 4.0, 4.0};
  const auto fit = fit_line(y, flat);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->slope, 0.0);
  EXPECT_EQ(fit->r_squared, 0.0);
}

}  // namespace
}  // namespace shield::monitor
