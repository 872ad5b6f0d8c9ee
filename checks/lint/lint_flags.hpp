#pragma once
// shield_lint's command line: `exposition FILE...|- [--format=text|openmetrics]` or
// `dashboard FILE... [--prometheus=URL] [--var NAME=VALUE]... [--expected_metrics=FILE]`.

#include <optional>
#include <string>
#include <vector>

#include "support/base/result.hpp"
#include "support/grafana/variable_resolution.hpp"
#include "support/prom/exposition.hpp"

namespace shield::lint {

// Exit codes, as promtool's: 0 clean, 1 findings, 2 bad usage or unreadable input, 3 lint only.
inline constexpr int exit_clean = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_lint_only = 3;

// What to check, parsed from argv.
struct lint_options {
  std::string mode;                                   // "exposition" or "dashboard"
  std::vector<std::string> files;                     // paths, or "-" for stdin (exposition only)
  std::optional<prom::exposition_format> format;      // --format; detected when unset
  std::string prometheus_url;                         // --prometheus (dashboard)
  std::vector<grafana::variable_override> variables;  // --var (dashboard, repeatable)
  std::string expected_metrics;                       // --expected_metrics: Shield-only rules (optional)
  bool help = false;                                  // --help
};

[[nodiscard]] std::string usage();

// argv without the program name, read with base::flag_reader (--var, repeatable, first); a
// failure names the flag or argument at fault.
[[nodiscard]] base::result<lint_options> parse_lint_flags(std::vector<std::string> args);

}  // namespace shield::lint
