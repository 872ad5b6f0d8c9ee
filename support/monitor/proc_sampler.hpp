#pragma once

// CPU and resident memory of one local process, read from /proc/PID/stat and /proc/PID/statm.
//
// CPU % is (utime + stime delta) / wall-time delta x 100, NOT divided by the core count:
// 100% = one core fully busy, 200% = two cores busy (the `top` / `ps` convention).

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shield::monitor {

// Outcome of reading one process.
enum class proc_status {
  ok,       // the process exists and its files were read
  missing,  // no such process (exited, reaped, or a zombie): values are absent, not zero
  error,    // /proc present but unreadable or malformed (message says why)
};

// One reading of a process.
struct proc_sample {
  proc_status status = proc_status::missing;  // whether the values below are meaningful
  std::optional<double> cpu_percent;          // per-core scaled CPU % since the previous reading; absent on the first
  std::optional<double> cpu_seconds;          // cumulative utime + stime in seconds
  std::optional<std::uint64_t> rss_bytes;     // resident set size (statm resident pages x page size)
  double interval_s = 0.0;                    // wall time since the previous ok reading (0 on the first)
  std::string message;                        // why the status is not ok
};

// Fields of /proc/PID/stat the sampler needs.
struct proc_stat_fields {
  char state = '?';         // process state letter (R, S, D, Z, X, ...)
  std::uint64_t utime = 0;  // user time in clock ticks
  std::uint64_t stime = 0;  // system time in clock ticks
};

// Parses one /proc/PID/stat line; the command name may hold spaces and ')' so fields are counted
// from the last ')'. nullopt when malformed.
[[nodiscard]] std::optional<proc_stat_fields> parse_proc_stat(std::string_view line);

// Resident pages (second field) of a /proc/PID/statm line; nullopt when malformed.
[[nodiscard]] std::optional<std::uint64_t> parse_proc_statm_resident(std::string_view line);

// Samples one PID repeatedly; keeps the previous CPU reading to compute the interval's %.
class proc_sampler {
 public:
  explicit proc_sampler(pid_t pid);

  // Reads the process now. A missing process clears the baseline, so a reused PID starts fresh.
  [[nodiscard]] proc_sample sample();

  // PID this sampler watches.
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  pid_t pid_;                                            // process being watched
  long ticks_per_second_;                                // sysconf(_SC_CLK_TCK), the unit of utime/stime
  long page_size_;                                       // sysconf(_SC_PAGESIZE), the unit of statm
  std::optional<std::uint64_t> previous_ticks_;          // utime + stime at the previous ok reading
  std::chrono::steady_clock::time_point previous_time_;  // when previous_ticks_ was read
};

// Online CPU cores, for normalising per-core % to a whole-machine % (at least 1).
[[nodiscard]] unsigned online_cores();

}  // namespace shield::monitor
