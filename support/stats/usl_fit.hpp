#pragma once
// Universal Scalability Law fit of throughput against concurrency (Gunther):
//   X(N) = lambda * N / (1 + sigma * (N - 1) + kappa * N * (N - 1))
// sigma is contention (serialised work), kappa coherency (crosstalk); with kappa > 0 throughput
// peaks at N* = sqrt((1 - sigma) / kappa) and falls beyond it.

#include <cstddef>
#include <string>
#include <vector>

namespace shield::stats {

// One measurement: throughput at a concurrency.
struct usl_point {
  double concurrency = 0.0;  // requests in flight (N > 0)
  double throughput = 0.0;   // completed requests per second (> 0)
};

// The fitted model and what it predicts.
struct usl_fit {
  std::string error;               // why no fit (too few concurrencies, bad points); empty when fitted
  std::size_t points = 0;          // measurements used
  std::size_t concurrencies = 0;   // distinct concurrencies among them
  double lambda = 0.0;             // throughput of one request in flight (requests/s)
  double sigma = 0.0;              // contention, >= 0
  double kappa = 0.0;              // coherency, >= 0
  double peak_concurrency = 0.0;   // N reaching the peak; +inf when kappa == 0 (no peak)
  double peak_throughput = 0.0;    // X(N*), or the ceiling lambda/sigma when kappa == 0 (+inf when sigma == 0 too)
  double rms_error_percent = 0.0;  // root mean square of (fitted - measured) / measured, in percent

  bool ok() const { return error.empty(); }
  // Throughput the model predicts at concurrency n.
  double predict(double n) const;
};

// Least squares of N/X = 1/lambda + (sigma/lambda)(N-1) + (kappa/lambda)N(N-1), weighted for
// relative error, with sigma and kappa kept >= 0. Needs three or more distinct concurrencies.
usl_fit fit_usl(const std::vector<usl_point>& points);

}  // namespace shield::stats
