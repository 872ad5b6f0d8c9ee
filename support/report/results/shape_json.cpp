#include "support/report/results/shape_json.hpp"

#include "support/report/results/json_writer.hpp"

#include "support/load/case_counters.hpp"
#include "support/stats/histogram_json.hpp"

#include <cmath>

namespace shield::report {

namespace json = boost::json;
using detail::json_number;
using detail::json_seconds;

namespace {

json::object counters_json(const std::vector<std::pair<std::string, double>>& counters) {
  json::object out;
  for (const auto& [name, value] : counters) out[name] = json_number(value);
  return out;
}

}  // namespace

json::array stages_json(const load::load_result& r) {
  json::array out;
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    const auto& st = r.stages[i];
    const auto& t = st.totals;
    json::object failures;
    for (load::outcome kind : load::all_failures) {
      if (const auto n = t.outcomes[load::index_of(kind)].count; n > 0) failures[load::to_string(kind)] = n;
    }
    json::object counters;
    for (const auto& c : load::stage_counters(r, i)) counters[c.name] = json_number(c.value);
    const bool has_time = st.end > st.begin;
    out.push_back(json::object{
        {"index", i},
        {"from", st.from},
        {"to", st.spec.target},
        {"duration_s", json_seconds(st.spec.duration)},
        {"begin_s", json_seconds(st.begin)},
        {"end_s", json_seconds(st.end)},
        {"requests", t.requests},
        {"ok", t.ok},
        {"failed", t.failures()},
        {"not_sent", t.outcomes[load::index_of(load::outcome::not_sent)].count},
        {"failures", std::move(failures)},
        {"rps", has_time ? json_number(st.requests_per_second()) : json::value(nullptr)},
        {"ok_rps", has_time ? json_number(st.ok_per_second()) : json::value(nullptr)},
        {"latency_ms", latency_summary_json(t.latency)},
        {"retried", t.retried},
        {"counters", std::move(counters)},
        {"histograms", json::object{{"latency", stats::histogram_to_json(t.latency)},
                                    {"service_time", stats::histogram_to_json(t.service)},
                                    {"connect", stats::histogram_to_json(t.connect)}}},
    });
  }
  return out;
}

json::object capacity_json(const capacity_record& c) {
  json::array steps;
  for (const auto& s : c.steps) {
    json::object endpoints;
    for (const auto& [name, counters] : s.endpoints) endpoints[name] = counters_json(counters);
    json::object step{{"offered_rps", s.offered_rps},
                      {"held", s.held},
                      {"broken_clause", s.broken_clause},
                      {"broken_endpoint", s.broken_endpoint},
                      {"broken_value", s.held ? json::value(nullptr) : json_number(s.broken_value)},
                      {"stopped_early", s.stopped_early},
                      {"elapsed_s", s.elapsed_s},
                      {"counters", counters_json(s.counters)}};
    if (!endpoints.empty()) step["endpoints"] = std::move(endpoints);
    steps.push_back(std::move(step));
  }
  const bool gated = std::isfinite(c.minimum_rps);
  return json::object{
      {"case", c.case_name},
      {"slo", c.slo},
      {"precision", c.precision},
      {"step_s", c.step_s},
      {"budget_s", c.budget_s},
      {"highest_ok_rps", json_number(c.highest_ok_rps)},
      {"lowest_broken_rps", json_number(c.lowest_broken_rps)},
      {"broken_clause", c.broken_clause},
      {"broken_endpoint", c.broken_endpoint},
      {"stop_reason", c.stop_reason},
      {"elapsed_s", c.elapsed_s},
      {"minimum_rps", json_number(c.minimum_rps)},
      {"passed", !gated || (std::isfinite(c.highest_ok_rps) && c.highest_ok_rps >= c.minimum_rps)},
      {"steps", std::move(steps)},
  };
}

}  // namespace shield::report
