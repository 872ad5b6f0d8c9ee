// Grafana/Prometheus durations as dashboards write them ("1m30s", ">10s", "116511656y") and the
// interval arithmetic built on them ($__interval, $__rate_interval).

#include "checks/fuzz/fuzz_input.hpp"
#include "support/grafana/interval.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shield::fuzz::split_parts(shield::fuzz::as_text(data, size), 2);
  const auto ms = shield::grafana::parse_duration_ms(parts[0]);
  if (!ms) return 0;
  if (*ms < 0) std::abort();  // documented: negative is refused
  // What is formatted reads back as the same duration.
  if (shield::grafana::parse_duration_ms(shield::grafana::format_duration(*ms)) != ms) std::abort();
  // The second part is the scrape interval (Prometheus's default when absent or not a duration).
  const std::int64_t scrape =
      parts.size() == 2 ? shield::grafana::parse_duration_ms(parts[1]).value_or(15'000) : 15'000;
  (void)shield::grafana::round_interval_ms(*ms);
  (void)shield::grafana::calculate_interval_ms(*ms, 1000, scrape);
  (void)shield::grafana::rate_interval_ms(*ms, scrape);
  (void)shield::grafana::rate_interval_ms(scrape, *ms);
  return 0;
}
