#pragma once

// Small number-to-text helpers shared by verdict details, the live line and the chart files.

#include <cstdint>
#include <string>

namespace shield::monitor::detail {

// value with `decimals` digits after the point ("12.5").
[[nodiscard]] std::string fixed(double value, int decimals);

// Byte count in binary units ("512 B", "1.5 KiB", "48.0 MiB", "2.00 GiB").
[[nodiscard]] std::string bytes_text(double bytes);

}  // namespace shield::monitor::detail
