#include "benchmarks/bench/monitor_options.hpp"

#include "support/base/flags.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace shield::bench {
namespace {

std::optional<double> parse_seconds(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < 0.01 || v > 3600)
    return std::nullopt;
  return v;
}

std::optional<pid_t> parse_pid(const std::string& text) {
  long v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v <= 0 || v > 4'194'304) return std::nullopt;
  return static_cast<pid_t>(v);
}

}  // namespace

base::result<monitor_settings> take_monitor_options(std::vector<std::string>& args) {
  monitor_settings settings;
  base::flag_reader flags(args);
  const auto interval = flags.value("monitor_interval");
  const auto pid = flags.value("monitor_pid");
  if (auto done = flags.finish(); !done) return done.error();
  if (interval) {
    const auto s = parse_seconds(*interval);
    if (!s) return base::fail("--monitor_interval=" + *interval + ": expected seconds between 0.01 and 3600");
    settings.interval = std::chrono::milliseconds(static_cast<long long>(std::llround(*s * 1000)));
  }
  if (pid) {
    settings.pid = parse_pid(*pid);
    if (!settings.pid) return base::fail("--monitor_pid=" + *pid + ": expected a process id");
  } else if (const char* env = std::getenv("SHIELD_BACKEND_PID"); env != nullptr && *env != '\0') {
    settings.pid = parse_pid(env);
    if (!settings.pid) return base::fail(std::string("SHIELD_BACKEND_PID=") + env + ": expected a process id");
  }
  return settings;
}

std::string monitor_usage() {
  return "  --monitor_interval=S  sampling interval of --monitor in seconds (default 1)\n"
         "  --monitor_pid=PID     backend process whose CPU and RSS --monitor reads from /proc\n"
         "                        (default $SHIELD_BACKEND_PID, set by the CTest fixture)\n";
}

}  // namespace shield::bench
