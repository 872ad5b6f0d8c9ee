#include "support/stats/grade.hpp"

#include <cmath>

namespace shield::stats {

grade grade_of(double success_rate_percent, double mean_ms, double p95_ms, std::uint64_t timeouts) noexcept {
  if (std::isnan(success_rate_percent) || std::isnan(mean_ms) || std::isnan(p95_ms)) return grade::problem;
  if (success_rate_percent < 90.0 || mean_ms > 3000.0 || p95_ms > 10000.0) return grade::problem;
  if (success_rate_percent > 95.0 && mean_ms < 1000.0 && p95_ms < 2000.0 && timeouts == 0) return grade::excellent;
  return grade::moderate;
}

grade_result grade_case(const grade_input& input) noexcept {
  const grade g = grade_of(input.success_rate_percent, input.mean_ms, input.p95_ms, input.timeouts);
  return {g, grade_name(g)};
}

std::string_view grade_name(grade g) noexcept {
  switch (g) {
    case grade::excellent:
      return "excellent";
    case grade::moderate:
      return "moderate";
    case grade::problem:
      return "problem";
  }
  return "problem";
}

}  // namespace shield::stats
