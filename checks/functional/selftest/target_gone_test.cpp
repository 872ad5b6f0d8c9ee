// A backend that dies or hangs mid-run: shield_checks and shield_metrics_checks stop the remaining
// checks at once, say after which check and with what answer, and exit non-zero.
#include <gtest/gtest.h>

#include <regex>

#include "checks/functional/selftest/checks_runner.hpp"
#include "fixtures/servers/backend_process.hpp"

namespace shield::functional_selftest {
namespace {

// Lines of output holding `needle`.
std::size_t lines_with(const std::string& output, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = output.find(needle); at != std::string::npos; at = output.find(needle, at + needle.size())) ++n;
  return n;
}

// The common outcome of a stopped run: one failed check, the rest skipped, the reason printed.
void expect_stopped(const checks_run& run, const std::string& program, const std::string& probe_answer) {
  ASSERT_TRUE(run.exit_status) << "still running at the limit:\n" << run.output;
  ASSERT_TRUE(run.error.empty()) << run.error << "\n" << run.output;
  EXPECT_EQ(*run.exit_status, 1) << run.output;
  const auto failed = failed_tests(run);
  EXPECT_EQ(failed.size(), 1u) << "only the check during which the target went away fails:\n" << run.output;
  EXPECT_GE(skipped_tests(run).size(), 3u) << run.output;
  const std::regex reason(
      program + ": the target stopped answering after [A-Za-z0-9_/.]+ \\(health probe GET /health: " + probe_answer +
      "\\); its last failure: .+; skipped the remaining [0-9]+ checks");
  EXPECT_TRUE(std::regex_search(run.output, reason)) << run.output;
  if (!failed.empty()) {
    EXPECT_NE(run.output.find("stopped answering after " + failed.front() + " ("), std::string::npos)
        << "the reason names the failed check " << failed.front() << ":\n"
        << run.output;
  }
  // Said once when it happened and once at the end, not once per remaining check.
  EXPECT_EQ(lines_with(run.output, "the target stopped answering"), 2u) << run.output;
  EXPECT_NE(run.output.find(program + ": stopped early: "), std::string::npos) << run.output;
}

class TargetGone : public ::testing::Test {
 protected:
  void start_backend(const std::vector<std::string>& extra) {
    std::vector<std::string> flags{"--redis=none", "--ttft_ms=5", "--token_ms=1", "--shutdown_timeout_ms=200"};
    flags.insert(flags.end(), extra.begin(), extra.end());
    const auto started = backend_.start(SHIELD_BACKEND_BIN, flags, scratch_.path());
    ASSERT_TRUE(started) << started.error();
  }

  scratch_dir scratch_{"shield-target-gone"};  // declared first: removed after the backend stopped
  servers::backend_process backend_;           // the backend that goes away
};

TEST_F(TargetGone, ChecksStopAtOnceWhenTheBackendCrashes) {
  start_backend({"--die_after_requests=60"});
  const auto run = run_checks({"--target=" + backend_.url(), "--profile=" SHIELD_DEFAULT_PROFILE}, scratch_.path(),
                              std::chrono::seconds(120), true);
  expect_stopped(run, "shield_checks", "connection refused");
  EXPECT_LT(run.elapsed, std::chrono::seconds(30)) << run.output;
}

TEST_F(TargetGone, ChecksStopAfterOneTimeoutWhenTheBackendHangs) {
  start_backend({"--hang_after_requests=60"});
  const auto run = run_checks({"--target=" + backend_.url(), "--profile=" SHIELD_DEFAULT_PROFILE, "--timeout=2"},
                              scratch_.path(), std::chrono::seconds(120), true);
  expect_stopped(run, "shield_checks", "no answer in 3000 ms");
  // One check's timeouts and one probe, not one timeout per remaining check.
  EXPECT_LT(run.elapsed, std::chrono::seconds(60)) << run.output;
}

TEST_F(TargetGone, MetricsChecksStopAtOnceWhenTheBackendCrashes) {
  // The preflight and three sample requests are answered, then the backend is gone: whichever
  // network check runs first (registration order differs between unity and plain builds) fails.
  start_backend({"--die_after_requests=4"});
  const auto run = run_check_program(SHIELD_METRICS_CHECKS_BIN,
                                     {"--target=" + backend_.url(), "--profile=" SHIELD_DEFAULT_PROFILE,
                                      "--gtest_filter=-PrometheusQueries.*"},  // no Prometheus here
                                     scratch_.path(), std::chrono::seconds(120), true);
  expect_stopped(run, "shield_metrics_checks", "connection refused");
  EXPECT_LT(run.elapsed, std::chrono::seconds(20)) << run.output;
}

}  // namespace
}  // namespace shield::functional_selftest
