#pragma once
// Writes what a shield_bench run measured: the summary table, the results file, the HTML report,
// and the exit status they add up to.

#include "benchmarks/bench/bench_parse.hpp"
#include "benchmarks/bench/bench_run.hpp"

namespace shield::bench {

// Prints the summary and scalability, writes the results file and HTML report; returns the exit
// status (0 all good, 1 a threshold failed, a case could not run or nothing was written, 130 interrupted).
int write_outputs(const command_line& command, run_outcome run);

}  // namespace shield::bench
