#include "support/report/compare/bench_json.hpp"

#include "checks/unit/compare/test_files.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace shield::report {
namespace {

using compare_test::benchmark_json;
using compare_test::make_case;
using compare_test::noisy_repetitions;
using compare_test::synthetic_case;
using compare_test::synthetic_context;
using compare_test::temp_dir;

TEST(CompareBenchJson, ReadsCasesRepetitionsAggregatesAndContext) {
  synthetic_context ctx;
  ctx.host_name = "bench-host";
  ctx.num_cpus = 8;
  ctx.commit = "cafebabe";
  ctx.preset = "medium";
  const std::vector<synthetic_case> cases{make_case("anonymize/concurrency:15", noisy_repetitions(3, 100.0, 20.0, 0.1)),
                                          make_case("health/concurrency:3", noisy_repetitions(1, 500.0, 2.0, 0.0))};
  const auto read = parse_bench_json(benchmark_json(ctx, cases), "run.json");
  ASSERT_TRUE(read) << read.error();
  const bench_run& run = read.value();
  EXPECT_EQ(run.source, "run.json");
  EXPECT_EQ(run.context.host_name, "bench-host");
  EXPECT_EQ(run.context.num_cpus, 8);
  EXPECT_EQ(run.context.library_build_type, "release");
  EXPECT_EQ(run.context.shield_build_type, "RelWithDebInfo");
  EXPECT_EQ(run.context.shield_git_commit, "cafebabe");
  EXPECT_EQ(run.context.shield_preset, "medium");
  ASSERT_EQ(run.cases.size(), 2u);
  EXPECT_EQ(run.cases[0].run_name, "anonymize/concurrency:15");
  EXPECT_EQ(run.cases[1].run_name, "health/concurrency:3");

  const bench_case* c = run.find("anonymize/concurrency:15");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->time_unit, "ns");
  ASSERT_EQ(c->repetitions.size(), 3u);
  EXPECT_EQ(c->repetitions[2].index, 2);
  EXPECT_EQ(c->repetitions[0].label, "excellent");
  EXPECT_DOUBLE_EQ(c->repetitions[1].counters.at("rps"), cases[0].repetitions[1].at("rps"));
  EXPECT_TRUE(c->repetitions[0].counters.contains("real_time"));
  EXPECT_FALSE(c->repetitions[0].counters.contains("repetition_index"));  // structural, not a measure
  EXPECT_EQ(c->aggregates.size(), 4u);
  EXPECT_TRUE(c->aggregates.contains("median"));
  EXPECT_EQ(good_repetitions(*c), 3u);
  EXPECT_EQ(labels_of(*c), "excellent");

  const auto rps = counter_samples(*c, "rps");
  ASSERT_EQ(rps.size(), 3u);
  EXPECT_DOUBLE_EQ(*median_of(rps), 100.0);  // pattern 0, +1, -1 around 100
  EXPECT_EQ(run.find("missing"), nullptr);
}

// Google Benchmark writes bare NaN/Infinity for non-finite counters; strings keep their text.
TEST(CompareBenchJson, AcceptsNonFiniteTokensOutsideStrings) {
  const std::string text = R"({"context": {"host_name": "h", "num_cpus": 2},
 "benchmarks": [
  {"name": "chat/concurrency:3", "run_name": "chat/concurrency:3", "run_type": "iteration",
   "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 1,
   "real_time": 1.0e+09, "cpu_time": 1.0e+07, "time_unit": "ns",
   "rps": 12.5, "mean_ms": NaN, "max_ms": Infinity, "gap_p95_ms": -Infinity, "p50_ms": -NaN,
   "label": "NaN Infinity \"quoted\" NaN"}
 ]})";
  const auto read = parse_bench_json(text, "gb.json");
  ASSERT_TRUE(read) << read.error();
  const auto& rep = read.value().cases.at(0).repetitions.at(0);
  EXPECT_DOUBLE_EQ(rep.counters.at("rps"), 12.5);
  EXPECT_FALSE(rep.counters.contains("mean_ms"));  // NaN means "no value"
  EXPECT_FALSE(rep.counters.contains("p50_ms"));
  EXPECT_TRUE(std::isinf(rep.counters.at("max_ms")) && rep.counters.at("max_ms") > 0);
  EXPECT_TRUE(std::isinf(rep.counters.at("gap_p95_ms")) && rep.counters.at("gap_p95_ms") < 0);
  EXPECT_EQ(rep.label, "NaN Infinity \"quoted\" NaN");
}

TEST(CompareBenchJson, FailedRepetitionsAndAggregatesOnly) {
  synthetic_case failed = make_case("anonymize/concurrency:3", noisy_repetitions(2, 50.0, 10.0, 0.0));
  failed.error = "connect: connection refused";
  synthetic_case agg_only = make_case("health/concurrency:3", noisy_repetitions(3, 80.0, 5.0, 0.2));
  auto text = benchmark_json({}, {failed, agg_only});
  auto read = parse_bench_json(text, "x.json");
  ASSERT_TRUE(read) << read.error();
  const bench_case& f = read.value().cases.at(0);
  EXPECT_EQ(good_repetitions(f), 0u);
  EXPECT_EQ(first_error(f), "connect: connection refused");
  EXPECT_TRUE(counter_samples(f, "rps").empty());

  // Drop the iteration entries: only aggregates remain (--benchmark_report_aggregates_only).
  bench_case only = read.value().cases.at(1);
  only.repetitions.clear();
  EXPECT_EQ(good_repetitions(only), 1u);
  const auto values = counter_samples(only, "rps");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_DOUBLE_EQ(values[0], only.aggregates.at("median").at("rps"));
}

TEST(CompareBenchJson, MedianOf) {
  EXPECT_FALSE(median_of({}));
  EXPECT_DOUBLE_EQ(*median_of({3.0}), 3.0);
  EXPECT_DOUBLE_EQ(*median_of({5.0, 1.0, 3.0}), 3.0);
  EXPECT_DOUBLE_EQ(*median_of({4.0, 1.0, 3.0, 2.0}), 2.5);
}

// Each malformed input is refused with a reason that names the problem.
struct bad_input {
  const char* text;    // file content
  const char* source;  // file name
  const char* expect;  // substring of the error
};

class CompareBenchJsonRejects : public ::testing::TestWithParam<bad_input> {};

TEST_P(CompareBenchJsonRejects, WithReason) {
  const auto read = parse_bench_json(GetParam().text, GetParam().source);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find(GetParam().expect), std::string::npos) << read.error().message;
  EXPECT_NE(read.error().message.find(GetParam().source), std::string::npos) << read.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, CompareBenchJsonRejects,
    ::testing::Values(
        bad_input{"", "empty.json", "is empty"}, bad_input{"  \n", "blank.json", "is empty"},
        bad_input{"Run on (2 X 2400 MHz CPU s)\n---\nBM_x 10 ns", "console.txt", "is not JSON (line 1"},
        bad_input{"{\"context\": {},\n \"benchmarks\": [\n}", "broken.json", "is not JSON (line 3"},
        bad_input{"name,iterations,real_time\nx,1,2\n", "out.csv", "--benchmark_out_format=json"},
        bad_input{"[1, 2]", "array.json", "not Google Benchmark output"},
        bad_input{"{\"a\": 1}", "other.json", "not Google Benchmark output"},
        bad_input{"{\"test_config\": {}, \"results\": []}", "stress_test_results_20260101_120000.json",
                  "stress_test_results_*.json files are not supported"},
        bad_input{"{\"context\": {}, \"benchmarks\": {}}", "shape.json", "\"benchmarks\" is not an array"},
        bad_input{"{\"benchmarks\": [{\"name\": \"a\"}]}", "noctx.json", "no \"context\" object"},
        bad_input{"{\"context\": {}, \"benchmarks\": []}", "none.json", "holds no benchmark results"},
        bad_input{"{\"context\": {}, \"benchmarks\": [1]}", "entry.json", "benchmarks[0] is not an object"},
        bad_input{"{\"context\": {}, \"benchmarks\": [{\"run_name\": \"a\"}]}", "noname.json", "has no \"name\""},
        bad_input{"{\"context\": {}, \"benchmarks\": [{\"name\": 7}]}", "badname.json", "\"name\" is not a string"},
        bad_input{"{\"context\": {}, \"benchmarks\": [{\"name\": \"a\", \"run_type\": \"x\"}]}", "type.json",
                  "unknown run_type 'x'"},
        bad_input{"{\"context\": {}, \"benchmarks\": [{\"name\": \"a\", \"run_type\": \"aggregate\"}]}", "agg.json",
                  "has no \"aggregate_name\""},
        bad_input{"{\"context\": {}, \"benchmarks\": [{\"name\": \"a\", \"repetition_index\": \"0\"}]}", "idx.json",
                  "\"repetition_index\" is not an integer"}));

TEST(CompareBenchJson, FileErrors) {
  temp_dir dir;
  const auto missing = read_bench_file(dir.path("missing.json"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("cannot read"), std::string::npos) << missing.error().message;
  EXPECT_NE(missing.error().message.find("No such file"), std::string::npos) << missing.error().message;

  const auto directory = read_bench_file(dir.path(""));
  ASSERT_FALSE(directory);
  EXPECT_NE(directory.error().message.find("directory"), std::string::npos) << directory.error().message;

  const auto good =
      read_bench_file(dir.write("ok.json", benchmark_json({}, {make_case("a", noisy_repetitions(1, 1, 1, 0))})));
  EXPECT_TRUE(good) << good.error();
  EXPECT_EQ(good.value().source, dir.path("ok.json"));
}

}  // namespace
}  // namespace shield::report
