#pragma once

// Synthetic expositions of a chosen size, for parser tests and benchmarks.

#include <cstddef>
#include <string>

namespace shield::prom {

// Shape of the generated exposition.
struct synthetic_options {
  std::size_t histogram_series = 2000;  // series of http_request_duration_seconds (method x endpoint x status)
  std::size_t buckets = 12;             // finite buckets per series (+Inf is added)
  std::size_t counter_series = 0;       // series of http_requests_total
};

// Valid 0.0.4 text: HELP/TYPE, cumulative buckets, +Inf equal to _count. With the defaults it
// has 2000 * (12 + 3) + 4 = 30,004 lines.
[[nodiscard]] std::string make_synthetic_exposition(const synthetic_options& options = {});

}  // namespace shield::prom
