#include "benchmarks/bench/bench_describe.hpp"

#include "git_commit.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>

namespace shield::bench {

std::string git_commit() {
  if (const char* env = std::getenv("SHIELD_GIT_COMMIT"); env != nullptr && *env != '\0') return env;
  return SHIELD_GIT_COMMIT;
}

report::run_configuration describe_run(const client::target_setup& setup, const bench_options& o,
                                       const std::string& filter) {
  report::run_configuration c;
  c.target = setup.url.to_string();
  c.profile = setup.profile_path;
  c.profile_name = setup.profile.name;
  for (const auto& h : setup.headers) c.headers.push_back(h.description);
  c.preset = o.preset;
  c.concurrency = o.concurrency;
  c.requests = o.requests;
  c.duration_s = static_cast<double>(o.duration.count()) / 1e9;
  c.mode = o.open_loop ? "open" : "closed";
  c.rate = o.rate;
  c.io_threads = o.io_threads;
  c.timeout_s = static_cast<double>(setup.options.request_timeout.count()) / 1e3;
  c.connect_timeout_s = static_cast<double>(setup.options.connect_timeout.count()) / 1e3;
  c.idle_timeout_s = static_cast<double>(o.idle_timeout.value_or(setup.options.idle_timeout).count()) / 1e3;
  c.keepalive_idle_s = static_cast<double>(o.keepalive_idle.count()) / 1e3;
  c.retry = o.retry_idempotent ? "idempotent" : "none";
  c.warmup_s = static_cast<double>(o.warmup.count()) / 1e9;
  c.preflight = !o.skip_preflight;
  c.thresholds = o.thresholds;
  c.filter = filter;
  c.build_type = SHIELD_BUILD_TYPE;
  c.git_commit = git_commit();
  c.host = o.shard.host;
  if (o.shard.distributed()) {
    c.shard_index = o.shard.index;
    c.shard_count = o.shard.count;
    c.run_id = o.shard.run_id;
    c.start_at = o.shard.start_at.value_or(0.0);
  }
  return c;
}

void add_benchmark_context(const client::target_setup& setup, const bench_options& options) {
  benchmark::AddCustomContext("shield_build_type", SHIELD_BUILD_TYPE);
  benchmark::AddCustomContext("shield_target", setup.url.to_string());
  benchmark::AddCustomContext("shield_preset", options.preset);
  benchmark::AddCustomContext("shield_mode", options.open_loop ? "open" : "closed");
  benchmark::AddCustomContext("shield_profile", setup.profile.name);
  if (const std::string commit = git_commit(); !commit.empty())
    benchmark::AddCustomContext("shield_git_commit", commit);
  if (options.shard.distributed()) {
    benchmark::AddCustomContext("shield_run_id", options.shard.run_id);
    benchmark::AddCustomContext("shield_shard",
                                std::to_string(options.shard.index) + "/" + std::to_string(options.shard.count));
    benchmark::AddCustomContext("shield_host", options.shard.host);
  }
}

}  // namespace shield::bench
