#pragma once
// Google Benchmark reporters that print case names as shield_bench names them
// (`anonymize/concurrency:15`), without the `/iterations:1/manual_time` suffix of one-iteration
// manual-time cases, in the console, JSON and CSV output alike, with the CPU time (cpu_time) being
// the client's CPU per request, the unit of real_time.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shield::bench {

// The client's CPU seconds per request of a case's repetition, once it ran (bench_session::cpu_per_request).
using cpu_lookup = std::function<std::optional<double>(const std::string& name, std::int64_t repetition)>;

// The reporter for `--benchmark_format` (console, json or csv), with --benchmark_color and
// --benchmark_counters_tabular applied as Google Benchmark applies them; null for another format.
std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(const std::vector<std::string>& args,
                                                                    const cpu_lookup& cpu = {});

// The reporter for `--benchmark_out_format` (json by default); null when --benchmark_out is absent.
std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::vector<std::string>& args,
                                                                 const cpu_lookup& cpu = {});

}  // namespace shield::bench
