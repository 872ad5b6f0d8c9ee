#include "support/stats/usl_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace shield::stats {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Coefficients (a, b, c) of N/X = a + b(N-1) + c N(N-1); a term left out of the fit stays 0.
using coefficients = std::array<double, 3>;

// Weighted least squares over the terms `use` via the normal equations (Gaussian elimination
// with partial pivoting); nullopt when they are singular.
std::optional<coefficients> solve(const std::vector<usl_point>& pts, std::array<bool, 3> use) {
  std::array<std::size_t, 3> idx{};
  std::size_t k = 0;
  for (std::size_t j = 0; j < 3; ++j) {
    if (use[j]) idx[k++] = j;
  }
  double m[3][4] = {};
  for (const auto& p : pts) {
    const double n = p.concurrency;
    const double y = n / p.throughput;
    const double w = 1.0 / (y * y);  // relative error of N/X, hence of X
    const double f[3] = {1.0, n - 1.0, n * (n - 1.0)};
    for (std::size_t r = 0; r < k; ++r) {
      for (std::size_t c = 0; c < k; ++c) m[r][c] += w * f[idx[r]] * f[idx[c]];
      m[r][3] += w * f[idx[r]] * y;
    }
  }
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < k; ++r) {
      if (std::fabs(m[r][col]) > std::fabs(m[pivot][col])) pivot = r;
    }
    if (std::fabs(m[pivot][col]) < 1e-300) return std::nullopt;
    for (std::size_t c = 0; c < 4; ++c) std::swap(m[col][c], m[pivot][c]);
    for (std::size_t r = 0; r < k; ++r) {
      if (r == col) continue;
      const double factor = m[r][col] / m[col][col];
      for (std::size_t c = col; c < 4; ++c) m[r][c] -= factor * m[col][c];
    }
  }
  coefficients out{};
  for (std::size_t r = 0; r < k; ++r) out[idx[r]] = m[r][3] / m[r][r];
  return out;
}

double rms_relative_error(const std::vector<usl_point>& pts, const usl_fit& fit) {
  double sum = 0.0;
  for (const auto& p : pts) {
    const double e = (fit.predict(p.concurrency) - p.throughput) / p.throughput;
    sum += e * e;
  }
  return std::sqrt(sum / static_cast<double>(pts.size())) * 100.0;
}

}  // namespace

double usl_fit::predict(double n) const { return lambda * n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0)); }

usl_fit fit_usl(const std::vector<usl_point>& points) {
  usl_fit best;
  best.points = points.size();
  std::set<double> distinct;
  for (const auto& p : points) {
    if (!(p.concurrency > 0) || !std::isfinite(p.concurrency) || !(p.throughput > 0) || !std::isfinite(p.throughput)) {
      best.error = "every point needs a concurrency and a throughput above 0";
      return best;
    }
    distinct.insert(p.concurrency);
  }
  best.concurrencies = distinct.size();
  if (distinct.size() < 3) {
    best.error = "needs three or more concurrencies, got " + std::to_string(distinct.size());
    return best;
  }
  // Full model first, then with kappa, sigma or both held at 0: the best feasible one wins.
  const std::array<std::array<bool, 3>, 4> models{
      {{true, true, true}, {true, true, false}, {true, false, true}, {true, false, false}}};
  bool found = false;
  for (const auto& use : models) {
    const auto c = solve(points, use);
    if (!c || !((*c)[0] > 0) || (*c)[1] < 0 || (*c)[2] < 0) continue;
    usl_fit candidate = best;
    candidate.lambda = 1.0 / (*c)[0];
    candidate.sigma = (*c)[1] * candidate.lambda;
    candidate.kappa = (*c)[2] * candidate.lambda;
    candidate.rms_error_percent = rms_relative_error(points, candidate);
    if (!found || candidate.rms_error_percent < best.rms_error_percent - 1e-12) {
      best = candidate;
      found = true;
    }
  }
  if (!found) {
    best.error = "no fit with non-negative contention and coherency";
    return best;
  }
  if (best.kappa > 0) {
    best.peak_concurrency = std::max(1.0, std::sqrt((1.0 - best.sigma) / best.kappa));
    best.peak_throughput = best.predict(best.peak_concurrency);
  } else {
    best.peak_concurrency = infinity;
    best.peak_throughput = best.sigma > 0 ? best.lambda / best.sigma : infinity;
  }
  return best;
}

}  // namespace shield::stats
