// Benchmark JSON with integers out of range (found by fuzzing): no undefined conversion, a clear
// refusal where the value matters.

#include "support/report/compare/bench_json.hpp"

#include <gtest/gtest.h>

namespace shield::report {
namespace {

TEST(BenchJsonRange, HugeCpuCountIsLeftUnknown) {
  const auto run = parse_bench_json(
      R"({"context": {"num_cpus":55555555555555555552}, "benchmarks": [{"name": "a", "run_name": "a",
          "run_type": "iteration", "real_time": 1, "time_unit": "ns"}]})",
      "cpus.json");
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->context.num_cpus, 0);
}

TEST(BenchJsonRange, RepetitionIndexPastLongLongIsRefused) {
  const auto run = parse_bench_json(
      R"({"context": {}, "benchmarks": [{"name": "a", "run_name": "a", "run_type": "iteration",
          "repetition_index": 18446744073709551615, "real_time": 1, "time_unit": "ns"}]})",
      "index.json");
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().message.find("\"repetition_index\" is not an integer (of at most 19 digits)"),
            std::string::npos)
      << run.error().message;
}

}  // namespace
}  // namespace shield::report
