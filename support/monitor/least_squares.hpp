#pragma once

// Ordinary least-squares straight line y = intercept + slope * x.

#include <cstddef>
#include <optional>
#include <span>

namespace shield::monitor {

// A fitted line.
struct line_fit {
  double slope = 0.0;      // dy/dx
  double intercept = 0.0;  // y at x = 0
  double r_squared = 0.0;  // share of y's variance the line explains (0 when y is constant)
  std::size_t points = 0;  // points used
};

// Fits y against x (same length); nullopt with fewer than two points or when all x are equal.
[[nodiscard]] std::optional<line_fit> fit_line(std::span<const double> x, std::span<const double> y);

}  // namespace shield::monitor
