// Ctrl-C: the run stops, prints and writes what it measured so far, and exits 130.

#include "checks/bench/bench_harness.hpp"

#include <gtest/gtest.h>

namespace shield::bench_checks {
namespace {

TEST(Interrupt, CtrlCWritesWhatWasMeasuredSoFar) {
  faulty_backend backend({"--fault_latency_ms=5"});
  ASSERT_EQ(backend.error(), "");
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

}  // namespace
}  // namespace shield::bench_checks
