#include "support/report/results/tally_reader.hpp"

#include "support/stats/histogram_json.hpp"

#include <cmath>

namespace shield::report::detail {

std::chrono::nanoseconds nanos(double seconds) { return std::chrono::nanoseconds(std::llround(seconds * 1e9)); }

base::result<stats::latency_histogram> read_histogram(const json_object_reader& o, std::string_view key) {
  auto v = o.value(key);
  if (!v) return v.error();
  auto h = stats::histogram_from_json(**v);
  if (!h) return base::fail(o.path_of(key) + ": " + h.error().message);
  return std::move(*h);
}

base::result<load::outcome> read_failure_kind(const json_object_reader& o, std::string_view key) {
  for (load::outcome kind : load::all_failures) {
    if (load::to_string(kind) == key) return kind;
  }
  return base::fail(o.path_of(key) + ": not a failure kind");
}

base::result<std::vector<std::pair<load::outcome, std::uint64_t>>> read_failure_counts(const json_object_reader& o) {
  std::vector<std::pair<load::outcome, std::uint64_t>> out;
  for (const auto& [name, value] : o.object()) {
    SHIELD_READ(kind, read_failure_kind(o, name));
    SHIELD_READ(count, o.count(name));
    out.emplace_back(kind, count);
  }
  return out;
}

}  // namespace shield::report::detail
