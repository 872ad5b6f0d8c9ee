#pragma once

#include <cstdint>
#include <string_view>

namespace shield::stats {

// Verdict on a case, as the original scripts printed it.
enum class grade {
  excellent,  // success > 95%, mean < 1 s, p95 < 2 s, no timeouts
  moderate,   // neither excellent nor a problem
  problem,    // success < 90% or mean > 3 s or p95 > 10 s
};

// Inputs of the grading rule.
struct grade_input {
  double success_rate_percent = 0.0;  // successful requests / all requests * 100
  double mean_ms = 0.0;               // mean latency in milliseconds
  double p95_ms = 0.0;                // 95th percentile latency in milliseconds
  std::uint64_t timeouts = 0;         // requests that timed out
};

// A grade with its printable name.
struct grade_result {
  grade value = grade::problem;  // the verdict
  std::string_view name;         // "excellent", "moderate" or "problem"
};

// Grades a case; a NaN input (e.g. no requests at all) is a problem.
grade grade_of(double success_rate_percent, double mean_ms, double p95_ms, std::uint64_t timeouts) noexcept;
grade_result grade_case(const grade_input& input) noexcept;

// "excellent", "moderate" or "problem".
std::string_view grade_name(grade g) noexcept;

}  // namespace shield::stats
