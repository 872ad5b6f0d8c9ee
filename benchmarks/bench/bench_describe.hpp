#pragma once
// What a shield_bench run was: its configuration for the results file and its context for the
// benchmark JSON.

#include "benchmarks/bench/bench_options.hpp"
#include "support/client/target_setup.hpp"
#include "support/report/results/results_document.hpp"

#include <string>

namespace shield::bench {

// The commit being measured: SHIELD_GIT_COMMIT from the environment, else the build's.
std::string git_commit();

// The run's configuration as the results file records it.
report::run_configuration describe_run(const client::target_setup& setup, const bench_options& options,
                                       const std::string& filter);

// Adds the shield_* keys to Google Benchmark's context (the benchmark JSON's "context").
void add_benchmark_context(const client::target_setup& setup, const bench_options& options);

}  // namespace shield::bench
