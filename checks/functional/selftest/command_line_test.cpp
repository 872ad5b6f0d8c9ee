// shield_checks' command line: an unreachable target fails fast with one sentence, unknown flags
// are usage errors, listing tests needs no target.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/functional/selftest/checks_runner.hpp"
#include "fixtures/servers/backend_process.hpp"
#include "fixtures/servers/child_process.hpp"

namespace shield::functional_selftest {
namespace {

class CommandLine : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.empty());
    port_ = servers::pick_free_port();
    ASSERT_GT(port_, 0);
    ASSERT_FALSE(servers::port_accepts(port_)) << "port " << port_ << " is not free";
  }
  std::string dead_target() const { return "http://127.0.0.1:" + std::to_string(port_); }

  scratch_dir scratch_{"shield-checks-cli"};  // logs of the runs
  const std::string& dir_ = scratch_.path();
  int port_ = -1;  // a port nothing listens on
};

TEST_F(CommandLine, UnreachableTargetFailsFastWithOneClearMessage) {
  const auto run = run_checks({"--target=" + dead_target(), "--profile=" SHIELD_DEFAULT_PROFILE}, dir_,
                              std::chrono::seconds(20), false);
  ASSERT_TRUE(run.error.empty()) << run.error;
  ASSERT_TRUE(run.exit_status) << "still running after 20 s:\n" << run.output;
  EXPECT_NE(*run.exit_status, 0);
  EXPECT_LT(run.elapsed, std::chrono::seconds(5)) << run.output;
  EXPECT_NE(run.output.find("cannot reach " + dead_target() + ": connection refused"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("is the backend running?"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("[ RUN"), std::string::npos) << "no test may run:\n" << run.output;
  // One line: the message, not a hundred red tests.
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
}

TEST_F(CommandLine, TargetThatIsNotTheBackendFailsOnce) {
  servers::backend_process backend;
  const auto started = backend.start(SHIELD_BACKEND_BIN, {"--redis=none"}, dir_);
  ASSERT_TRUE(started) << started.error();
  // A wrong base path: the server answers, but 404 where the profile expects its health check.
  const auto run = run_checks({"--target=" + backend.url() + "/api", "--profile=" SHIELD_DEFAULT_PROFILE}, dir_,
                              std::chrono::seconds(20), false);
  ASSERT_TRUE(run.exit_status) << run.output;
  EXPECT_EQ(*run.exit_status, 1) << run.output;
  EXPECT_NE(run.output.find("is not the backend the profile 'shield' describes: sent: GET /health; got: 404"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("[ RUN"), std::string::npos) << "no test may run:\n" << run.output;
}

TEST_F(CommandLine, UnknownFlagIsAUsageError) {
  const auto run = run_checks({"--target=" + dead_target(), "--no_such_flag=1"}, dir_, std::chrono::seconds(20), false);
  ASSERT_TRUE(run.exit_status) << run.output;
  EXPECT_EQ(*run.exit_status, 2) << run.output;
  EXPECT_NE(run.output.find("unknown flag --no_such_flag=1"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("cannot reach"), std::string::npos) << "flags are checked before the target:\n"
                                                                << run.output;
}

TEST_F(CommandLine, BadFlagValueIsAUsageError) {
  const auto run = run_checks({"--target=ftp://nowhere", "--profile=" SHIELD_DEFAULT_PROFILE}, dir_,
                              std::chrono::seconds(20), false);
  ASSERT_TRUE(run.exit_status) << run.output;
  EXPECT_EQ(*run.exit_status, 2) << run.output;
  EXPECT_NE(run.output.find("bad target URL"), std::string::npos) << run.output;
}

TEST_F(CommandLine, ListingTestsNeedsNoTarget) {
  const auto run = run_checks({"--target=" + dead_target(), "--profile=" SHIELD_DEFAULT_PROFILE, "--gtest_list_tests"},
                              dir_, std::chrono::seconds(20), false);
  ASSERT_TRUE(run.exit_status) << run.output;
  EXPECT_EQ(*run.exit_status, 0) << run.output;
  for (const char* suite : {"Anonymization.", "RoundTrip.", "Streaming.", "Isolation.", "Accounting.",
                            "Profile/Contract.", "Profile/BadInput."})
    EXPECT_NE(run.output.find(suite), std::string::npos) << suite << " missing from:\n" << run.output;
}

}  // namespace
}  // namespace shield::functional_selftest
