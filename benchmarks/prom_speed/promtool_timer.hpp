#pragma once
// Wall-clock runs of `promtool check metrics < FILE`, the reference the parser is compared with.

#include <chrono>
#include <string>

namespace shield::prom_speed {

// One promtool run.
struct promtool_run {
  std::chrono::nanoseconds wall{0};  // spawn to exit
  std::chrono::nanoseconds cpu{0};   // user + system time of the process (all its threads)
  int exit_code = -1;                // promtool's exit status; -1 when it did not run or was killed
  std::string error;                 // why it did not run, empty otherwise
};

// Runs promtool once with stdin from `input`, stdout/stderr discarded; killed after `timeout`.
[[nodiscard]] promtool_run time_promtool(const std::string& promtool, const std::string& input,
                                         std::chrono::seconds timeout = std::chrono::seconds(60));

// promtool from PATH (or nullopt-like empty string when absent).
[[nodiscard]] std::string find_promtool_on_path();

}  // namespace shield::prom_speed
