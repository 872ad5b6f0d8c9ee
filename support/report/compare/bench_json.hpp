#pragma once

#include "support/base/result.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::report {

// Numeric fields of one benchmark entry (real_time, cpu_time, iterations, user counters), by key.
using counter_values = std::map<std::string, double, std::less<>>;

// One "iteration" entry of Google Benchmark's JSON: a single repetition of a case.
struct bench_repetition {
  long long index = 0;      // repetition_index (0 when the file has none)
  counter_values counters;  // finite or infinite values only; NaN counters are left out
  std::string label;        // the grade label (excellent/moderate/problem); empty when none
  std::string error;        // error_message when error_occurred; empty for a good run
};

// Every entry of one case (one run_name).
struct bench_case {
  std::string run_name;                                           // pairing key across files
  std::string time_unit;                                          // "ns", "us", "ms" or "s"
  std::vector<bench_repetition> repetitions;                      // iteration entries, file order
  std::map<std::string, counter_values, std::less<>> aggregates;  // by aggregate_name ("mean", ...)
};

// The "context" object: where and how the run was made (empty or 0 when absent).
struct bench_context {
  std::string date;                  // run start, as Google Benchmark wrote it
  std::string host_name;             // machine name
  std::string executable;            // benchmark binary path
  long long num_cpus = 0;            // logical CPUs
  double mhz_per_cpu = 0.0;          // nominal CPU frequency
  bool cpu_scaling_enabled = false;  // frequency scaling was on (noisier timings)
  std::string library_build_type;    // Google Benchmark library build: "release" or "debug"
  std::string shield_build_type;     // shield_bench build type (custom context)
  std::string shield_target;         // target URL (custom context)
  std::string shield_git_commit;     // commit the bench was built from (custom context)
  std::string shield_preset;         // preset name (custom context)
};

// One Google Benchmark JSON file.
struct bench_run {
  std::string source;             // file path (or a name) used in messages
  bench_context context;          // the "context" object
  std::vector<bench_case> cases;  // in order of first appearance

  // The case with this run_name, or nullptr.
  const bench_case* find(std::string_view run_name) const;
};

// Parses Google Benchmark JSON text. Bare NaN/Infinity tokens (which Google Benchmark writes for
// non-finite counters) are accepted. Errors say whether the text is not JSON, JSON of another
// kind (e.g. the suite's stress_test_results file) or benchmark JSON of the wrong shape.
base::result<bench_run> parse_bench_json(std::string_view text, std::string_view source);

// Reads and parses a file; unreadable or empty files are errors.
base::result<bench_run> read_bench_file(const std::string& path);

// Per-repetition values of a counter, in file order: repetitions without the counter or with an
// error are skipped. When the file holds only aggregates, the "median" aggregate (else "mean")
// stands in as a single value.
std::vector<double> counter_samples(const bench_case& c, std::string_view counter);

// Median of the samples (mean of the middle two for an even count); nullopt when empty.
std::optional<double> median_of(std::vector<double> values);

// Number of repetitions that ran without error (1 when only aggregates are present).
std::size_t good_repetitions(const bench_case& c);

// First error message among the repetitions; empty when every repetition ran.
std::string first_error(const bench_case& c);

// Distinct labels of the repetitions joined with '/', in first-seen order.
std::string labels_of(const bench_case& c);

}  // namespace shield::report
