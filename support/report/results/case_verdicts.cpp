#include "support/report/results/case_verdicts.hpp"

#include "support/load/case_counters.hpp"
#include "support/stats/grade.hpp"
#include "support/stats/latency_summary.hpp"
#include "support/stats/threshold_check.hpp"

#include <algorithm>
#include <limits>

namespace shield::report {

std::vector<threshold_verdict> judge(std::span<const stats::threshold_rule> rules, const std::string& name,
                                     const std::string& endpoint, const load::load_result& result) {
  stats::case_counters counters{name, endpoint, {}};
  for (const auto& c : load::case_counters(result)) counters.values[c.name] = c.value;
  const auto& stream_names = load::stream_counter_names();
  std::vector<threshold_verdict> out;
  for (const auto& rule : rules) {
    const bool stream_rule = std::find(stream_names.begin(), stream_names.end(), rule.counter) != stream_names.end();
    if (rule.endpoint.empty() && stream_rule && !result.totals.stream) continue;  // not a streaming case
    // A scoped rule inside a mixed case: judged on that endpoint's own figures.
    const auto part = std::find(result.endpoints.begin(), result.endpoints.end(), rule.endpoint);
    if (!rule.endpoint.empty() && rule.endpoint != endpoint && part != result.endpoints.end() &&
        result.endpoints.size() > 1 && !stream_rule) {
      stats::case_counters own{name + " (" + rule.endpoint + ")", rule.endpoint, {}};
      for (const auto& c : load::endpoint_counters(result, static_cast<std::size_t>(part - result.endpoints.begin())))
        own.values[c.name] = c.value;
      const auto mine = stats::check_thresholds(std::span(&rule, 1), own);
      threshold_verdict v;
      v.rule = stats::to_string(rule);
      const auto found = own.values.find(rule.counter);
      v.value = found != own.values.end() ? found->second : std::numeric_limits<double>::quiet_NaN();
      v.passed = mine.passed();
      if (!v.passed) v.message = mine.failures.front().message;
      out.push_back(std::move(v));
      continue;
    }
    const auto outcome = stats::check_thresholds(std::span(&rule, 1), counters);
    if (outcome.applied == 0) continue;
    threshold_verdict v;
    v.rule = stats::to_string(rule);
    const auto found = counters.values.find(rule.counter);
    v.value = found != counters.values.end() ? found->second : std::numeric_limits<double>::quiet_NaN();
    v.passed = outcome.passed();
    if (!v.passed) v.message = outcome.failures.front().message;
    out.push_back(std::move(v));
  }
  return out;
}

void grade_and_judge(case_record& record, std::span<const stats::threshold_rule> rules) {
  record.grade.clear();
  record.thresholds.clear();
  const load::load_result& r = record.result;
  if (!record.error.empty() || record.skipped || r.totals.requests == 0) return;
  const auto s = stats::summarize(r.totals.latency);
  const double mean = s.count > 0 ? s.mean : std::numeric_limits<double>::quiet_NaN();
  const double p95 = s.count > 0 ? s.p95 : std::numeric_limits<double>::quiet_NaN();
  record.grade = stats::grade_name(stats::grade_of(r.success_rate_percent(), mean, p95, r.timeouts()));
  record.thresholds = judge(rules, record.name, record.endpoint, r);
}

}  // namespace shield::report
