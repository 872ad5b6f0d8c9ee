#pragma once
// Verdict on a target's exposition against an expected-metrics file: format and lints (as
// promtool), expected metrics with types, labels and value rules, forbidden and unexpected families.

#include <cstddef>
#include <vector>

#include "fixtures/expected_metrics/expected_metrics.hpp"
#include "checks/metrics/finding.hpp"
#include "support/prom/lint.hpp"

namespace shield::metrics {

// Limits on repetitive messages.
struct exposition_verdict_options {
  std::size_t max_format_errors = 20;  // format errors listed one by one; the rest summed up in one more
  std::size_t max_examples = 3;        // offending series quoted per label or value finding
};

// Every finding on one exposition (parse_exposition + lint_exposition, i.e. prom::check_metrics).
// Lint problems are warnings, not errors, on accepted extra families and where an also_accept
// entry of the exposed type lists the lint; every other lint problem is an error.
[[nodiscard]] std::vector<finding> verify_exposition(const prom::metrics_check& checked,
                                                     const expected::expected_metrics& expected,
                                                     const exposition_verdict_options& options = {});

}  // namespace shield::metrics
