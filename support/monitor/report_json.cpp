#include "support/monitor/report_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>
#include <string_view>

namespace shield::monitor {

namespace {

constexpr std::string_view format_name = "shield.metrics_report";
constexpr std::uint64_t format_version = 1;

// Absent (and non-finite, which JSON cannot hold) becomes null.
boost::json::value opt(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return *value;
}

boost::json::value opt(const std::optional<std::uint64_t>& value) {
  if (!value) return nullptr;
  return *value;
}

std::string_view status_name(proc_status status) {
  switch (status) {
    case proc_status::ok:
      return "ok";
    case proc_status::missing:
      return "missing";
    case proc_status::error:
      return "error";
  }
  return "error";
}

// Strict JSON has no NaN or Infinity: any non-finite number left in the tree becomes null.
void null_non_finite(boost::json::value& v) {
  if (v.is_double() && !std::isfinite(v.get_double()))
    v = nullptr;
  else if (v.is_array())
    for (auto& e : v.get_array()) null_non_finite(e);
  else if (v.is_object())
    for (auto& e : v.get_object()) null_non_finite(e.value());
}

boost::json::object options_to_json(const verdict_options& o) {
  return boost::json::object{
      {"load_phase", o.load_phase},
      {"rate_rise_min", o.rate_rise_min},
      {"p95_drift_warn", o.p95_drift_warn},
      {"p95_drift_fail", o.p95_drift_fail},
      {"cpu_warn_percent", o.cpu_warn_percent},
      {"cpu_fail_percent", o.cpu_fail_percent},
      {"cpu_sustain_samples", static_cast<std::uint64_t>(o.cpu_sustain_samples)},
      {"steady_skip_fraction", o.steady_skip_fraction},
      {"leak_bytes_per_1000", o.leak_bytes_per_1000},
      {"leak_sustain_ratio", o.leak_sustain_ratio},
      {"leak_min_r_squared", o.leak_min_r_squared},
      {"min_fit_points", static_cast<std::uint64_t>(o.min_fit_points)},
      {"leak_min_window_s", o.leak_min_window_s},
      {"warmup_max_bytes_per_1000", o.warmup_max_bytes_per_1000},
  };
}

boost::json::object settings_to_json(const report_settings& s) {
  boost::json::object extra;
  for (const auto& [key, value] : s.extra) extra[key] = value;
  return boost::json::object{
      {"target", s.target},
      {"interval_s", s.interval_s},
      {"local_pid", s.local_pid ? boost::json::value(*s.local_pid) : boost::json::value(nullptr)},
      {"cpu_cores", s.cpu_cores},
      {"started_at", s.started_at},
      {"verdict_options", options_to_json(s.verdicts)},
      {"extra", std::move(extra)},
  };
}

}  // namespace

boost::json::value sample_to_json(const series_sample& s) {
  const target_metrics& v = s.target.values;
  const target_rates& r = s.target.rates;
  boost::json::object client{
      {"completed", s.client.completed}, {"rps", s.client.rps},
      {"failures", s.client.failures},   {"p50_ms", opt(s.client.p50_ms)},
      {"p95_ms", opt(s.client.p95_ms)},
  };
  boost::json::object rates{
      {"requests_per_second", opt(r.requests_per_second)},
      {"requests_delta", opt(r.requests_delta)},
      {"pii_errors_delta", opt(r.pii_errors_delta)},
      {"deanonymization_failures_delta", opt(r.deanonymization_failures_delta)},
      {"memory_growth_bytes", opt(r.memory_growth_bytes)},
      {"redis_memory_growth_bytes", opt(r.redis_memory_growth_bytes)},
      {"counter_reset", r.counter_reset},
  };
  boost::json::object target{
      {"scrape_ok", s.target.scrape_ok},
      {"scrape_failures", s.target.scrape_failures},
      {"scrape_message", s.target.scrape_message},
      {"cpu_percent", opt(v.cpu_percent)},
      {"memory_bytes", opt(v.memory_bytes)},
      {"redis_connection_status", opt(v.redis_connection_status)},
      {"http_requests_total", opt(v.http_requests_total)},
      {"pii_detection_errors_total", opt(v.pii_detection_errors_total)},
      {"deanonymization_failures_total", opt(v.deanonymization_failures_total)},
      {"redis_memory_bytes", opt(v.redis_memory_bytes)},
      {"rates", std::move(rates)},
  };
  boost::json::object local{
      {"watched", s.local.watched},
      {"status", s.local.watched ? boost::json::value(status_name(s.local.status)) : boost::json::value(nullptr)},
      {"cpu_percent", opt(s.local.cpu_percent)},
      {"rss_bytes", opt(s.local.rss_bytes)},
  };
  boost::json::value out = boost::json::object{
      {"t", s.t},
      {"phase", s.phase},
      {"client", std::move(client)},
      {"target", std::move(target)},
      {"local", std::move(local)},
  };
  null_non_finite(out);
  return out;
}

boost::json::value report_to_json(const monitor_report& report) {
  boost::json::array samples;
  samples.reserve(report.samples.size());
  for (const series_sample& s : report.samples) samples.push_back(sample_to_json(s));
  boost::json::array verdicts;
  for (const verdict& v : report.verdicts)
    verdicts.push_back(boost::json::object{{"name", v.name}, {"status", to_string(v.status)}, {"detail", v.detail}});
  boost::json::value out = boost::json::object{
      {"format", format_name},
      {"version", format_version},
      {"settings", settings_to_json(report.settings)},
      {"samples", std::move(samples)},
      {"verdicts", std::move(verdicts)},
  };
  null_non_finite(out);
  return out;
}

}  // namespace shield::monitor
