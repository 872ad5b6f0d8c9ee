#include "support/stats/threshold_check.hpp"

namespace shield::stats {

namespace {

std::string failure_line(const std::string& case_name, const threshold_rule& rule, const double* value) {
  std::string line = "threshold failed: case '" + case_name + "': " + rule.counter;
  line += value != nullptr ? " = " + format_number(*value) : std::string{" is missing"};
  line += ", required ";
  line += op_symbol(rule.op);
  line += " " + format_number(rule.limit);
  line += " (rule " + to_string(rule) + ")";
  return line;
}

}  // namespace

threshold_outcome check_thresholds(std::span<const threshold_rule> rules, const case_counters& counters) {
  threshold_outcome outcome;
  for (const threshold_rule& rule : rules) {
    if (!rule.endpoint.empty() && rule.endpoint != counters.endpoint) continue;
    ++outcome.applied;
    const auto found = counters.values.find(rule.counter);
    if (found == counters.values.end()) {
      outcome.failures.push_back({rule, 0.0, true, failure_line(counters.name, rule, nullptr)});
      continue;
    }
    const double value = found->second;
    if (!satisfies(value, rule.op, rule.limit))
      outcome.failures.push_back({rule, value, false, failure_line(counters.name, rule, &value)});
  }
  return outcome;
}

}  // namespace shield::stats
