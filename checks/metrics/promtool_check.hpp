#pragma once
// Runs `promtool check metrics` on an exposition, for verdict-agreement tests.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::metrics {

// What promtool said.
struct promtool_result {
  int exit_code = -1;              // 0 clean, 1 parse error, 3 lint problems (promtool 2.42); -1 not run
  bool timed_out = false;          // killed at the timeout
  std::string output;              // its stderr
  std::vector<std::string> lines;  // non-empty stderr lines, sorted
  std::string error;               // why it could not be run, empty otherwise
};

// promtool from $SHIELD_PROMTOOL, else the first executable `promtool` on PATH.
[[nodiscard]] std::optional<std::string> find_promtool();

// `promtool check metrics` with text on stdin, killed after timeout.
[[nodiscard]] promtool_result run_promtool_check_metrics(const std::string& promtool, std::string_view text,
                                                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace shield::metrics
