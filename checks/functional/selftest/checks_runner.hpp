#pragma once
// Runs shield_checks as a child process and reads which of its tests passed, failed or skipped.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace shield::functional_selftest {

// One test of a shield_checks run, from its --gtest_output=json report.
struct test_outcome {
  std::string name;           // "Suite.Test" as GoogleTest names it (parameterized: "Prefix/Suite.Test/param")
  bool failed = false;        // at least one failure was recorded
  bool skipped = false;       // GTEST_SKIP was called
  std::string first_failure;  // text of the first failure, empty when none
};

// One run of shield_checks.
struct checks_run {
  std::optional<int> exit_status;        // nullopt when it had to be killed at the time limit
  std::chrono::milliseconds elapsed{0};  // start to exit (or to the kill)
  std::string output;                    // stdout and stderr, at most the last 4 MiB
  std::vector<test_outcome> tests;       // empty unless a JSON report was asked for and written
  std::string error;                     // could not start, or the report was unreadable
};

// Runs SHIELD_CHECKS_BIN with args in dir; with json_report, adds --gtest_output=json:dir/... and
// reads it back. The child is killed at `limit`.
checks_run run_checks(const std::vector<std::string>& args, const std::string& dir, std::chrono::seconds limit,
                      bool json_report);

// The same for another GoogleTest check program (shield_metrics_checks).
checks_run run_check_program(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                             std::chrono::seconds limit, bool json_report);

// A scratch directory for one test's logs and reports; removed at the end unless the test failed
// (then its path is printed, to look at the logs).
class scratch_dir {
 public:
  explicit scratch_dir(const std::string& prefix);
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;  // empty when it could not be created
};

// The names of the failed / skipped tests of a run.
std::vector<std::string> failed_tests(const checks_run& run);
std::vector<std::string> skipped_tests(const checks_run& run);

}  // namespace shield::functional_selftest
