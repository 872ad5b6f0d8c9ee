// The capacity search's decisions against model targets with known capacity (no I/O): the
// bracket holds the capacity within the precision, the broken clause is named, the bounds hold.

#include "benchmarks/bench/capacity_search.hpp"
#include "support/load/case_counters.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <optional>

namespace shield::bench {
namespace {

std::vector<stats::threshold_rule> slo(std::string_view text) {
  const auto& known = load::known_counter_names();
  const std::vector<std::string> endpoints{"anonymize", "health"};
  return stats::parse_thresholds(text, known, endpoints).value();
}

// A target with `capacity` requests/s: p99 is 10 ms below it and grows fast above; with
// `fail_above`, a share of requests above that rate fail (503s).
step_figures model(double rate, double capacity, double fail_above = 1e18) {
  step_figures f;
  const double over = rate / capacity;
  f.counters["p99_ms"] = over <= 1.0 ? 10.0 : 10.0 + 1000.0 * (over - 1.0);
  f.counters["success_rate"] = rate <= fail_above ? 100.0 : 100.0 * fail_above / rate;
  f.counters["ok_rps"] = std::min(rate, capacity);
  f.endpoints["anonymize"] = f.counters;
  f.elapsed = std::chrono::seconds(6);
  return f;
}

TEST(CapacitySearch, FindsAKnownCapacityWithinThePrecision) {
  for (double capacity : {37.0, 400.0, 2750.0}) {
    capacity_options o;
    o.slo = slo("p99_ms<500,success_rate>=99.9");
    o.start_rps = 50;
    o.budget = std::chrono::hours(1);
    o.max_steps = 40;
    const auto out =
        run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "mixed", model(r, capacity)); });
    ASSERT_TRUE(out.highest_ok_rps && out.lowest_broken_rps) << capacity << " " << out.stop_reason;
    EXPECT_LE(*out.highest_ok_rps, capacity * 1.49) << "p99 < 500 holds up to 1.49x in the model";
    EXPECT_GT(*out.lowest_broken_rps, capacity * 1.49);
    EXPECT_LE((*out.lowest_broken_rps - *out.highest_ok_rps) / *out.highest_ok_rps, o.precision);
    EXPECT_EQ(out.broken_clause, "p99_ms<500");
    EXPECT_EQ(out.stop_reason, "precision reached");
  }
}

TEST(CapacitySearch, NamesTheSuccessRateAndTheEndpoint) {
  capacity_options o;
  o.slo = slo("anonymize:p99_ms<500,anonymize:success_rate>=99.9");
  o.budget = std::chrono::hours(1);
  const auto out =
      run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "mixed", model(r, 10000, 300)); });
  ASSERT_TRUE(out.lowest_broken_rps);
  EXPECT_EQ(out.broken_clause, "success_rate>=99.9");
  EXPECT_EQ(out.broken_endpoint, "anonymize");
  EXPECT_GE(*out.lowest_broken_rps, 300);
  EXPECT_LE(*out.highest_ok_rps, 300.0 / 0.999 + 1e-9);
}

TEST(CapacitySearch, ABreakIsConfirmedAndANoisyOneOverruled) {
  capacity_options o;
  o.slo = slo("p99_ms<500");
  o.budget = std::chrono::hours(1);
  o.max_steps = 40;
  bool stalled = false;  // one scheduling stall, at 200/s, the first time only
  const auto out = run_capacity_search(o, [&](double r) {
    auto f = model(r, 400);
    if (r == 200 && !stalled) {
      stalled = true;
      f.counters["p99_ms"] = 900;
    }
    return judge_step(o.slo, r, "x", f);
  });
  ASSERT_TRUE(out.highest_ok_rps && out.lowest_broken_rps);
  EXPECT_GT(*out.highest_ok_rps, 400) << "the noisy break at 200/s did not count";
  ASSERT_GE(out.steps.size(), 4u);
  EXPECT_FALSE(out.steps[2].held);
  EXPECT_TRUE(out.steps[2].overruled);
  EXPECT_TRUE(out.steps[3].repeat);
  EXPECT_TRUE(out.steps[3].held);
  o.confirm_breaks = false;
  stalled = false;
  const auto unconfirmed = run_capacity_search(o, [&](double r) {
    auto f = model(r, 400);
    if (r == 200 && !stalled) {
      stalled = true;
      f.counters["p99_ms"] = 900;
    }
    return judge_step(o.slo, r, "x", f);
  });
  EXPECT_LT(*unconfirmed.lowest_broken_rps, 201) << "without the repeat, the stall decides";
}

TEST(CapacitySearch, StepsAndTimeAreBounded) {
  capacity_options o;
  o.slo = slo("p99_ms<500");
  o.step_length = std::chrono::seconds(6);
  o.budget = std::chrono::seconds(30);  // five steps fit
  const auto out = run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "x", model(r, 1e5)); });
  EXPECT_EQ(out.steps.size(), 5u);
  EXPECT_EQ(out.stop_reason, "time budget");
  EXPECT_EQ(out.elapsed, std::chrono::seconds(30));
  o.budget = std::chrono::hours(1);
  o.max_steps = 3;
  EXPECT_EQ(run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "x", model(r, 1e5)); }).steps.size(),
            3u);
  o.max_steps = 50;
  o.max_rps = 1000;
  const auto capped = run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "x", model(r, 1e5)); });
  EXPECT_EQ(capped.stop_reason, "max_rps held");
  EXPECT_EQ(*capped.highest_ok_rps, 1000);
}

TEST(CapacitySearch, ShrinksWhenTheFirstStepBreaksAndGivesUpAtTheFloor) {
  capacity_options o;
  o.slo = slo("p99_ms<500");
  o.start_rps = 1000;
  o.budget = std::chrono::hours(1);
  o.max_steps = 40;
  const auto out = run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "x", model(r, 20)); });
  ASSERT_TRUE(out.highest_ok_rps);
  EXPECT_LE(*out.highest_ok_rps, 20 * 1.49);
  EXPECT_GT(*out.lowest_broken_rps, 20 * 1.49);
  const auto never = run_capacity_search(o, [&](double r) {
    auto f = model(r, 1);
    f.counters["success_rate"] = 0;
    return judge_step(o.slo, r, "x", f);
  });
  EXPECT_FALSE(never.highest_ok_rps);
  EXPECT_EQ(never.stop_reason, "broke even at the lowest rate");
}

TEST(CapacitySearch, AMissingFigureOrAnEarlyStopBreaks) {
  const auto rules = slo("p99_ms<500");
  step_figures none;
  const auto missing = judge_step(rules, 10, "x", none);
  EXPECT_FALSE(missing.held);
  EXPECT_TRUE(std::isnan(missing.broken_value));
  auto early = model(10, 100);
  early.stopped_early = true;
  EXPECT_FALSE(judge_step(rules, 10, "x", early).held);
  capacity_options o;
  o.slo = rules;
  EXPECT_TRUE(validate(o));
  o.precision = 0;
  EXPECT_NE(validate(o).error().message.find("--capacity_precision"), std::string::npos);
  o.precision = 0.05;
  o.slo.clear();
  EXPECT_NE(validate(o).error().message.find("--slo"), std::string::npos);
}

// Steps of a search for `capacity` (p99 < 500 breaks at 1.49x it) seeded at `seed`, or unseeded.
capacity_outcome seeded_search(double capacity, std::optional<double> seed) {
  capacity_options o;
  o.slo = slo("p99_ms<500");
  o.start_rps = 50;
  o.seed_rps = seed;
  o.budget = std::chrono::hours(1);
  o.max_steps = 40;
  return run_capacity_search(o, [&](double r) { return judge_step(o.slo, r, "x", model(r, capacity)); });
}

TEST(CapacitySearch, ASeedNearTheCapacityTakesFewerSteps) {
  const double capacity = 400, limit = capacity * 1.49;  // the rate where p99 < 500 breaks
  const auto unseeded = seeded_search(capacity, std::nullopt);
  for (double off : {1.0, 0.9, 1.1, 0.5, 2.0}) {
    const auto seeded = seeded_search(capacity, limit * off);
    ASSERT_TRUE(seeded.highest_ok_rps && seeded.lowest_broken_rps) << off;
    EXPECT_LE(*seeded.highest_ok_rps, limit);
    EXPECT_GT(*seeded.lowest_broken_rps, limit);
    EXPECT_LE((*seeded.lowest_broken_rps - *seeded.highest_ok_rps) / *seeded.highest_ok_rps, 0.05 + 1e-9);
    std::cout << "seed " << off << "x the limit: " << seeded.steps.size() << " steps (unseeded "
              << unseeded.steps.size() << ")\n";
    // Near the limit it is much quicker; a seed off by 2x costs a few steps more.
    if (off >= 0.9 && off <= 1.1) {
      EXPECT_LE(seeded.steps.size() + 4, unseeded.steps.size()) << off;
    }
    EXPECT_LE(seeded.steps.size(), unseeded.steps.size() + 4) << off;
  }
  EXPECT_DOUBLE_EQ(seeded_search(capacity, 500.0).steps.front().offered_rps, 487.5) << "half the precision under";
}

}  // namespace
}  // namespace shield::bench
