#include "support/monitor/target_metrics.hpp"

#include "support/prom/exposition.hpp"
#include "support/prom/exposition_parser.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace shield::monitor {

namespace {

// How several series of one metric fold into one value.
enum class combine { sum, max, min };

// Every sample named `name` (whatever family it sits in), folded; absent when none or all NaN.
std::optional<double> read_metric(const prom::exposition& parsed, std::string_view name, combine how) {
  std::optional<double> result;
  for (const prom::metric_family& family : parsed.families) {
    for (const prom::sample& s : family.samples) {
      if (s.name != name || std::isnan(s.value)) continue;
      if (!result) {
        result = s.value;
        continue;
      }
      switch (how) {
        case combine::sum:
          *result += s.value;
          break;
        case combine::max:
          *result = std::max(*result, s.value);
          break;
        case combine::min:
          *result = std::min(*result, s.value);
          break;
      }
    }
  }
  return result;
}

// Counter increase when both sides are known.
std::optional<double> increase(const std::optional<double>& previous, const std::optional<double>& current,
                               bool& reset) {
  if (!previous || !current) return std::nullopt;
  if (*current < *previous) reset = true;
  return counter_increase(*previous, *current);
}

std::optional<double> difference(const std::optional<double>& previous, const std::optional<double>& current) {
  if (!previous || !current) return std::nullopt;
  return *current - *previous;
}

}  // namespace

scrape_result extract_target_metrics(std::string_view exposition_text) {
  const prom::exposition parsed = prom::parse_exposition(exposition_text, prom::exposition_format::prometheus_text);
  scrape_result out;
  out.ok = true;
  out.format_errors = parsed.errors.size();
  if (!parsed.errors.empty()) {
    const prom::parse_error& first = parsed.errors.front();
    out.message = "line " + std::to_string(first.line) + ": " + first.message;
  }
  target_metrics& v = out.values;
  v.cpu_percent = read_metric(parsed, "system_cpu_usage_percent", combine::max);
  v.memory_bytes = read_metric(parsed, "system_memory_usage_bytes", combine::sum);
  v.redis_connection_status = read_metric(parsed, "redis_connection_status", combine::min);
  v.http_requests_total = read_metric(parsed, "http_requests_total", combine::sum);
  v.pii_detection_errors_total = read_metric(parsed, "pii_detection_errors_total", combine::sum);
  v.deanonymization_failures_total = read_metric(parsed, "deanonymization_failures_total", combine::sum);
  v.redis_memory_bytes = read_metric(parsed, "redis_memory_usage_bytes", combine::sum);
  return out;
}

scrape_result failed_scrape(std::string message) {
  scrape_result out;
  out.ok = false;
  out.message = std::move(message);
  return out;
}

double counter_increase(double previous, double current) { return current >= previous ? current - previous : current; }

target_rates compute_rates(const target_metrics& previous, const target_metrics& current, double seconds) {
  target_rates out;
  out.requests_delta = increase(previous.http_requests_total, current.http_requests_total, out.counter_reset);
  if (out.requests_delta && seconds > 0.0) out.requests_per_second = *out.requests_delta / seconds;
  out.pii_errors_delta =
      increase(previous.pii_detection_errors_total, current.pii_detection_errors_total, out.counter_reset);
  out.deanonymization_failures_delta =
      increase(previous.deanonymization_failures_total, current.deanonymization_failures_total, out.counter_reset);
  out.memory_growth_bytes = difference(previous.memory_bytes, current.memory_bytes);
  out.redis_memory_growth_bytes = difference(previous.redis_memory_bytes, current.redis_memory_bytes);
  return out;
}

}  // namespace shield::monitor
