#include "support/prom/synthetic_exposition.hpp"

#include <array>
#include <cstdio>

namespace shield::prom {
namespace {

constexpr std::array<const char*, 4> methods = {"GET", "POST", "PUT", "DELETE"};

// Label set of series i: every i gets a distinct (method, endpoint, status) triple.
std::string labels_of(std::size_t i) {
  const char* method = methods[i % methods.size()];
  const std::size_t status = 200 + (i / methods.size()) % 5;
  const std::size_t endpoint = i / (methods.size() * 5);
  return "method=\"" + std::string(method) + "\",endpoint=\"/api/v1/resource_" + std::to_string(endpoint) +
         "\",status=\"" + std::to_string(status) + "\"";
}

std::string number(double v) {
  std::array<char, 32> buffer{};
  const int n = std::snprintf(buffer.data(), buffer.size(), "%.17g", v);
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

}  // namespace

std::string make_synthetic_exposition(const synthetic_options& options) {
  std::string out;
  out.reserve(options.histogram_series * (options.buckets + 3) * 110 + options.counter_series * 90 + 256);
  out += "# HELP http_request_duration_seconds Request latency.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < options.histogram_series; ++i) {
    const std::string labels = labels_of(i);
    std::size_t cumulative = 0;
    double le = 0.005;
    for (std::size_t b = 0; b < options.buckets; ++b, le *= 2.0) {
      cumulative += (i + b) % 7;
      out += "http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(le) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    cumulative += i % 3;
    out += "http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    out +=
        "http_request_duration_seconds_sum{" + labels + "} " + number(static_cast<double>(cumulative) * 0.0421) + "\n";
    out += "http_request_duration_seconds_count{" + labels + "} " + std::to_string(cumulative) + "\n";
  }
  out += "# HELP http_requests_total Requests served.\n";
  out += "# TYPE http_requests_total counter\n";
  for (std::size_t i = 0; i < options.counter_series; ++i) {
    out += "http_requests_total{" + labels_of(i) + "} " + std::to_string(i * 3 + 1) + "\n";
  }
  return out;
}

}  // namespace shield::prom
