#pragma once
// The --monitor_* flags: sampling interval and the backend PID read from /proc.

#include "support/base/result.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace shield::bench {

// How the monitor samples.
struct monitor_settings {
  std::chrono::milliseconds interval{1000};  // --monitor_interval=S (seconds, may be fractional)
  std::optional<pid_t> pid;                  // --monitor_pid, else $SHIELD_BACKEND_PID
};

// Takes --monitor_interval and --monitor_pid out of args (`--name=value` or `--name value`);
// a failure names the flag (e.g. "--monitor_interval=x: expected seconds ...").
base::result<monitor_settings> take_monitor_options(std::vector<std::string>& args);

// Usage text of the monitor flags.
std::string monitor_usage();

}  // namespace shield::bench
