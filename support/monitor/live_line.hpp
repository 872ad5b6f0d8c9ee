#pragma once

// The live status line shown while a monitored run is in progress.

#include <cstdint>
#include <optional>
#include <string>

namespace shield::monitor {

// What the line shows at one moment.
struct live_snapshot {
  double elapsed_s = 0.0;                      // seconds since the run started
  std::string phase;                           // current phase (empty hides it)
  std::uint64_t done = 0;                      // requests completed so far
  std::optional<std::uint64_t> total;          // requests planned; absent for duration-bound runs
  double rps = 0.0;                            // recent requests per second
  std::optional<double> p95_ms;                // recent p95 latency; absent before any response
  std::uint64_t failures = 0;                  // failed requests so far
  std::optional<double> backend_cpu_percent;   // backend CPU % (target metric or local process)
  std::optional<double> backend_memory_bytes;  // backend memory (target metric or local RSS)
};

// How the line is written.
enum class live_mode {
  terminal,  // "\r" + line + erase-to-end-of-line, rewritten in place
  plain,     // line + "\n", printed every few seconds (logs, CI)
};

// The status line, ready to write as is.
[[nodiscard]] std::string format_live_line(const live_snapshot& snapshot, live_mode mode);

// True when fd is a terminal.
[[nodiscard]] bool is_terminal(int fd);

// terminal when fd is a terminal, else plain.
[[nodiscard]] live_mode live_mode_for(int fd);

// Plain mode pacing: true when no line was printed yet or period_s has passed since the last one.
[[nodiscard]] bool plain_line_due(std::optional<double> last_printed_s, double now_s, double period_s = 5.0);

}  // namespace shield::monitor
