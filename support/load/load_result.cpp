#include "support/load/load_result.hpp"

#include <limits>

namespace shield::load {

double load_result::success_rate_percent() const noexcept {
  if (totals.requests == 0) return std::numeric_limits<double>::quiet_NaN();
  return 100.0 * static_cast<double>(totals.ok) / static_cast<double>(totals.requests);
}

double load_result::requests_per_second() const noexcept {
  if (wall.count() <= 0) return 0.0;
  return static_cast<double>(totals.requests) * 1e9 / static_cast<double>(wall.count());
}

double load_result::ok_per_second() const noexcept {
  if (wall.count() <= 0) return 0.0;
  return static_cast<double>(totals.ok) * 1e9 / static_cast<double>(wall.count());
}

std::uint64_t load_result::timeouts() const noexcept {
  std::uint64_t n = 0;
  for (outcome o : all_failures) {
    if (is_timeout(o)) n += totals.outcomes[index_of(o)].count;
  }
  return n;
}

}  // namespace shield::load
