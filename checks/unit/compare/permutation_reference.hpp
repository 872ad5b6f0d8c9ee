#pragma once

#include <cstdint>
#include <vector>

namespace shield::compare_test {

// U of a against b by counting pairs directly: a > b counts 1, a tie counts one half.
double pair_count_u(const std::vector<double>& a, const std::vector<double>& b);

// Exact two-sided permutation p-value by enumerating every split of the pooled values into
// groups of the original sizes: the share of splits whose U lies at least as far from n1*n2/2
// as the observed one. Ties are handled by the pair counting. Keep n1 + n2 <= 22.
double permutation_p(const std::vector<double>& a, const std::vector<double>& b);

// Null counts of U for sizes m, n without ties by Mann and Whitney's recurrence
// c(m, n, u) = c(m - 1, n, u - n) + c(m, n - 1, u); index = u.
std::vector<std::uint64_t> recurrence_counts(int m, int n);

}  // namespace shield::compare_test
