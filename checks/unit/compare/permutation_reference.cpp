#include "checks/unit/compare/permutation_reference.hpp"

#include <cmath>
#include <map>
#include <utility>

namespace shield::compare_test {

double pair_count_u(const std::vector<double>& a, const std::vector<double>& b) {
  double u = 0.0;
  for (double x : a)
    for (double y : b) u += x > y ? 1.0 : x == y ? 0.5 : 0.0;
  return u;
}

double permutation_p(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> pooled = a;
  pooled.insert(pooled.end(), b.begin(), b.end());
  const int n = static_cast<int>(pooled.size());
  const int n1 = static_cast<int>(a.size());
  const double centre = static_cast<double>(a.size() * b.size()) / 2.0;
  const double observed = std::fabs(pair_count_u(a, b) - centre);

  // Walk every n1-subset of the pooled indices as a bit mask.
  std::uint64_t total = 0;
  std::uint64_t extreme = 0;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (__builtin_popcount(mask) != n1) continue;
    std::vector<double> x;
    std::vector<double> y;
    for (int i = 0; i < n; ++i) ((mask >> i) & 1u ? x : y).push_back(pooled[static_cast<std::size_t>(i)]);
    ++total;
    if (std::fabs(pair_count_u(x, y) - centre) >= observed - 1e-9) ++extreme;
  }
  return static_cast<double>(extreme) / static_cast<double>(total);
}

std::vector<std::uint64_t> recurrence_counts(int m, int n) {
  std::map<std::pair<int, int>, std::vector<std::uint64_t>> memo;
  // Iterative over growing sizes so no deep recursion is needed.
  for (int i = 0; i <= m; ++i) {
    for (int j = 0; j <= n; ++j) {
      std::vector<std::uint64_t> c(static_cast<std::size_t>(i * j + 1), 0);
      if (i == 0 || j == 0) {
        c[0] = 1;
      } else {
        // The largest value is in the first group (beats all j others) or in the second.
        const auto& fewer_a = memo[{i - 1, j}];
        const auto& fewer_b = memo[{i, j - 1}];
        for (int u = 0; u <= i * j; ++u) {
          if (u - j >= 0 && static_cast<std::size_t>(u - j) < fewer_a.size())
            c[static_cast<std::size_t>(u)] += fewer_a[static_cast<std::size_t>(u - j)];
          if (static_cast<std::size_t>(u) < fewer_b.size())
            c[static_cast<std::size_t>(u)] += fewer_b[static_cast<std::size_t>(u)];
        }
      }
      memo[{i, j}] = std::move(c);
    }
  }
  return memo[{m, n}];
}

}  // namespace shield::compare_test
