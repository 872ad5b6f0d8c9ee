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
#include <sstream>
#include <string>
#include <vector>

namespace shield::bench {

// The client's CPU seconds per request of a case's repetition, once it ran (bench_session::cpu_per_request).
using cpu_lookup = std::function<std::optional<double>(const std::string& name, std::int64_t repetition)>;

// The reporter for `--benchmark_format` (console, json or csv), with --benchmark_color and
// --benchmark_counters_tabular applied as Google Benchmark applies them; null for another format.
std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(const std::vector<std::string>& args,
                                                                    const cpu_lookup& cpu = {});

// The reporter for `--benchmark_out_format` (json when empty); null for an unknown format.
std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::string& format, const cpu_lookup& cpu = {});

// The display reporter with the --benchmark_out reporter beside it, which writes into memory: the
// file is written once, atomically, after the run (Google Benchmark would write it as it goes and
// leave it half-written on a full disk or a signal). Pass it as the only reporter.
class tee_reporter final : public benchmark::BenchmarkReporter {
 public:
  tee_reporter(std::unique_ptr<benchmark::BenchmarkReporter> display,
               std::unique_ptr<benchmark::BenchmarkReporter> file);
  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;
  // What the file reporter wrote (the whole document once Finalize ran).
  std::string file_text() const { return file_buffer_.str(); }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> display_;  // console / --benchmark_format
  std::unique_ptr<benchmark::BenchmarkReporter> file_;     // --benchmark_out_format, into file_buffer_
  std::ostringstream file_buffer_;                         // the file's content until it is written
};

// --benchmark_out and --benchmark_out_format taken out of `args` (Google Benchmark must not open the
// file itself); their values in `file` and `format`, empty when absent.
void take_benchmark_out(std::vector<std::string>& args, std::string& file, std::string& format);

}  // namespace shield::bench
