#include "benchmarks/bench/shard_options.hpp"

#include "support/base/flags.hpp"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>

namespace shield::bench {

namespace {

bool parse_count(const std::string& text, std::uint64_t max, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size() && out <= max;
}

// Run ids go into file names and Kubernetes labels: letters, digits, '.', '_', '-'.
bool valid_run_id(const std::string& id) {
  if (id.empty() || id.size() > 63) return false;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

constexpr std::uint64_t max_shards = 10000;

}  // namespace

base::result<shard_settings> take_shard_options(std::vector<std::string>& args, const env_reader& env) {
  shard_settings s;
  base::flag_reader flags(args);
  const auto shard = flags.value("shard");
  const auto run_id = flags.value("run_id");
  const auto start_at = flags.value("start_at");
  if (auto done = flags.finish(); !done) return done.error();
  auto get = [&env](const char* name) -> std::optional<std::string> {
    const char* v = env(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };

  std::uint64_t index = 0, count = 1;
  if (shard) {
    const auto slash = shard->find('/');
    if (slash == std::string::npos || !parse_count(shard->substr(0, slash), max_shards, index) ||
        !parse_count(shard->substr(slash + 1), max_shards, count) || count == 0 || index >= count) {
      return base::fail("--shard=" + *shard + ": expected I/N with 0 <= I < N <= 10000 (I counts from 0)");
    }
    s.source = "--shard";
  } else if (const auto task = get("SLURM_ARRAY_TASK_ID")) {
    const auto tasks = get("SLURM_ARRAY_TASK_COUNT");
    std::uint64_t id = 0, first = 0;
    const auto min = get("SLURM_ARRAY_TASK_MIN");
    if (!parse_count(*task, 1u << 30, id) || !tasks || !parse_count(*tasks, max_shards, count) || count == 0 ||
        (min && !parse_count(*min, id, first)) || id - first >= count) {
      return base::fail("SLURM_ARRAY_TASK_ID=" + *task + " with SLURM_ARRAY_TASK_COUNT=" + tasks.value_or("(unset)") +
                        ": expected a task of a contiguous array (e.g. sbatch --array=0-3)");
    }
    index = id - first;
    s.source = "SLURM_ARRAY_TASK_ID";
  } else if (const auto completion = get("JOB_COMPLETION_INDEX")) {
    const auto shards = get("SHIELD_SHARDS");
    if (!shards || !parse_count(*shards, max_shards, count) || count == 0 ||
        !parse_count(*completion, max_shards, index) || index >= count) {
      return base::fail("JOB_COMPLETION_INDEX=" + *completion + " with SHIELD_SHARDS=" + shards.value_or("(unset)") +
                        ": expected SHIELD_SHARDS set to the Job's completions and an index below it");
    }
    s.source = "JOB_COMPLETION_INDEX";
  }
  s.index = static_cast<std::uint32_t>(index);
  s.count = static_cast<std::uint32_t>(count);

  if (run_id) {
    s.run_id = *run_id;
  } else if (const auto v = get("SHIELD_RUN_ID")) {
    s.run_id = *v;
  } else if (const auto job = get("SLURM_ARRAY_JOB_ID"); job && s.source == "SLURM_ARRAY_TASK_ID") {
    s.run_id = "slurm-" + *job;
  }
  if (!s.run_id.empty() && !valid_run_id(s.run_id)) {
    return base::fail("--run_id=" + s.run_id + ": expected 1 to 63 letters, digits, '.', '_' or '-'");
  }
  if (s.count > 1 && s.run_id.empty()) {
    return base::fail("shard " + std::to_string(s.index) + "/" + std::to_string(s.count) +
                      " needs a run id shared by every shard: --run_id=ID (or SHIELD_RUN_ID)");
  }

  const auto at = start_at ? start_at : get("SHIELD_START_AT");
  if (at) {
    char* end = nullptr;
    const double t = std::strtod(at->c_str(), &end);
    const double now = static_cast<double>(std::time(nullptr));
    const std::string flag = start_at ? "--start_at=" : "SHIELD_START_AT=";
    if (at->empty() || end != at->c_str() + at->size() || !std::isfinite(t) || t < 1e9) {
      return base::fail(flag + *at + ": expected Unix time in seconds (e.g. $(( $(date +%s) + 30 )))");
    }
    if (t > now + 86400) {
      return base::fail(flag + *at + ": more than a day ahead");
    }
    s.start_at = t;
  }
  s.host = host_name();
  return s;
}

base::result<void> check_shard_concurrency(const shard_settings& shard, const std::vector<std::uint32_t>& concurrency,
                                           std::uint64_t requests) {
  if (requests > 0 && requests < shard.count) {
    return base::fail("--requests=" + std::to_string(requests) + " cannot be split over " +
                      std::to_string(shard.count) + " shards: each shard needs at least one request");
  }
  for (auto n : concurrency) {
    if (n < shard.count) {
      return base::fail("--concurrency=" + std::to_string(n) + " cannot be split over " + std::to_string(shard.count) +
                        " shards: each shard needs at least one connection");
    }
  }
  return {};
}

std::string shard_usage() {
  return "  --shard=I/N         run shard I (from 0) of N: closed loop splits concurrency and requests\n"
         "                      (remainders to the lowest shards), open loop takes arrivals k with\n"
         "                      k mod N = I of the whole --rate schedule (default from SLURM_ARRAY_TASK_ID/\n"
         "                      SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX/SHIELD_SHARDS)\n"
         "  --run_id=ID         the same on every shard of a run (default SHIELD_RUN_ID, on Slurm\n"
         "                      slurm-$SLURM_ARRAY_JOB_ID); shield_merge joins files of one run id\n"
         "  --start_at=EPOCH    Unix time every shard waits for before its first case (SHIELD_START_AT)\n";
}

}  // namespace shield::bench
