#pragma once
// Google Benchmark reporters that print case names as shield_bench names them
// (`anonymize/concurrency:15`), without the `/iterations:1/manual_time` suffix of one-iteration
// manual-time cases, in the console, JSON and CSV output alike.

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace shield::bench {

// The reporter for `--benchmark_format` (console, json or csv), with --benchmark_color and
// --benchmark_counters_tabular applied as Google Benchmark applies them; null for another format.
std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(const std::vector<std::string>& args);

// The reporter for `--benchmark_out_format` (json by default); null when --benchmark_out is absent.
std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::vector<std::string>& args);

}  // namespace shield::bench
