#include "monitor_options.hpp"

#include "bench_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace shield::bench {
namespace {

std::optional<double> parse_seconds(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < 0.01 || v > 3600) return std::nullopt;
  return v;
}

std::optional<pid_t> parse_pid(const std::string& text) {
  long v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v <= 0 || v > 4'194'304) return std::nullopt;
  return static_cast<pid_t>(v);
}

}  // namespace

monitor_settings_result take_monitor_options(std::vector<std::string>& args) {
  monitor_settings_result r;
  const auto interval = take_value(args, "monitor_interval", r.error);
  if (!r.error.empty()) return r;
  const auto pid = take_value(args, "monitor_pid", r.error);
  if (!r.error.empty()) return r;
  if (interval) {
    const auto s = parse_seconds(*interval);
    if (!s) {
      r.error = "--monitor_interval=" + *interval + ": expected seconds between 0.01 and 3600";
      return r;
    }
    r.settings.interval = std::chrono::milliseconds(static_cast<long long>(std::llround(*s * 1000)));
  }
  if (pid) {
    r.settings.pid = parse_pid(*pid);
    if (!r.settings.pid) {
      r.error = "--monitor_pid=" + *pid + ": expected a process id";
      return r;
    }
  } else if (const char* env = std::getenv("SHIELD_BACKEND_PID"); env != nullptr && *env != '\0') {
    r.settings.pid = parse_pid(env);
    if (!r.settings.pid) {
      r.error = std::string("SHIELD_BACKEND_PID=") + env + ": expected a process id";
      return r;
    }
  }
  return r;
}

std::string monitor_usage() {
  return "  --monitor_interval=S  sampling interval of --monitor in seconds (default 1)\n"
         "  --monitor_pid=PID     backend process whose CPU and RSS --monitor reads from /proc\n"
         "                        (default $SHIELD_BACKEND_PID, set by the CTest fixture)\n";
}

}  // namespace shield::bench
