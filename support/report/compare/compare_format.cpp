#include "support/report/compare/compare_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace shield::report {

namespace {

std::string printf_double(const char* format, double value) {
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, format, value);
  if (n <= 0) return {};
  if (static_cast<std::size_t>(n) < sizeof buffer) return std::string(buffer, static_cast<std::size_t>(n));
  // Longer than the buffer: print again into a string of the right size.
  std::string text(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(text.data(), text.size(), format, value);
  text.resize(static_cast<std::size_t>(n));
  return text;
}

}  // namespace

std::string format_value(double value) {
  if (std::isnan(value)) return "-";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  const double magnitude = std::fabs(value);
  if (magnitude == 0.0) return "0";
  if (magnitude >= 1.0e7) return printf_double("%.4g", value);  // huge values stay short
  if (magnitude >= 100.0) return printf_double("%.1f", value);
  if (magnitude >= 1.0) return printf_double("%.2f", value);
  return printf_double("%.3g", value);
}

std::string format_change(double percent) {
  if (std::isnan(percent)) return "-";
  if (std::isinf(percent)) return percent > 0 ? "+inf%" : "-inf%";
  if (std::fabs(percent) < 0.05) return "+0.0%";  // no "-0.0%"
  if (std::fabs(percent) >= 1.0e6) return printf_double("%+.3g%%", percent);
  return printf_double("%+.1f%%", percent);
}

std::string format_p(double p) {
  if (std::isnan(p)) return "-";
  if (p < 0.0001) return "<0.0001";
  return printf_double("%.4f", p);
}

std::string format_plain(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::string{"?"};
}

}  // namespace shield::report
