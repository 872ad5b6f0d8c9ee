#include "support/report/compare/compare_cases.hpp"

#include "checks/unit/compare/test_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace shield::report {
namespace {

using compare_test::benchmark_json;
using compare_test::counters;
using compare_test::http_counters;
using compare_test::make_case;
using compare_test::noisy_repetitions;
using compare_test::synthetic_case;
using compare_test::synthetic_context;

bench_run run_of(const std::vector<synthetic_case>& cases, const synthetic_context& ctx = {},
                 const std::string& name = "run.json") {
  auto read = parse_bench_json(benchmark_json(ctx, cases), name);
  EXPECT_TRUE(read) << read.error();
  return read ? *read : bench_run{};
}

const counter_row* row_named(const case_comparison& c, std::string_view name) {
  const auto it = std::find_if(c.rows.begin(), c.rows.end(), [&](const counter_row& r) { return r.spec.name == name; });
  return it == c.rows.end() ? nullptr : &*it;
}

bool mentions(const std::vector<std::string>& lines, std::string_view text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

const std::string anonymize = "anonymize/concurrency:15";
const std::string health = "health/concurrency:3";

TEST(CompareCases, SameAgainstSameIsSame) {
  const auto base = run_of({make_case(anonymize, noisy_repetitions(5, 200.0, 40.0, 0.05)),
                            make_case(health, noisy_repetitions(5, 900.0, 3.0, 0.05))});
  const auto result = compare_runs(base, base, {});
  ASSERT_TRUE(result) << result.error();
  const auto& r = result.value();
  ASSERT_EQ(r.cases.size(), 2u);
  EXPECT_FALSE(r.has_regression());
  EXPECT_EQ(r.count(verdict::same), 2u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_TRUE(r.only_in_base.empty() && r.only_in_contender.empty());
  for (const auto& c : r.cases) {
    EXPECT_TRUE(c.statistical);
    EXPECT_TRUE(c.reasons.empty());
    EXPECT_EQ(c.base_repetitions, 5u);
    for (const auto& row : c.rows) {
      ASSERT_TRUE(row.test) << row.spec.name;
      EXPECT_DOUBLE_EQ(row.change_percent, 0.0);
      EXPECT_FALSE(row.significant);
    }
  }
  EXPECT_EQ(statistics_note(r), "");
}

TEST(CompareCases, SlowerContenderRegressesNamingCounterAndP) {
  const auto base = run_of({make_case(anonymize, noisy_repetitions(5, 200.0, 40.0, 0.02)),
                            make_case(health, noisy_repetitions(5, 900.0, 3.0, 0.02))});
  // Anonymize 20% slower in throughput, latency up 25%; health unchanged.
  const auto contender = run_of({make_case(anonymize, noisy_repetitions(5, 160.0, 50.0, 0.02)),
                                 make_case(health, noisy_repetitions(5, 900.0, 3.0, 0.02))});
  const auto result = compare_runs(base, contender, {});
  ASSERT_TRUE(result) << result.error();
  const auto& r = result.value();
  EXPECT_TRUE(r.has_regression());
  EXPECT_EQ(r.count(verdict::regressed), 1u);
  const case_comparison& c = r.cases.at(0);
  EXPECT_EQ(c.run_name, anonymize);
  EXPECT_EQ(c.result, verdict::regressed);
  const counter_row* rps = row_named(c, "rps");
  ASSERT_NE(rps, nullptr);
  EXPECT_NEAR(rps->change_percent, -20.0, 1e-9);
  ASSERT_TRUE(rps->test);
  EXPECT_NEAR(rps->test->p_value, 2.0 / 252.0, 1e-12);  // complete separation, 5 vs 5
  EXPECT_EQ(rps->effect, counter_effect::worse);
  EXPECT_TRUE(mentions(c.reasons, "rps 200.0 -> 160.0 (-20.0%, p=0.0079)")) << c.reasons.at(0);
  EXPECT_TRUE(mentions(c.reasons, "mean_ms"));
  EXPECT_TRUE(mentions(c.reasons, "p95_ms"));
  EXPECT_TRUE(mentions(c.reasons, "p99_ms"));
  EXPECT_EQ(r.cases.at(1).result, verdict::same);
}

TEST(CompareCases, FasterContenderImproves) {
  const auto base = run_of({make_case(anonymize, noisy_repetitions(5, 200.0, 40.0, 0.02))});
  const auto contender = run_of({make_case(anonymize, noisy_repetitions(5, 240.0, 30.0, 0.02))});
  const auto result = compare_runs(base, contender, {});
  ASSERT_TRUE(result) << result.error();
  const case_comparison& c = result.value().cases.at(0);
  EXPECT_EQ(c.result, verdict::improved);
  EXPECT_FALSE(result.value().has_regression());
  EXPECT_EQ(row_named(c, "rps")->effect, counter_effect::better);
  EXPECT_EQ(row_named(c, "mean_ms")->effect, counter_effect::better);
  EXPECT_TRUE(mentions(c.reasons, "rps 200.0 -> 240.0 (+20.0%"));
}

// An 8% median drop is beyond the 5% margin but inside a 30% spread: the U test calls it noise.
TEST(CompareCases, NoiseWithinSpreadIsSameWithRepetitionsButNotWithout) {
  const auto base = run_of({make_case(anonymize, noisy_repetitions(5, 200.0, 40.0, 0.3))});
  const auto contender = run_of({make_case(anonymize, noisy_repetitions(5, 184.0, 40.0 / 0.92, 0.3))});
  const auto statistical = compare_runs(base, contender, {});
  ASSERT_TRUE(statistical) << statistical.error();
  const case_comparison& c = statistical.value().cases.at(0);
  const counter_row* rps = row_named(c, "rps");
  ASSERT_NE(rps, nullptr);
  EXPECT_LT(rps->change_percent, -5.0);
  ASSERT_TRUE(rps->test);
  EXPECT_GT(rps->test->p_value, 0.05);
  EXPECT_EQ(c.result, verdict::same);

  // One repetition a side: the plain threshold decides, and says so.
  const auto base1 = run_of({make_case(anonymize, noisy_repetitions(1, 200.0, 40.0, 0.3))});
  const auto contender1 = run_of({make_case(anonymize, noisy_repetitions(1, 184.0, 40.0 / 0.92, 0.3))});
  const auto plain = compare_runs(base1, contender1, {});
  ASSERT_TRUE(plain) << plain.error();
  const case_comparison& p = plain.value().cases.at(0);
  EXPECT_FALSE(p.statistical);
  EXPECT_FALSE(row_named(p, "rps")->test);
  EXPECT_EQ(p.result, verdict::regressed);
  EXPECT_TRUE(mentions(p.reasons, "rps 200.0 -> 184.0 (-8.0%, no test)"));
  EXPECT_NE(statistics_note(plain.value()).find("1 of 1 cases"), std::string::npos);
  EXPECT_NE(statistics_note(plain.value()).find("not a statistical test"), std::string::npos);

  // A wider margin lets the same drop pass.
  compare_options lenient;
  lenient.max_rps_drop = 10.0;
  EXPECT_EQ(compare_runs(base1, contender1, lenient).value().cases.at(0).result, verdict::same);
}

TEST(CompareCases, LowSuccessRateRegressesEvenWithoutSignificance) {
  const auto base = run_of({make_case(anonymize, noisy_repetitions(5, 200.0, 40.0, 0.05))});
  const auto contender = run_of({make_case(anonymize, noisy_repetitions(5, 200.0, 40.0, 0.05, 90.0))});
  const auto result = compare_runs(base, contender, {});
  const case_comparison& c = result.value().cases.at(0);
  EXPECT_EQ(c.result, verdict::regressed);
  EXPECT_TRUE(mentions(c.reasons, "success_rate 100.0 -> 90.00 (below the 95% minimum)"));

  compare_options lower;
  lower.min_success_rate = 85.0;
  EXPECT_EQ(compare_runs(base, contender, lower).value().cases.at(0).result, verdict::same);
}

TEST(CompareCases, RegressionWinsOverImprovement) {
  // More throughput but a much worse tail.
  std::vector<counters> faster_but_spiky;
  for (int i = 0; i < 5; ++i) faster_but_spiky.push_back(http_counters(260.0 + i, 40.0, 80.0, 400.0 + i, 100.0));
  std::vector<counters> steady;
  for (int i = 0; i < 5; ++i)
    steady.push_back(http_counters(200.0 + i, 40.0 + i * 0.1, 80.0 + i * 0.1, 120.0 + i, 100.0));
  const auto result =
      compare_runs(run_of({make_case(anonymize, steady)}), run_of({make_case(anonymize, faster_but_spiky)}), {});
  const case_comparison& c = result.value().cases.at(0);
  EXPECT_EQ(c.result, verdict::regressed);
  EXPECT_TRUE(mentions(c.reasons, "p99_ms"));
  EXPECT_FALSE(mentions(c.reasons, "rps"));
  EXPECT_EQ(row_named(c, "rps")->effect, counter_effect::better);
}

TEST(CompareCases, CasesOnlyInOneRunAreListed) {
  const auto base = run_of({make_case("a/concurrency:1", noisy_repetitions(1, 10, 1, 0)),
                            make_case("b/concurrency:1", noisy_repetitions(1, 10, 1, 0))});
  const auto contender = run_of({make_case("b/concurrency:1", noisy_repetitions(1, 10, 1, 0)),
                                 make_case("c/concurrency:1", noisy_repetitions(1, 10, 1, 0))});
  const auto result = compare_runs(base, contender, {});
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result.value().only_in_base, std::vector<std::string>{"a/concurrency:1"});
  EXPECT_EQ(result.value().only_in_contender, std::vector<std::string>{"c/concurrency:1"});
  ASSERT_EQ(result.value().cases.size(), 1u);
  EXPECT_EQ(result.value().cases[0].run_name, "b/concurrency:1");
}

TEST(CompareCases, NoCaseInCommonIsAnError) {
  const auto base = run_of({make_case("a/concurrency:1", noisy_repetitions(1, 10, 1, 0))}, {}, "base.json");
  const auto contender = run_of({make_case("c/concurrency:1", noisy_repetitions(1, 10, 1, 0))}, {}, "new.json");
  const auto result = compare_runs(base, contender, {});
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("no case in common"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("a/concurrency:1"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("new.json"), std::string::npos) << result.error().message;
}

TEST(CompareCases, WarnsWhenMachinesOrBuildsDiffer) {
  const std::vector<synthetic_case> cases{make_case(anonymize, noisy_repetitions(1, 10, 1, 0))};
  synthetic_context other;
  other.host_name = "laptop";
  other.num_cpus = 16;
  other.shield_build_type = "Debug";
  other.library_build_type = "debug";
  const auto result = compare_runs(run_of(cases), run_of(cases, other), {});
  ASSERT_TRUE(result);
  const auto& w = result.value().warnings;
  EXPECT_TRUE(mentions(w, "different machines: host_name 'ci-runner-1' (base) vs 'laptop' (contender)"));
  EXPECT_TRUE(mentions(w, "num_cpus 2 (base) vs 16 (contender)"));
  EXPECT_TRUE(mentions(w, "shield_build_type 'RelWithDebInfo' (base) vs 'Debug'"));
  EXPECT_TRUE(mentions(w, "library_build_type 'release' (base) vs 'debug'"));
  EXPECT_FALSE(result.value().has_regression());  // a warning, not a failure
}

TEST(CompareCases, WarnsWhenRepetitionsCannotReachSignificance) {
  const auto base = run_of({make_case(anonymize, noisy_repetitions(2, 200.0, 40.0, 0.01))});
  const auto contender = run_of({make_case(anonymize, noisy_repetitions(2, 100.0, 80.0, 0.01))});
  const auto result = compare_runs(base, contender, {});
  const auto& r = result.value();
  EXPECT_EQ(r.cases.at(0).result, verdict::same);  // halved, yet p >= 1/3 with 2 vs 2
  EXPECT_TRUE(mentions(r.warnings, "with 2 vs 2 repetitions no change can reach p < 0.05"));
  EXPECT_TRUE(mentions(r.warnings, "--benchmark_repetitions=4"));

  // Four a side is enough: no warning, and the halving regresses.
  const auto result4 = compare_runs(run_of({make_case(anonymize, noisy_repetitions(4, 200.0, 40.0, 0.01))}),
                                    run_of({make_case(anonymize, noisy_repetitions(4, 100.0, 80.0, 0.01))}), {});
  EXPECT_TRUE(result4.value().warnings.empty());
  EXPECT_EQ(result4.value().cases.at(0).result, verdict::regressed);
}

TEST(CompareCases, FailedRunsAndOneSidedCounters) {
  synthetic_case broken = make_case(anonymize, noisy_repetitions(3, 200.0, 40.0, 0.0));
  broken.error = "target unreachable";
  const synthetic_case good = make_case(anonymize, noisy_repetitions(3, 200.0, 40.0, 0.0));

  const auto contender_failed = compare_runs(run_of({good}), run_of({broken}), {});
  const case_comparison& cf = contender_failed.value().cases.at(0);
  EXPECT_EQ(cf.result, verdict::regressed);
  EXPECT_TRUE(mentions(cf.reasons, "contender: 3 of 3 repetitions failed: target unreachable"));

  const auto base_failed = compare_runs(run_of({broken}), run_of({good}), {});
  const case_comparison& bf = base_failed.value().cases.at(0);
  EXPECT_EQ(bf.result, verdict::same);
  EXPECT_TRUE(mentions(bf.notes, "base: 3 of 3 repetitions failed"));

  // Stream measures in the contender only: shown as a note, never gating.
  auto streaming = noisy_repetitions(3, 200.0, 40.0, 0.0);
  for (auto& rep : streaming) {
    rep["tokens_per_s"] = 50.0;
    rep["ttft_p95_ms"] = 120.0;
  }
  const auto stream = compare_runs(run_of({good}), run_of({make_case(anonymize, streaming)}), {});
  const case_comparison& sc = stream.value().cases.at(0);
  EXPECT_EQ(sc.result, verdict::same);
  EXPECT_TRUE(mentions(sc.notes, "tokens_per_s only in the contender: no data in the base"));

  // A contender with no successful request has no latency counters: no data, and it regresses
  // on its success rate, never on a made-up latency.
  auto all_failed = noisy_repetitions(3, 200.0, 40.0, 0.0, 0.0);
  for (auto& rep : all_failed) {
    for (const char* k : {"mean_ms", "p50_ms", "p95_ms", "p99_ms"}) rep.erase(k);
  }
  const auto failed = compare_runs(run_of({good}), run_of({make_case(anonymize, all_failed)}), {});
  const case_comparison& fc = failed->cases.at(0);
  EXPECT_EQ(fc.result, verdict::regressed);
  EXPECT_TRUE(mentions(fc.notes, "p95_ms only in the base: no data in the contender"));
  EXPECT_EQ(row_named(fc, "p95_ms"), nullptr);
  EXPECT_EQ(row_named(sc, "tokens_per_s"), nullptr);

  // Present on both sides: a displayed row with its own test, outside the verdict.
  auto slower_stream = streaming;
  for (auto& rep : slower_stream) rep["tokens_per_s"] = 10.0;
  const auto both =
      compare_runs(run_of({make_case(anonymize, streaming)}), run_of({make_case(anonymize, slower_stream)}), {});
  const case_comparison& bc = both.value().cases.at(0);
  const counter_row* tps = row_named(bc, "tokens_per_s");
  ASSERT_NE(tps, nullptr);
  EXPECT_NEAR(tps->change_percent, -80.0, 1e-9);
  EXPECT_EQ(tps->effect, counter_effect::none);
  EXPECT_EQ(bc.result, verdict::same);
}

}  // namespace
}  // namespace shield::report
