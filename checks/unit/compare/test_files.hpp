#pragma once

#include <map>
#include <string>
#include <vector>

namespace shield::compare_test {

// A fresh directory under /tmp, removed with everything in it on destruction.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  // Path of `name` inside the directory.
  std::string path(const std::string& name) const;

  // Writes text to `name` and returns its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;  // the directory
};

// Reads a whole file; empty when missing.
std::string read_text(const std::string& path);

// Counters of one repetition, e.g. {"rps", 100.0}.
using counters = std::map<std::string, double>;

// One case of a synthetic Google Benchmark file.
struct synthetic_case {
  std::string name;                   // run_name, e.g. "anonymize/concurrency:15"
  std::vector<counters> repetitions;  // one entry per repetition
  std::string label = "excellent";    // grade label
  bool aggregates = true;             // also write mean/median/stddev/cv entries like Google Benchmark
  std::string error;                  // when set, every repetition reports error_occurred with it
};

// A case with default label, aggregates and no error.
synthetic_case make_case(std::string name, std::vector<counters> repetitions);

// The "context" fields the comparison looks at.
struct synthetic_context {
  std::string host_name = "ci-runner-1";             // machine
  long long num_cpus = 2;                            // logical CPUs
  std::string library_build_type = "release";        // Google Benchmark build
  std::string shield_build_type = "RelWithDebInfo";  // shield_bench build
  std::string commit = "0123456789abcdef";           // shield_git_commit
  std::string preset = "quick";                      // shield_preset
};

// Google Benchmark JSON text in the layout of --benchmark_out_format=json.
std::string benchmark_json(const synthetic_context& context, const std::vector<synthetic_case>& cases);

// Counters of a plain HTTP case.
counters http_counters(double rps, double mean_ms, double p95_ms, double p99_ms, double success_rate);

// `n` repetitions around the given rps/latency with a deterministic relative spread: rps and
// latencies are scaled by 1 + spread * k for k in a fixed zig-zag pattern in [-1, 1].
std::vector<counters> noisy_repetitions(int n, double rps, double mean_ms, double spread, double success_rate = 100.0);

}  // namespace shield::compare_test
