#include "support/monitor/run_program.hpp"

#include "checks/unit/monitor/monitor_test_support.hpp"

#include <gtest/gtest.h>

namespace shield::monitor {
namespace {

TEST(FindProgram, LooksThroughTheSearchPath) {
  const auto sh = find_program("sh", "/nonexistent-dir:/bin:/usr/bin");
  ASSERT_TRUE(sh.has_value());
  EXPECT_TRUE(sh->filename() == "sh");
  EXPECT_FALSE(find_program("sh", "/nonexistent-dir").has_value());
  EXPECT_FALSE(find_program("", "/bin").has_value());
  EXPECT_EQ(find_program("/bin/sh"), std::optional<std::filesystem::path>("/bin/sh"));
  EXPECT_FALSE(find_program("/nonexistent-dir/sh").has_value());
}

TEST(RunProgram, CapturesStderrAndExitCode) {
  const testing::scratch_dir dir;
  const program_result r = run_program("/bin/sh", {"-c", "echo to-stdout; echo \"$(pwd)\" >&2; exit 3"}, dir.path(),
                                       std::chrono::seconds(10));
  EXPECT_TRUE(r.started);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.succeeded());
  // stdout is discarded; stderr is kept; the working directory was applied.
  EXPECT_EQ(r.stderr_text, std::filesystem::canonical(dir.path()).string() + "\n");
}

TEST(RunProgram, KillsAtTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  const program_result r = run_program("/bin/sleep", {"30"}, {}, std::chrono::milliseconds(200));
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, 9);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(RunProgram, MissingProgramIsReportedNotThrown) {
  const program_result r = run_program("/nonexistent-dir/prog", {}, {}, std::chrono::seconds(1));
  EXPECT_FALSE(r.started);
  EXPECT_NE(r.error.find("cannot start"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace shield::monitor
