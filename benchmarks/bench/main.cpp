// shield_bench: endpoint x concurrency load cases against a Shield backend, as Google Benchmark
// cases. Exit status: 0 all good, 1 a threshold failed or a case could not run, 2 usage error,
// 3 target unreachable, 130 interrupted (after reporting what was measured).

#include "benchmarks/bench/bench_parse.hpp"
#include "benchmarks/bench/bench_run.hpp"
#include "benchmarks/bench/bench_write.hpp"

int main(int argc, char** argv) {
  using namespace shield::bench;
  const parse_outcome parsed = parse_command_line(argc, argv);
  if (parsed.exit) return *parsed.exit;
  run_outcome run = run_cases(parsed.command);
  if (run.exit) return *run.exit;
  return write_outputs(parsed.command, std::move(run));
}
