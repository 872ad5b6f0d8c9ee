#pragma once
// shield_lint dashboard: every check that needs no target (structure, variables, PromQL syntax and
// types, Shield-only rules when an expected-metrics file is given, a counter heuristic), and with
// --prometheus the live ones (variables resolved from it, metrics it holds, counters by their
// metadata type, every query accepted and returning data).

#include <iosfwd>
#include <string>
#include <string_view>

#include "checks/lint/lint_flags.hpp"

namespace shield::lint {

// Prints `name: code: message` per finding and a summary line; returns the exit code
// (0 clean, 1 errors, 3 lint problems only, 2 when the expected-metrics file cannot be used).
int lint_dashboard(std::string_view text, const std::string& name, const lint_options& options, std::ostream& out,
                   std::ostream& err);

}  // namespace shield::lint
