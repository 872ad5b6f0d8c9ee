#include "support/monitor/live_line.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

namespace shield::monitor {
namespace {

live_snapshot snapshot() {
  live_snapshot s;
  s.elapsed_s = 12.34;
  s.phase = "load";
  s.done = 150;
  s.total = 500;
  s.rps = 45.26;
  s.p95_ms = 123.45;
  s.failures = 3;
  s.backend_cpu_percent = 56.78;
  s.backend_memory_bytes = 1.5 * 1024 * 1024 * 1024;
  return s;
}

TEST(LiveLine, TerminalLineRewritesInPlace) {
  const std::string line = format_live_line(snapshot(), live_mode::terminal);
  EXPECT_EQ(line.rfind("\r", 0), 0U);
  EXPECT_EQ(line.substr(line.size() - 3), "\x1b[K");
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line,
            "\r[12.3s] load 150/500 (30%) | 45.3 req/s | p95 123.5 ms | failures 3 | backend cpu 56.8% mem 1.50 GiB"
            "\x1b[K");
}

TEST(LiveLine, PlainLineEndsWithNewlineAndShowsMissingAsDash) {
  live_snapshot s = snapshot();
  s.total.reset();
  s.p95_ms.reset();
  s.backend_cpu_percent.reset();
  s.backend_memory_bytes.reset();
  s.phase.clear();
  const std::string line = format_live_line(s, live_mode::plain);
  EXPECT_EQ(line, "[12.3s] 150 | 45.3 req/s | p95 - | failures 3 | backend cpu - mem -\n");
}

TEST(LiveLine, TerminalCheck) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  EXPECT_FALSE(is_terminal(fds[1]));
  EXPECT_EQ(live_mode_for(fds[1]), live_mode::plain);
  ::close(fds[0]);
  ::close(fds[1]);
  EXPECT_FALSE(is_terminal(-1));
  // A pseudo-terminal master is a terminal whether or not the test has one.
  const int pty = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  ASSERT_GE(pty, 0);
  EXPECT_TRUE(is_terminal(pty));
  EXPECT_EQ(live_mode_for(pty), live_mode::terminal);
  ::close(pty);
}

TEST(LiveLine, PlainPacing) {
  EXPECT_TRUE(plain_line_due(std::nullopt, 0.0));
  EXPECT_FALSE(plain_line_due(10.0, 14.9, 5.0));
  EXPECT_TRUE(plain_line_due(10.0, 15.0, 5.0));
}

}  // namespace
}  // namespace shield::monitor
