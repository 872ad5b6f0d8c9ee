#include "support/stats/grade.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace shield::stats {
namespace {

// A clearly excellent case; each test moves one input across one boundary.
constexpr double good_success = 99.0;
constexpr double good_mean = 200.0;
constexpr double good_p95 = 500.0;
constexpr double eps = 1e-6;

TEST(Grade, ClearCases) {
  EXPECT_EQ(grade_of(good_success, good_mean, good_p95, 0), grade::excellent);
  EXPECT_EQ(grade_of(92.0, 2000.0, 5000.0, 3), grade::moderate);
  EXPECT_EQ(grade_of(50.0, 5000.0, 20000.0, 10), grade::problem);
}

TEST(Grade, SuccessRateBoundaries) {
  EXPECT_EQ(grade_of(95.0 + eps, good_mean, good_p95, 0), grade::excellent);
  EXPECT_EQ(grade_of(95.0, good_mean, good_p95, 0), grade::moderate);
  EXPECT_EQ(grade_of(90.0, good_mean, good_p95, 0), grade::moderate);
  EXPECT_EQ(grade_of(90.0 - eps, good_mean, good_p95, 0), grade::problem);
}

TEST(Grade, MeanBoundaries) {
  EXPECT_EQ(grade_of(good_success, 1000.0 - eps, good_p95, 0), grade::excellent);
  EXPECT_EQ(grade_of(good_success, 1000.0, good_p95, 0), grade::moderate);
  EXPECT_EQ(grade_of(good_success, 3000.0, good_p95, 0), grade::moderate);
  EXPECT_EQ(grade_of(good_success, 3000.0 + eps, good_p95, 0), grade::problem);
}

TEST(Grade, P95Boundaries) {
  EXPECT_EQ(grade_of(good_success, good_mean, 2000.0 - eps, 0), grade::excellent);
  EXPECT_EQ(grade_of(good_success, good_mean, 2000.0, 0), grade::moderate);
  EXPECT_EQ(grade_of(good_success, good_mean, 10000.0, 0), grade::moderate);
  EXPECT_EQ(grade_of(good_success, good_mean, 10000.0 + eps, 0), grade::problem);
}

TEST(Grade, TimeoutBoundary) {
  EXPECT_EQ(grade_of(good_success, good_mean, good_p95, 0), grade::excellent);
  EXPECT_EQ(grade_of(good_success, good_mean, good_p95, 1), grade::moderate);
  // Timeouts alone never make a problem.
  EXPECT_EQ(grade_of(good_success, good_mean, good_p95, 1'000'000), grade::moderate);
}

TEST(Grade, NaNIsAProblem) {
  EXPECT_EQ(grade_of(std::nan(""), good_mean, good_p95, 0), grade::problem);
  EXPECT_EQ(grade_of(good_success, std::nan(""), good_p95, 0), grade::problem);
  EXPECT_EQ(grade_of(good_success, good_mean, std::nan(""), 0), grade::problem);
}

TEST(Grade, NamesAndResult) {
  EXPECT_EQ(grade_name(grade::excellent), "excellent");
  EXPECT_EQ(grade_name(grade::moderate), "moderate");
  EXPECT_EQ(grade_name(grade::problem), "problem");
  const grade_result r = grade_case({.success_rate_percent = 91.0, .mean_ms = 1500.0, .p95_ms = 4000.0, .timeouts = 2});
  EXPECT_EQ(r.value, grade::moderate);
  EXPECT_EQ(r.name, "moderate");
  const grade_result bad =
      grade_case({.success_rate_percent = 100.0, .mean_ms = 100.0, .p95_ms = 10001.0, .timeouts = 0});
  EXPECT_EQ(bad.value, grade::problem);
  EXPECT_EQ(bad.name, "problem");
}

}  // namespace
}  // namespace shield::stats
