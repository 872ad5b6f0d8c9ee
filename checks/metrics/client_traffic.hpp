#pragma once
// The load client's side for the Prometheus checks: the client's exposition (support/export) served
// on the address Prometheus scrapes as its client job, fed by a short real load through the load
// engine, so the dashboard's "Client side" queries have data to return.

#include <cstdint>
#include <string>

#include "support/client/target_setup.hpp"

namespace shield::metrics {

// What the client side did.
struct client_traffic_result {
  std::string url;             // http://HOST:PORT of the exposition (scrape target)
  std::uint64_t requests = 0;  // requests the load completed
  std::uint64_t ok = 0;        // of those, successful
  std::string error;           // why there is no client side; empty when it runs

  [[nodiscard]] bool ok_run() const { return error.empty(); }
};

// Serves the exposition on `listen` (HOST:PORT) until the process ends and sends a short mixed
// load (setup stages first) with the profile's headers.
[[nodiscard]] client_traffic_result start_client_traffic(const client::target_setup& setup, const std::string& listen);

}  // namespace shield::metrics
