#pragma once

#include "support/stats/threshold_rules.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace shield::stats {

// The counters one case (benchmark or check) produced.
struct case_counters {
  std::string name;                                   // case name as reported, e.g. "anonymize/concurrency:15"
  std::string endpoint;                               // endpoint the case exercises; endpoint-scoped rules match on it
  std::map<std::string, double, std::less<>> values;  // counter name -> value
};

// One rule a case did not meet.
struct threshold_failure {
  threshold_rule rule;   // the rule that failed
  double value = 0.0;    // the case's value (0 when missing)
  bool missing = false;  // the case has no such counter, which fails the rule
  std::string message;   // one line: case, counter, value, operator, limit
};

// Outcome of checking one case against every rule.
struct threshold_outcome {
  std::size_t applied = 0;                  // rules whose scope matched the case
  std::vector<threshold_failure> failures;  // in rule order

  bool passed() const noexcept { return failures.empty(); }
};

// Checks every rule that applies to the case (unscoped ones always, scoped ones when the
// endpoint matches). A counter the case lacks, or a NaN value, fails the rule.
threshold_outcome check_thresholds(std::span<const threshold_rule> rules, const case_counters& counters);

}  // namespace shield::stats
