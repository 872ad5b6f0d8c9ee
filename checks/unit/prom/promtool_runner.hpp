#pragma once

// Runs `promtool check metrics` on an exposition, for agreement tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::prom::testing {

// What promtool said.
struct promtool_verdict {
  int exit_code = -1;              // 0 clean, 1 parse error, 3 lint problems (promtool 2.42)
  std::string output;              // everything it wrote on stderr
  std::vector<std::string> lines;  // output split into lines, sorted
};

// Path of promtool from $SHIELD_PROMTOOL or PATH; nullopt when it is not installed.
[[nodiscard]] std::optional<std::string> find_promtool();

// Runs `promtool check metrics` with text on stdin (bounded by a 30 s timeout).
[[nodiscard]] promtool_verdict run_promtool_check_metrics(const std::string& promtool, std::string_view text);

// Line number from "text format parsing error in line N", or 0.
[[nodiscard]] std::size_t promtool_error_line(const promtool_verdict& verdict);

}  // namespace shield::prom::testing
