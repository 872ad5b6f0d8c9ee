#include "support/monitor/live_line.hpp"

#include "support/monitor/detail/number_text.hpp"

#include <unistd.h>

namespace shield::monitor {

using detail::bytes_text;
using detail::fixed;

std::string format_live_line(const live_snapshot& s, live_mode mode) {
  std::string line = "[" + fixed(s.elapsed_s, 1) + "s]";
  if (!s.phase.empty()) line += " " + s.phase;
  line += " " + std::to_string(s.done);
  if (s.total) {
    line += "/" + std::to_string(*s.total);
    if (*s.total > 0)
      line += " (" + fixed(100.0 * static_cast<double>(s.done) / static_cast<double>(*s.total), 0) + "%)";
  }
  line += " | " + fixed(s.rps, 1) + " req/s";
  line += " | p95 " + (s.p95_ms ? fixed(*s.p95_ms, 1) + " ms" : std::string("-"));
  line += " | failures " + std::to_string(s.failures);
  line += " | backend cpu " + (s.backend_cpu_percent ? fixed(*s.backend_cpu_percent, 1) + "%" : std::string("-"));
  line += " mem " + (s.backend_memory_bytes ? bytes_text(*s.backend_memory_bytes) : std::string("-"));
  if (mode == live_mode::terminal) return "\r" + line + "\x1b[K";
  return line + "\n";
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

live_mode live_mode_for(int fd) { return is_terminal(fd) ? live_mode::terminal : live_mode::plain; }

bool plain_line_due(std::optional<double> last_printed_s, double now_s, double period_s) {
  return !last_printed_s || now_s - *last_printed_s >= period_s;
}

}  // namespace shield::monitor
