#include "support/monitor/detail/number_text.hpp"

#include <cmath>
#include <cstdio>

namespace shield::monitor::detail {

std::string fixed(double value, int decimals) {
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n) < sizeof buffer ? static_cast<std::size_t>(n)
                                                                                 : sizeof buffer - 1)
               : std::string("?");
}

std::string bytes_text(double bytes) {
  const double magnitude = std::fabs(bytes);
  if (magnitude < 1024.0) return fixed(bytes, 0) + " B";
  if (magnitude < 1024.0 * 1024.0) return fixed(bytes / 1024.0, 1) + " KiB";
  if (magnitude < 1024.0 * 1024.0 * 1024.0) return fixed(bytes / (1024.0 * 1024.0), 1) + " MiB";
  return fixed(bytes / (1024.0 * 1024.0 * 1024.0), 2) + " GiB";
}

}  // namespace shield::monitor::detail
