#include "support/load/load_result.hpp"

#include "support/stats/latency_summary.hpp"

#include <limits>

namespace shield::load {

double load_result::success_rate_percent() const noexcept {
  if (totals.requests == 0) return std::numeric_limits<double>::quiet_NaN();
  return 100.0 * static_cast<double>(totals.ok) / static_cast<double>(totals.requests);
}

double load_result::requests_per_second() const noexcept {
  if (wall.count() <= 0) return 0.0;
  return static_cast<double>(totals.requests) * 1e9 / static_cast<double>(wall.count());
}

double load_result::ok_per_second() const noexcept {
  if (wall.count() <= 0) return 0.0;
  return static_cast<double>(totals.ok) * 1e9 / static_cast<double>(wall.count());
}

std::uint64_t load_result::timeouts() const noexcept {
  std::uint64_t n = 0;
  for (outcome o : all_failures) {
    if (is_timeout(o)) n += totals.outcomes[index_of(o)].count;
  }
  return n;
}

}  // namespace shield::load

namespace shield::load {

double stage_result::requests_per_second() const noexcept {
  const auto length = end - begin;
  if (length.count() <= 0) return 0.0;
  return static_cast<double>(totals.requests) * 1e9 / static_cast<double>(length.count());
}

double stage_result::ok_per_second() const noexcept {
  const auto length = end - begin;
  if (length.count() <= 0) return 0.0;
  return static_cast<double>(totals.ok) * 1e9 / static_cast<double>(length.count());
}

}  // namespace shield::load

namespace shield::load {

load_result stage_part(const load_result& r, std::size_t stage) {
  const stage_result& st = r.stages.at(stage);
  load_result part;
  part.config = r.config;
  part.threads = r.threads;
  part.endpoints = r.endpoints;
  part.totals = st.totals;
  part.wall = st.end - st.begin;
  part.interrupted = r.interrupted;
  return part;
}

load_result endpoint_part(const load_result& r, std::size_t endpoint) {
  const endpoint_tally& e = r.totals.endpoints.at(endpoint);
  load_result part;
  part.config = r.config;
  part.threads = r.threads;
  part.wall = r.wall;
  part.interrupted = r.interrupted;
  part.totals.requests = e.requests;
  part.totals.ok = e.ok;
  for (std::size_t k = 0; k < outcome_count; ++k) part.totals.outcomes[k].count = e.outcomes[k];
  part.totals.latency = e.latency;
  return part;
}

double benchmark_seconds(const load_result& r) {
  const double wall = static_cast<double>(r.wall.count()) / 1e9;
  const double per_request = r.totals.requests > 0 ? wall / static_cast<double>(r.totals.requests) : wall;
  if (r.config.mode != load_mode::open || r.totals.latency.count() == 0) return per_request;
  return stats::summarize(r.totals.latency).mean / 1e3;
}

}  // namespace shield::load
