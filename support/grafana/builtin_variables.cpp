#include "support/grafana/builtin_variables.hpp"

#include "support/grafana/interval.hpp"

#include <chrono>
#include <cstdio>

namespace shield::grafana {

namespace {

constexpr std::string_view auto_prefix = "__auto_interval_";

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

query_times compute_query_times(const substitution_settings& settings, std::int64_t min_interval_ms) {
  query_times times;
  const std::int64_t scrape = min_interval_ms > 0 ? min_interval_ms : settings.scrape_interval_ms;
  times.interval_ms = settings.interval_ms > 0
                          ? std::max(settings.interval_ms, min_interval_ms)
                          : calculate_interval_ms(settings.range_ms, settings.max_data_points, scrape);
  times.rate_interval_ms = rate_interval_ms(times.interval_ms, scrape);
  times.range_ms = settings.range_ms;
  times.to_ms = settings.to_ms > 0 ? settings.to_ms : now_ms();
  times.from_ms = times.to_ms - settings.range_ms;
  return times;
}

base::result<std::optional<std::string>> builtin_value(std::string_view name, const query_times& times,
                                                       std::span<const template_variable> variables,
                                                       std::int64_t range_ms) {
  if (name == "__interval") return format_duration(times.interval_ms);
  if (name == "__interval_ms") return std::to_string(times.interval_ms);
  if (name == "__rate_interval") return format_duration(times.rate_interval_ms);
  if (name == "__rate_interval_ms") return std::to_string(times.rate_interval_ms);
  if (name == "__range") return std::to_string((times.range_ms + 500) / 1000) + "s";
  if (name == "__range_s") return std::to_string((times.range_ms + 500) / 1000);
  if (name == "__range_ms") return std::to_string(times.range_ms);
  if (name == "__from") return std::to_string(times.from_ms);
  if (name == "__to") return std::to_string(times.to_ms);
  if (name.substr(0, auto_prefix.size()) != auto_prefix) return std::nullopt;
  // $__auto_interval_<var>: range / auto_count rounded, at least auto_min.
  const auto* variable = find_variable(variables, name.substr(auto_prefix.size()));
  if (variable == nullptr || variable->type != "interval" || !variable->auto_interval) return std::nullopt;
  const auto min = parse_duration_ms(variable->auto_min);
  if (!min)
    return base::fail("interval variable '" + variable->name + "' has a bad auto_min '" + variable->auto_min + "'");
  const std::int64_t count = variable->auto_count > 0 ? variable->auto_count : 30;
  return format_duration(calculate_interval_ms(range_ms, count, *min));
}

base::result<std::string> format_date(std::int64_t unix_ms, std::string_view format) {
  if (format == "date:seconds") return std::to_string(unix_ms / 1000);
  if (format != "date" && format != "date:iso")
    return base::fail("unsupported date format '" + std::string{format} + "' (use date, date:iso or date:seconds)");
  using namespace std::chrono;
  const sys_time<milliseconds> at{milliseconds{unix_ms}};
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> time{at - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return std::string(buffer);
}

}  // namespace shield::grafana
