#pragma once
// shield_bench's distributed-run flags: which shard of a run this process is (--shard=I/N, or the
// engine's environment), the run id every shard shares, and the common start time.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/base/result.hpp"

namespace shield::bench {

// A shard of a distributed run; shard_count 1 and no run id: an ordinary run.
struct shard_settings {
  std::uint32_t index = 0;         // this shard, from 0
  std::uint32_t count = 1;         // shards of the run
  std::string run_id;              // the same on every shard; empty when not distributed
  std::optional<double> start_at;  // Unix time (seconds) every shard waits for before its first case
  std::string source;              // where the shard came from: "--shard", "SLURM_ARRAY_TASK_ID", ...
  std::string host;                // this machine's name, for the results file

  bool distributed() const noexcept { return count > 1 || !run_id.empty(); }
};

// Reads an environment variable; null when unset (a seam for tests).
using env_reader = std::function<const char*(const char*)>;

// Takes --shard, --run_id and --start_at out of `args`; without --shard the shard comes from
// SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (offset by SLURM_ARRAY_TASK_MIN) or from Kubernetes'
// JOB_COMPLETION_INDEX with SHIELD_SHARDS; the run id from SHIELD_RUN_ID or SLURM_ARRAY_JOB_ID;
// the start time from SHIELD_START_AT. A split run needs a run id.
// A failure is a usage error naming the flag or variable ("--shard=2/2: expected I/N with 0 <= I < N").
base::result<shard_settings> take_shard_options(std::vector<std::string>& args, const env_reader& env);

// Why the run cannot be split over the shards (a concurrency value or a request count below the
// shard count: a shard would get no connection or no request).
base::result<void> check_shard_concurrency(const shard_settings& shard, const std::vector<std::uint32_t>& concurrency,
                                           std::uint64_t requests = 0);

// Usage text of these flags.
std::string shard_usage();

}  // namespace shield::bench
