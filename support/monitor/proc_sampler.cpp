#include "support/monitor/proc_sampler.hpp"

#include "support/base/read_file.hpp"

#include <unistd.h>

#include <charconv>

namespace shield::monitor {

namespace {

// Next space-separated token of text starting at pos; empty at the end.
std::string_view next_token(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n')) ++pos;
  const std::size_t start = pos;
  while (pos < text.size() && text[pos] != ' ' && text[pos] != '\n') ++pos;
  return text.substr(start, pos - start);
}

std::optional<std::uint64_t> to_u64(std::string_view token) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || ec != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return value;
}

// Whole file; nullopt when it cannot be read (the usual sign of a vanished process).
std::optional<std::string> read_small_file(const std::string& path) {
  auto text = base::read_file(path);
  if (!text) return std::nullopt;
  return std::move(*text);
}

}  // namespace

std::optional<proc_stat_fields> parse_proc_stat(std::string_view line) {
  const std::size_t close = line.rfind(')');
  if (close == std::string_view::npos || line.find('(') == std::string_view::npos) return std::nullopt;
  std::size_t pos = close + 1;
  // Field 3 is the state; utime and stime are fields 14 and 15.
  const std::string_view state = next_token(line, pos);
  if (state.size() != 1) return std::nullopt;
  proc_stat_fields fields;
  fields.state = state[0];
  for (int field = 4; field <= 15; ++field) {
    const std::string_view token = next_token(line, pos);
    if (token.empty()) return std::nullopt;
    if (field == 14 || field == 15) {
      const auto value = to_u64(token);
      if (!value) return std::nullopt;
      (field == 14 ? fields.utime : fields.stime) = *value;
    }
  }
  return fields;
}

std::optional<std::uint64_t> parse_proc_statm_resident(std::string_view line) {
  std::size_t pos = 0;
  if (next_token(line, pos).empty()) return std::nullopt;
  return to_u64(next_token(line, pos));
}

proc_sampler::proc_sampler(pid_t pid)
    : pid_(pid), ticks_per_second_(sysconf(_SC_CLK_TCK)), page_size_(sysconf(_SC_PAGESIZE)) {
  if (ticks_per_second_ <= 0) ticks_per_second_ = 100;
  if (page_size_ <= 0) page_size_ = 4096;
}

proc_sample proc_sampler::sample() {
  proc_sample out;
  const std::string base = "/proc/" + std::to_string(pid_);
  const auto now = std::chrono::steady_clock::now();
  const auto stat_text = read_small_file(base + "/stat");
  if (pid_ <= 0 || !stat_text) {
    previous_ticks_.reset();
    out.status = proc_status::missing;
    out.message = "process " + std::to_string(pid_) + " not found";
    return out;
  }
  const auto fields = parse_proc_stat(*stat_text);
  if (!fields) {
    out.status = proc_status::error;
    out.message = "malformed " + base + "/stat";
    return out;
  }
  // A zombie has exited: its counters are final and statm reads zero, so treat it as gone.
  if (fields->state == 'Z' || fields->state == 'X') {
    previous_ticks_.reset();
    out.status = proc_status::missing;
    out.message = "process " + std::to_string(pid_) + " has exited";
    return out;
  }
  const auto statm_text = read_small_file(base + "/statm");
  const auto resident = statm_text ? parse_proc_statm_resident(*statm_text) : std::nullopt;
  if (!statm_text) {
    previous_ticks_.reset();
    out.status = proc_status::missing;
    out.message = "process " + std::to_string(pid_) + " vanished while being read";
    return out;
  }
  if (!resident) {
    out.status = proc_status::error;
    out.message = "malformed " + base + "/statm";
    return out;
  }
  const std::uint64_t ticks = fields->utime + fields->stime;
  out.status = proc_status::ok;
  out.cpu_seconds = static_cast<double>(ticks) / static_cast<double>(ticks_per_second_);
  out.rss_bytes = *resident * static_cast<std::uint64_t>(page_size_);
  if (previous_ticks_ && ticks >= *previous_ticks_) {
    const double wall = std::chrono::duration<double>(now - previous_time_).count();
    out.interval_s = wall;
    if (wall > 0.0) {
      const double busy = static_cast<double>(ticks - *previous_ticks_) / static_cast<double>(ticks_per_second_);
      out.cpu_percent = busy / wall * 100.0;
    }
  }
  previous_ticks_ = ticks;
  previous_time_ = now;
  return out;
}

unsigned online_cores() {
  const long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 1U;
}

}  // namespace shield::monitor
