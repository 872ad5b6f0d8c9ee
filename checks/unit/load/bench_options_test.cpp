// shield_bench's own flags, case planning and filtering, and threshold verdicts per case.

#include "benchmarks/bench/bench_options.hpp"
#include "benchmarks/bench/case_runner.hpp"
#include "support/base/flags.hpp"
#include "support/load/case_counters.hpp"
#include "support/profile/loader.hpp"

#include <gtest/gtest.h>

namespace shield::bench::test {
namespace {

base::result<bench_options> parse(std::vector<std::string> args) { return take_bench_options(args); }

TEST(BenchOptions, DefaultsToTheQuickPresetAndTheCiGate) {
  std::vector<std::string> args{"--benchmark_filter=x", "--target=http://h"};
  const auto r = take_bench_options(args);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->preset, "quick");
  EXPECT_EQ(r->concurrency, (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(r->requests, 15u);
  EXPECT_EQ(r->thresholds, "success_rate>95,mean_ms<2000");
  EXPECT_EQ(r->results_dir, "shield-results");
  EXPECT_EQ(r->filter, "x");
  EXPECT_EQ(args, (std::vector<std::string>{"--target=http://h"})) << "only our flags are taken";
}

TEST(BenchOptions, PresetConcurrencyAndRunLength) {
  auto r = parse({"--preset=heavy"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->concurrency, (std::vector<std::uint32_t>{25}));
  EXPECT_EQ(r->requests, 500u);
  r = parse({"--preset", "light", "--concurrency=1,5,15,25,50", "--requests=7"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->concurrency.size(), 5u);
  EXPECT_EQ(r->requests, 7u);
  r = parse({"--duration=2.5"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->requests, 0u) << "a duration alone ends the run";
  EXPECT_EQ(r->duration, std::chrono::milliseconds(2500));
  r = parse({"--duration=2", "--requests=100", "--rate=250.5", "--io_threads=2", "--monitor", "--repetitions=3"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->requests, 100u);
  EXPECT_EQ(r->rate, 250.5);
  EXPECT_EQ(r->io_threads, 2u);
  EXPECT_TRUE(r->monitor);
  EXPECT_EQ(r->repetitions, 3);
}

TEST(BenchOptions, BadValuesAreUsageErrorsNamingTheFlag) {
  EXPECT_NE(parse({"--preset=huge"}).error().message.find("--preset=huge: expected one of quick"), std::string::npos);
  EXPECT_NE(parse({"--requests=0"}).error().message.find("--requests=0"), std::string::npos);
  EXPECT_NE(parse({"--requests=12abc"}).error().message.find("whole number"), std::string::npos);
  EXPECT_NE(parse({"--duration=-1"}).error().message.find("--duration"), std::string::npos);
  EXPECT_NE(parse({"--rate=fast"}).error().message.find("--rate"), std::string::npos);
  EXPECT_NE(parse({"--io_threads=0"}).error().message.find("--io_threads"), std::string::npos);
  EXPECT_NE(parse({"--concurrency=1,0"}).error().message.find("--concurrency"), std::string::npos);
  EXPECT_NE(parse({"--monitor=maybe"}).error().message.find("true or false"), std::string::npos);
  EXPECT_NE(parse({"--requests=5", "--requests=6"}).error().message.find("given twice"), std::string::npos);
  EXPECT_NE(parse({"--results_dir"}).error().message.find("needs a value"), std::string::npos);
  EXPECT_NE(parse({"--benchmark_format=xml"}).error().message.find("console, json or csv"), std::string::npos);
  EXPECT_TRUE(parse({"--help"})->help);
}

TEST(BenchOptions, PeekingAtGoogleBenchmarkFlags) {
  const std::vector<std::string> args{"--benchmark_list_tests", "--benchmark_out=o.json"};
  EXPECT_TRUE(base::has_switch(args, "benchmark_list_tests"));
  EXPECT_FALSE(base::has_switch({"--benchmark_list_tests=false"}, "benchmark_list_tests"));
  EXPECT_EQ(base::peek_value(args, "benchmark_out"), "o.json");
  EXPECT_EQ(base::peek_value(args, "benchmark_format"), "");
}

profile::target_profile shield_profile() {
  auto loaded = profile::load_profile(SHIELD_DEFAULT_PROFILE);
  EXPECT_TRUE(loaded.has_value());
  return loaded.value();
}

TEST(CasePlan, EveryEndpointAndMixedAtEveryConcurrency) {
  const auto cases = plan_cases(shield_profile(), {1, 15});
  ASSERT_EQ(cases.size(), 12u);
  EXPECT_EQ(cases[0].name, "health/concurrency:1");
  EXPECT_EQ(cases[1].name, "health/concurrency:15");
  EXPECT_EQ(cases.back().name, "mixed/concurrency:15");
  EXPECT_EQ(cases.back().endpoint, "mixed");
}

TEST(CasePlan, FilterWorksLikeGoogleBenchmarks) {
  const auto cases = plan_cases(shield_profile(), {1, 15, 150});
  auto names = [](const base::result<std::vector<case_spec>>& f) {
    std::vector<std::string> out;
    for (const auto& c : f.value()) out.push_back(c.name);
    return out;
  };
  EXPECT_EQ(names(filter_cases(cases, "anonymize/concurrency:15$")),
            (std::vector<std::string>{"anonymize/concurrency:15"}));
  EXPECT_EQ(filter_cases(cases, "")->size(), cases.size());
  EXPECT_EQ(filter_cases(cases, "all")->size(), cases.size());
  EXPECT_EQ(filter_cases(cases, "-concurrency:1$")->size(), cases.size() - 6);
  EXPECT_TRUE(filter_cases(cases, "nothing")->empty());
  EXPECT_NE(filter_cases(cases, "a(").error().message.find("not a valid regular expression"), std::string::npos);
}

TEST(BenchOptions, HonestAccountingFlags) {
  auto r = parse({});
  EXPECT_FALSE(r->retry_idempotent) << "nothing is re-sent by default";
  EXPECT_FALSE(r->skip_preflight);
  EXPECT_EQ(r->warmup.count(), 0);
  EXPECT_EQ(r->keepalive_idle.count(), 0);
  EXPECT_FALSE(r->idle_timeout.has_value());
  r = parse({"--retry=idempotent", "--skip_preflight", "--warmup=1.5", "--keepalive_idle=2", "--idle_timeout=0.25"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->retry_idempotent);
  EXPECT_TRUE(r->skip_preflight);
  EXPECT_EQ(r->warmup, std::chrono::milliseconds(1500));
  EXPECT_EQ(r->keepalive_idle, std::chrono::milliseconds(2000));
  EXPECT_EQ(r->idle_timeout, std::chrono::milliseconds(250));
  EXPECT_NE(parse({"--retry=always"}).error().message.find("--retry=always: expected idempotent"), std::string::npos);
  EXPECT_NE(parse({"--retry="}).error().message.find("expected idempotent"), std::string::npos);
  EXPECT_NE(parse({"--warmup=0"}).error().message.find("--warmup=0: expected seconds"), std::string::npos);
  EXPECT_NE(parse({"--keepalive_idle=x"}).error().message.find("--keepalive_idle"), std::string::npos);
  EXPECT_NE(parse({"--idle_timeout=-2"}).error().message.find("--idle_timeout"), std::string::npos);
  EXPECT_NE(parse({"--skip_preflight=maybe"}).error().message.find("true or false"), std::string::npos);
  // The new counters are valid in threshold rules.
  const std::vector<std::string> endpoints{"health"};
  const auto rules = stats::parse_thresholds("err_not_sent<1,retried<=0,ok_rps>10,connect_max_ms<100",
                                             load::known_counter_names(), endpoints);
  EXPECT_TRUE(rules) << rules.error().message;
}

TEST(Judge, NotSentCountsAgainstTheSuccessRateAndItsOwnRule) {
  const std::vector<std::string> endpoints{"health"};
  const auto rules = stats::parse_thresholds("success_rate>95,err_not_sent<1", load::known_counter_names(), endpoints);
  ASSERT_TRUE(rules) << rules.error().message;
  load::load_result r;
  r.totals = load::tally(1, false);
  r.totals.requests = 10;
  r.totals.ok = 6;
  r.totals.outcomes[load::index_of(load::outcome::ok)].count = 6;
  r.totals.outcomes[load::index_of(load::outcome::not_sent)].count = 4;
  for (int i = 0; i < 6; ++i) r.totals.latency.record(std::uint64_t{1'000'000});
  const auto verdicts = judge(*rules, "health/concurrency:3", "health", r);
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_FALSE(verdicts[0].passed);
  EXPECT_NEAR(verdicts[0].value, 60.0, 1e-9);
  EXPECT_FALSE(verdicts[1].passed);
  EXPECT_EQ(verdicts[1].value, 4.0);
}

TEST(Judge, AppliesScopesAndSkipsStreamRulesForNonStreamCases) {
  const auto profile = shield_profile();
  std::vector<std::string> endpoints;
  for (const auto& e : profile.endpoints) endpoints.push_back(e.name);
  endpoints.push_back("mixed");
  const auto rules = stats::parse_thresholds("success_rate>95,anonymize:p95_ms<500,ttft_p95_ms<100",
                                             load::known_counter_names(), endpoints);
  ASSERT_TRUE(rules) << rules.error();
  load::load_result r;
  r.totals = load::tally(1, false);
  r.totals.requests = 10;
  r.totals.ok = 9;
  r.totals.outcomes[load::index_of(load::outcome::ok)].count = 9;
  for (int i = 0; i < 9; ++i) r.totals.latency.record(std::uint64_t{600'000'000});
  auto verdicts = judge(*rules, "anonymize/concurrency:3", "anonymize", r);
  ASSERT_EQ(verdicts.size(), 2u) << "the stream rule does not apply to a non-streaming case";
  EXPECT_FALSE(verdicts[0].passed);
  EXPECT_EQ(verdicts[0].rule, "success_rate>95");
  EXPECT_NEAR(verdicts[0].value, 90.0, 1e-9);
  EXPECT_NE(verdicts[0].message.find("anonymize/concurrency:3"), std::string::npos) << verdicts[0].message;
  EXPECT_NE(verdicts[0].message.find("success_rate"), std::string::npos);
  EXPECT_NE(verdicts[0].message.find("95"), std::string::npos);
  EXPECT_FALSE(verdicts[1].passed);
  EXPECT_EQ(verdicts[1].rule, "anonymize:p95_ms<500");
  verdicts = judge(*rules, "health/concurrency:3", "health", r);
  ASSERT_EQ(verdicts.size(), 1u) << "the anonymize rule is scoped to anonymize";
  r.totals.stream.emplace();
  r.totals.stream->ttft.record(std::uint64_t{50'000'000});
  verdicts = judge(*rules, "chat_streaming/concurrency:3", "chat_streaming", r);
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_TRUE(verdicts[1].passed) << verdicts[1].message;
}

}  // namespace
}  // namespace shield::bench::test
