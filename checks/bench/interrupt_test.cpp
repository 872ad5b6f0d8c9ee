// Ctrl-C: the run stops, prints and writes what it measured so far, and exits 130.

#include "checks/bench/bench_harness.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

namespace shield::bench_checks {
namespace {

TEST(Interrupt, CtrlCWritesWhatWasMeasuredSoFar) {
  faulty_backend backend({"--fault_latency_ms=5"});
  ASSERT_TRUE(backend.started()) << backend.started().error();
  const auto start = std::chrono::steady_clock::now();
  const auto run = run_bench(backend.url(), backend.dir(),
                             {"--benchmark_filter=^health/|^metrics/", "--concurrency=4", "--duration=60"},
                             std::chrono::milliseconds(1500));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(run.exit_code, 130) << run.log;
  EXPECT_LT(took, std::chrono::seconds(20)) << "the interrupted case must not run its 60 s";
  EXPECT_NE(run.log.find("health/concurrency:4 (interrupted)"), std::string::npos) << "summary table\n" << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  EXPECT_TRUE(run.results.at("interrupted").as_bool());
  const auto& cases = run.results.at("cases").as_array();
  ASSERT_EQ(cases.size(), 2u);
  const auto& health = cases.at(0).as_object();
  EXPECT_EQ(health.at("status").as_string(), "interrupted");
  EXPECT_GT(number_at(health, "requests"), 0.0);
  EXPECT_EQ(number_at(health, "requests"), number_at(health, "ok")) << "abandoned requests are not failures";
  EXPECT_LE(number_at(health, "abandoned"), 4.0);
  EXPECT_EQ(cases.at(1).at("status").as_string(), "skipped") << "the next case is not run";
  EXPECT_EQ(run.results.at("summary").at("errors").to_number<int>(), 0);
}

// An SSH drop (SIGHUP) is a Ctrl-C: exit 130, the results file, and a whole --benchmark_out
// document marked interrupted (shield_compare refuses it), never a cut one.
TEST(Interrupt, HangupWritesWholeFilesMarkedInterrupted) {
  faulty_backend backend({"--fault_latency_ms=5"});
  ASSERT_TRUE(backend.started()) << backend.started().error();
  const std::string bench_json = backend.dir() + "/hangup/benchmark.json";
  const auto run = run_bench(backend.url(), backend.dir(),
                             {"--benchmark_filter=^health/|^metrics/", "--concurrency=4", "--duration=60",
                              "--benchmark_out=" + bench_json, "--benchmark_out_format=json"},
                             std::chrono::milliseconds(1500), SIGHUP);
  EXPECT_EQ(run.exit_code, 130) << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  EXPECT_TRUE(run.results.at("interrupted").as_bool());
  ASSERT_FALSE(run.benchmark.is_null()) << "no whole --benchmark_out file\n" << run.log;
  EXPECT_EQ(run.benchmark.at("context").at("shield_interrupted").as_string(), "true");
  EXPECT_FALSE(run.benchmark.at("benchmarks").as_array().empty()) << "the interrupted case is reported";
  for (const auto& entry : std::filesystem::directory_iterator(backend.dir() + "/hangup"))
    EXPECT_EQ(entry.path().filename(), "benchmark.json") << "a temporary file was left behind";
}

}  // namespace
}  // namespace shield::bench_checks
