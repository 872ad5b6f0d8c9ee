#pragma once
// A little traffic on every profile endpoint, so request counters and histograms have series
// before the exposition is checked and before Prometheus is asked for rates.

#include <cstddef>
#include <string>

#include "support/client/target_setup.hpp"

namespace shield::metrics {

// What the traffic did.
struct traffic_summary {
  std::size_t sent = 0;      // requests sent
  std::size_t answered = 0;  // requests that got an HTTP answer (any status)
  std::string first_error;   // first transport failure, empty when none
};

// `rounds` calls of each endpoint in dependency order (anonymize before the endpoints that need
// its session), with the profile's headers and a short PII text.
[[nodiscard]] traffic_summary send_sample_traffic(const client::target_setup& setup, int rounds = 3);

}  // namespace shield::metrics
