#include "support/load/case_counters.hpp"

#include "support/stats/counter_table.hpp"
#include "support/stats/latency_summary.hpp"

#include <chrono>
#include <limits>

namespace shield::load {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double ms_at(const stats::latency_histogram& h, double q) {
  return h.count() == 0 ? nan : static_cast<double>(h.value_at_quantile(q)) / 1e6;
}

}  // namespace

std::string error_counter_name(outcome kind) { return "err_" + std::string(to_string(kind)); }

// Both lists derive from the one counter table (support/stats/counter_table.hpp).
const std::vector<std::string>& stream_counter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& c : stats::counter_table)
      if (c.streaming_only) n.emplace_back(c.name);
    return n;
  }();
  return names;
}

const std::vector<std::string>& known_counter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    n.reserve(stats::counter_table.size());
    for (const auto& c : stats::counter_table) n.emplace_back(c.name);
    return n;
  }();
  return names;
}

std::vector<counter> case_counters(const load_result& r) {
  const tally& t = r.totals;
  const bool timed = t.latency.count() > 0;
  const stats::latency_summary s = stats::summarize(t.latency);
  std::vector<counter> out{
      {"requests", static_cast<double>(t.requests)},
      {"ok", static_cast<double>(t.ok)},
      {"success_rate", r.success_rate_percent()},
      {"rps", r.requests_per_second()},
      {"ok_rps", r.ok_per_second()},
      {"mean_ms", timed ? s.mean : nan},
      {"p50_ms", timed ? s.p50 : nan},
      {"p90_ms", timed ? s.p90 : nan},
      {"p95_ms", timed ? s.p95 : nan},
      {"p99_ms", timed ? s.p99 : nan},
      {"p999_ms", timed ? s.p999 : nan},
      {"max_ms", timed ? s.max : nan},
      {"retried", static_cast<double>(t.retried)},
      {"connect_p50_ms", ms_at(t.connect, 0.50)},
      {"connect_max_ms", t.connect.count() == 0 ? nan : static_cast<double>(t.connect.max()) / 1e6},
  };
  for (outcome kind : all_failures) {
    out.push_back({error_counter_name(kind), static_cast<double>(t.outcomes[index_of(kind)].count)});
  }
  if (t.stream) {
    const stream_figures& st = *t.stream;
    out.push_back({"ttfb_p50_ms", ms_at(st.ttfb, 0.50)});
    out.push_back({"ttft_p50_ms", ms_at(st.ttft, 0.50)});
    out.push_back({"ttft_p95_ms", ms_at(st.ttft, 0.95)});
    out.push_back({"gap_p95_ms", ms_at(st.gap, 0.95)});
    out.push_back({"tokens_per_s", st.tokens_per_second()});
    out.push_back({"incomplete_streams", static_cast<double>(st.incomplete)});
  }
  return out;
}

std::vector<counter> stage_counters(const load_result& r, std::size_t stage) {
  load_result part = stage_part(r, stage);
  part.totals.stream.reset();  // streaming figures are the case's, not split by stage
  return case_counters(part);
}

std::vector<counter> endpoint_counters(const load_result& r, std::size_t endpoint) {
  const endpoint_tally& e = r.totals.endpoints.at(endpoint);
  const bool timed = e.latency.count() > 0;
  const stats::latency_summary s = stats::summarize(e.latency);
  const double wall = std::chrono::duration<double>(r.wall).count();
  const double requests = static_cast<double>(e.requests);
  std::vector<counter> out{
      {"requests", requests},
      {"ok", static_cast<double>(e.ok)},
      {"success_rate", e.requests == 0 ? nan : 100.0 * static_cast<double>(e.ok) / requests},
      {"rps", wall > 0 ? requests / wall : 0.0},
      {"ok_rps", wall > 0 ? static_cast<double>(e.ok) / wall : 0.0},
      {"mean_ms", timed ? s.mean : nan},
      {"p50_ms", timed ? s.p50 : nan},
      {"p90_ms", timed ? s.p90 : nan},
      {"p95_ms", timed ? s.p95 : nan},
      {"p99_ms", timed ? s.p99 : nan},
      {"p999_ms", timed ? s.p999 : nan},
      {"max_ms", timed ? s.max : nan},
  };
  for (outcome kind : all_failures) {
    out.push_back({error_counter_name(kind), static_cast<double>(e.outcomes[index_of(kind)])});
  }
  return out;
}

}  // namespace shield::load
