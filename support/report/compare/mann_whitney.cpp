#include "support/report/compare/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

namespace shield::report {

namespace {

// Number of arrangements giving each U value (index = U) for sizes m, n without ties: the
// coefficients of the Gaussian binomial [m+n choose m]_q, built as prod (1 - q^(n+i)) / (1 - q^i).
std::vector<std::int64_t> null_counts(std::size_t m, std::size_t n) {
  const std::size_t degree = m * n;
  std::vector<std::int64_t> c(degree + m + 1, 0);
  c[0] = 1;
  for (std::size_t i = 1; i <= m; ++i) {
    // Multiply by (1 - q^(n+i)): walk downwards so each term reads the old coefficient.
    const std::size_t shift = n + i;
    for (std::size_t k = c.size(); k-- > shift;) c[k] -= c[k - shift];
    // Divide by (1 - q^i): a running sum with stride i (exact, no remainder).
    for (std::size_t k = i; k < c.size(); ++k) c[k] += c[k - i];
  }
  c.resize(degree + 1);
  return c;
}

// Midranks (1-based) of the pooled sample; sets `ties` and the tie term sum(t^3 - t).
std::vector<double> midranks(const std::vector<double>& pooled, bool& ties, double& tie_term) {
  std::vector<std::size_t> order(pooled.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return pooled[x] < pooled[y]; });
  std::vector<double> rank(pooled.size(), 0.0);
  ties = false;
  tie_term = 0.0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && pooled[order[j + 1]] == pooled[order[i]]) ++j;
    const double mid = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = mid;
    if (const double t = static_cast<double>(j - i + 1); t > 1.0) {
      ties = true;
      tie_term += t * t * t - t;
    }
    i = j + 1;
  }
  return rank;
}

// Two-sided p from the continuity-corrected normal approximation; sets z.
double normal_p(double u_max, std::size_t n1, std::size_t n2, double tie_term, double& z) {
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double n = a + b;
  const double mean = a * b / 2.0;
  const double variance = a * b / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  z = 0.0;
  if (!(variance > 0.0)) return 1.0;  // every value tied: no evidence of a shift
  z = std::max(0.0, (u_max - mean - 0.5) / std::sqrt(variance));
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));
}

}  // namespace

double mann_whitney_exact_cdf(std::size_t n1, std::size_t n2, double u) {
  if (n1 == 0 || n2 == 0 || n1 > mw_exact_cap || n2 > mw_exact_cap || std::isnan(u))
    return std::numeric_limits<double>::quiet_NaN();
  if (u < 0.0) return 0.0;
  const auto counts = null_counts(std::min(n1, n2), std::max(n1, n2));
  const auto top = static_cast<std::size_t>(std::min(std::floor(u), static_cast<double>(counts.size() - 1)));
  std::int64_t below = 0;
  std::int64_t total = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    total += counts[k];
    if (k <= top) below += counts[k];
  }
  return static_cast<double>(below) / static_cast<double>(total);
}

std::optional<mann_whitney_result> mann_whitney_u(std::span<const double> a, std::span<const double> b,
                                                  std::size_t exact_max_n) {
  const auto has_nan = [](std::span<const double> s) {
    return std::any_of(s.begin(), s.end(), [](double v) { return std::isnan(v); });
  };
  if (a.empty() || b.empty() || has_nan(a) || has_nan(b)) return std::nullopt;

  mann_whitney_result r;
  r.n1 = a.size();
  r.n2 = b.size();
  std::vector<double> pooled(a.begin(), a.end());
  pooled.insert(pooled.end(), b.begin(), b.end());
  double tie_term = 0.0;
  const auto rank = midranks(pooled, r.ties, tie_term);

  // U1 = R1 - n1(n1+1)/2, the count of pairs where a wins.
  const double n1 = static_cast<double>(r.n1);
  const double rank_sum = std::accumulate(rank.begin(), rank.begin() + static_cast<std::ptrdiff_t>(r.n1), 0.0);
  r.u1 = rank_sum - n1 * (n1 + 1.0) / 2.0;
  r.u2 = n1 * static_cast<double>(r.n2) - r.u1;

  const std::size_t limit = std::min(exact_max_n, mw_exact_cap);
  if (!r.ties && r.n1 <= limit && r.n2 <= limit) {
    // Symmetric null: P(U >= u_max) = P(U <= u_min).
    r.method = mw_method::exact;
    r.p_value = std::min(1.0, 2.0 * mann_whitney_exact_cdf(r.n1, r.n2, std::min(r.u1, r.u2)));
    return r;
  }
  r.method = mw_method::normal;
  r.p_value = normal_p(std::max(r.u1, r.u2), r.n1, r.n2, tie_term, r.z);
  return r;
}

double mann_whitney_min_p(std::size_t n1, std::size_t n2, std::size_t exact_max_n) {
  if (n1 == 0 || n2 == 0) return 1.0;
  // Complete separation: first sample all below the second.
  std::vector<double> a(n1);
  std::vector<double> b(n2);
  std::iota(a.begin(), a.end(), 0.0);
  std::iota(b.begin(), b.end(), static_cast<double>(n1));
  const auto r = mann_whitney_u(a, b, exact_max_n);
  return r ? r->p_value : 1.0;
}

}  // namespace shield::report
