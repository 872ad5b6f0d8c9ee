#pragma once
// Runs shield_bench as a child process against a reference backend started by the test (with
// fault injection), and reads the results file it wrote (strictly, and through the typed model).

#include "fixtures/servers/backend_process.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

namespace shield::bench_checks {

// A reference backend with --enable_faults and the given --fault_* flags, in its own scratch dir.
class faulty_backend {
 public:
  explicit faulty_backend(std::vector<std::string> fault_flags);
  ~faulty_backend();
  faulty_backend(const faulty_backend&) = delete;
  faulty_backend& operator=(const faulty_backend&) = delete;

  // Whether the backend runs; the failure says why it does not.
  const base::result<void>& started() const { return started_; }
  std::string url() const { return backend_.url(); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;                   // scratch directory (logs, results), removed at the end
  servers::backend_process backend_;  // the child
  base::result<void> started_;        // start failure
};

// What one shield_bench run left behind.
struct bench_outcome {
  int exit_code = -1;            // the process's exit status (-1 when it did not end in time)
  std::string log;               // its stdout and stderr
  boost::json::value results;    // the results file, null when none was written
  boost::json::value benchmark;  // the --benchmark_out file when the args name one, else null
};

// Parses `text` strictly: JSON that Boost.JSON accepts (it rejects NaN and Infinity) and no
// NaN/Infinity token anywhere in it.
base::result<boost::json::value> parse_strict(const std::string& text);

// Runs shield_bench with `args` plus --target and --results_dir (a fresh subdirectory of `dir`);
// with `interrupt_after` > 0, sends it `signal_number` (default SIGINT, Ctrl-C) that long after the
// start. Every JSON file it wrote is parsed strictly; a file that is not strict JSON fails the
// calling test.
bench_outcome run_bench(const std::string& target, const std::string& dir, const std::vector<std::string>& args,
                        std::chrono::milliseconds interrupt_after = std::chrono::milliseconds(0),
                        int signal_number = SIGINT);

// The first case of a results document.
const boost::json::object& first_case(const boost::json::value& results);

// The first non-aggregate benchmark of a --benchmark_out document.
const boost::json::object& first_benchmark(const boost::json::value& doc);

// A number from a results object (latency summaries, counters).
double number_at(const boost::json::object& o, const std::string& key);

}  // namespace shield::bench_checks
