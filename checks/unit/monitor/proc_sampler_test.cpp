#include "support/monitor/proc_sampler.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

namespace shield::monitor {
namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Spins until this thread has used `cpu` seconds of CPU (or 5 s of wall time); returns CPU used.
double burn_cpu(double cpu) {
  const double start = thread_cpu_seconds();
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  volatile std::uint64_t sink = 0;
  while (thread_cpu_seconds() - start < cpu && std::chrono::steady_clock::now() < give_up)
    for (int i = 0; i < 10000; ++i) sink = sink + static_cast<std::uint64_t>(i);
  return thread_cpu_seconds() - start;
}

// Forks a child that exits at once; returns its PID (not yet reaped).
pid_t exited_child() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  return child;
}

char proc_state(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  const auto fields = parse_proc_stat(line);
  return fields ? fields->state : '?';
}

TEST(ProcStatParse, FieldsCountedFromTheLastParenthesis) {
  const auto fields = parse_proc_stat("4242 (a (b) c) R 1 2 3 4 5 6 7 8 9 10 111 222 0 0 20 0 1 0 99\n");
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->state, 'R');
  EXPECT_EQ(fields->utime, 111U);
  EXPECT_EQ(fields->stime, 222U);
}

TEST(ProcStatParse, MalformedLinesAreRejected) {
  EXPECT_FALSE(parse_proc_stat("").has_value());
  EXPECT_FALSE(parse_proc_stat("12 (x) S 1 2 3").has_value());
  EXPECT_FALSE(parse_proc_stat("12 x S 1 2 3 4 5 6 7 8 9 10 11 12").has_value());
  EXPECT_FALSE(parse_proc_stat("12 (x) S 1 2 3 4 5 6 7 8 9 10 1x 12").has_value());
  EXPECT_EQ(parse_proc_statm_resident("1000 250 30 4 0 50 0\n"), std::optional<std::uint64_t>(250));
  EXPECT_FALSE(parse_proc_statm_resident("1000").has_value());
}

TEST(ProcSampler, FirstReadingHasNoCpuPercent) {
  proc_sampler sampler(getpid());
  const proc_sample first = sampler.sample();
  ASSERT_EQ(first.status, proc_status::ok) << first.message;
  EXPECT_FALSE(first.cpu_percent.has_value());
  EXPECT_TRUE(first.cpu_seconds.has_value());
  ASSERT_TRUE(first.rss_bytes.has_value());
  EXPECT_GT(*first.rss_bytes, 0U);
}

TEST(ProcSampler, CpuPercentRisesWhileAThreadBurns) {
  proc_sampler sampler(getpid());
  ASSERT_EQ(sampler.sample().status, proc_status::ok);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const proc_sample idle = sampler.sample();
  ASSERT_TRUE(idle.cpu_percent.has_value());

  double burned = 0.0;
  std::thread burner([&] { burned = burn_cpu(0.2); });
  burner.join();
  const proc_sample busy = sampler.sample();
  ASSERT_EQ(busy.status, proc_status::ok) << busy.message;
  ASSERT_TRUE(busy.cpu_percent.has_value());
  ASSERT_GE(burned, 0.2) << "the burner was starved for 5 s";
  // The process used at least what the thread measured, less two clock ticks of rounding.
  const double tick = 1.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
  const double used = *busy.cpu_seconds - *idle.cpu_seconds;
  EXPECT_GE(used, burned - 2 * tick);
  EXPECT_NEAR(*busy.cpu_percent, used / busy.interval_s * 100.0, 1e-6);
  EXPECT_GE(*busy.cpu_percent, (burned - 2 * tick) / busy.interval_s * 100.0);
  EXPECT_GT(*busy.cpu_percent, *idle.cpu_percent);
}

TEST(ProcSampler, RssRisesWhenMemoryIsTouched) {
  proc_sampler sampler(getpid());
  const proc_sample before = sampler.sample();
  ASSERT_TRUE(before.rss_bytes.has_value());
  constexpr std::size_t size = 50 * 1024 * 1024;
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  std::unique_ptr<char[]> block(new char[size]);
  for (std::size_t i = 0; i < size; i += page) block[i] = static_cast<char>(i);
  const proc_sample after = sampler.sample();
  ASSERT_TRUE(after.rss_bytes.has_value());
  EXPECT_GE(static_cast<double>(*after.rss_bytes) - static_cast<double>(*before.rss_bytes), 0.9 * size);
  EXPECT_EQ(block[page], static_cast<char>(page));
}

TEST(ProcSampler, ReapedProcessIsMissingNotZero) {
  const pid_t child = exited_child();
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  proc_sampler sampler(child);
  const proc_sample s = sampler.sample();
  EXPECT_EQ(s.status, proc_status::missing);
  EXPECT_FALSE(s.cpu_percent.has_value());
  EXPECT_FALSE(s.cpu_seconds.has_value());
  EXPECT_FALSE(s.rss_bytes.has_value());
  EXPECT_NE(s.message.find(std::to_string(child)), std::string::npos);
}

TEST(ProcSampler, ZombieIsMissing) {
  const pid_t child = exited_child();
  ASSERT_GT(child, 0);
  // Wait (bounded) until the child has exited but is not reaped yet.
  for (int i = 0; i < 500 && proc_state(child) != 'Z'; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const char state = proc_state(child);
  proc_sampler sampler(child);
  const proc_sample s = sampler.sample();
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(state, 'Z');
  EXPECT_EQ(s.status, proc_status::missing);
  EXPECT_FALSE(s.rss_bytes.has_value());
}

TEST(ProcSampler, CoresAtLeastOne) {
  EXPECT_GE(online_cores(), 1U);
  EXPECT_EQ(online_cores(), static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN)));
}

}  // namespace
}  // namespace shield::monitor
