#include "support/report/results/shape_reader.hpp"

#include "support/report/results/tally_reader.hpp"

namespace shield::report::detail {

base::result<void> read_stages(const json_object_reader& c, load::load_result& r) {
  SHIELD_READ(stages, c.objects("stages"));
  for (const auto& st : stages) {
    SHIELD_READ(from, st.number("from"));
    SHIELD_READ(to, st.number("to"));
    SHIELD_READ(duration_s, st.number("duration_s"));
    SHIELD_READ(begin_s, st.number("begin_s"));
    SHIELD_READ(end_s, st.number("end_s"));
    SHIELD_READ(requests, st.count("requests"));
    SHIELD_READ(ok, st.count("ok"));
    SHIELD_READ(retried, st.count("retried"));
    SHIELD_READ(failures, st.child("failures"));
    SHIELD_READ(failed, read_failure_counts(failures));
    SHIELD_READ(histograms, st.child("histograms"));
    SHIELD_READ(latency, read_histogram(histograms, "latency"));
    SHIELD_READ(service, read_histogram(histograms, "service_time"));
    SHIELD_READ(connect, read_histogram(histograms, "connect"));
    if (!(end_s >= begin_s)) return base::fail(st.path_of("end_s") + ": before begin_s");
    if (latency.count() != ok) return base::fail(histograms.path_of("latency") + ": holds other than the ok requests");
    load::stage_result stage;
    stage.spec = load::stage{nanos(duration_s), to};
    stage.from = from;
    stage.begin = nanos(begin_s);
    stage.end = nanos(end_s);
    stage.totals = load::tally(r.totals.endpoints.size(), false);
    load::tally& t = stage.totals;
    t.requests = requests;
    t.ok = ok;
    t.retried = retried;
    t.outcomes[load::index_of(load::outcome::ok)].count = ok;
    std::uint64_t failed_sum = 0;
    for (const auto& [kind, count] : failed) {
      t.outcomes[load::index_of(kind)].count = count;
      failed_sum += count;
    }
    if (ok + failed_sum != requests) return base::fail(st.path_of("requests") + ": not ok plus the failures");
    t.latency = std::move(latency);
    t.service = std::move(service);
    t.connect = std::move(connect);
    r.stages.push_back(std::move(stage));
  }
  return {};
}

namespace {

// Counters as written: name -> number, null for NaN.
base::result<std::vector<std::pair<std::string, double>>> counter_list(const json_object_reader& o) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [name, value] : o.object()) {
    SHIELD_READ(v, o.number(name));
    out.emplace_back(std::string(name), v);
  }
  return out;
}

base::result<capacity_step_record> read_step(const json_object_reader& s) {
  capacity_step_record step;
  SHIELD_READ(offered, s.number("offered_rps"));
  SHIELD_READ(held, s.flag("held"));
  SHIELD_READ(clause, s.text("broken_clause"));
  SHIELD_READ(endpoint, s.text("broken_endpoint"));
  SHIELD_READ(value, s.number("broken_value"));
  SHIELD_READ(early, s.flag("stopped_early"));
  SHIELD_READ(seconds, s.number("elapsed_s"));
  SHIELD_READ(counters, s.child("counters"));
  SHIELD_READ(figures, counter_list(counters));
  step.offered_rps = offered;
  step.held = held;
  step.broken_clause = clause;
  step.broken_endpoint = endpoint;
  step.broken_value = value;
  step.stopped_early = early;
  step.elapsed_s = seconds;
  step.counters = std::move(figures);
  if (s.find("endpoints") != nullptr) {
    SHIELD_READ(endpoints, s.child("endpoints"));
    for (const auto& [name, v] : endpoints.object()) {
      SHIELD_READ(e, endpoints.child(name));
      SHIELD_READ(list, counter_list(e));
      step.endpoints.emplace_back(std::string(name), std::move(list));
    }
  }
  return step;
}

}  // namespace

base::result<capacity_record> read_capacity(const json_object_reader& o) {
  capacity_record c;
  SHIELD_READ(name, o.text("case"));
  SHIELD_READ(slo, o.text("slo"));
  SHIELD_READ(precision, o.number("precision"));
  SHIELD_READ(step_s, o.number("step_s"));
  SHIELD_READ(budget_s, o.number("budget_s"));
  SHIELD_READ(highest, o.number("highest_ok_rps"));
  SHIELD_READ(lowest, o.number("lowest_broken_rps"));
  SHIELD_READ(clause, o.text("broken_clause"));
  SHIELD_READ(clause_endpoint, o.text("broken_endpoint"));
  SHIELD_READ(reason, o.text("stop_reason"));
  SHIELD_READ(elapsed_s, o.number("elapsed_s"));
  SHIELD_READ(minimum, o.number("minimum_rps"));
  SHIELD_READ(steps, o.objects("steps"));
  c.case_name = name;
  c.slo = slo;
  c.precision = precision;
  c.step_s = step_s;
  c.budget_s = budget_s;
  c.highest_ok_rps = highest;
  c.lowest_broken_rps = lowest;
  c.broken_clause = clause;
  c.broken_endpoint = clause_endpoint;
  c.stop_reason = reason;
  c.elapsed_s = elapsed_s;
  c.minimum_rps = minimum;
  for (const auto& s : steps) {
    SHIELD_READ(step, read_step(s));
    c.steps.push_back(std::move(step));
  }
  return c;
}

}  // namespace shield::report::detail
