// Load shapes: the --stages parser, the rate integral and its inverse, the arrival schedule under a
// changing rate, and the engine's stages (open: due counts per stage; closed: in-flight targets).

#include "checks/unit/load/engine_test_util.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/load/detail/arrival_schedule.hpp"
#include "support/load/load_shape.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <tuple>

namespace shield::load::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_options;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

std::string parse_error(std::string_view spec) {
  auto r = parse_stages(spec);
  return r ? std::string("(parsed)") : r.error().message;
}

TEST(StagesSpec, ParsesDurationsTargetsAndSteps) {
  const auto st = parse_stages("30s:200, 60s:200,10s:800,30s:0,0s:400,500ms:1.5,2m:3,1h:0").value();
  ASSERT_EQ(st.size(), 8u);
  EXPECT_EQ(st[0].duration, seconds(30));
  EXPECT_EQ(st[0].target, 200);
  EXPECT_EQ(st[4].duration, nanoseconds(0)) << "a step";
  EXPECT_EQ(st[4].target, 400);
  EXPECT_EQ(st[5].duration, milliseconds(500));
  EXPECT_EQ(st[5].target, 1.5);
  EXPECT_EQ(st[6].duration, seconds(120));
  EXPECT_EQ(st[7].duration, seconds(3600));
  EXPECT_EQ(to_string(st[0]), "30s:200");
  EXPECT_EQ(to_string(st[5]), "500ms:1.5");
}

TEST(StagesSpec, BadSpecsNameThePart) {
  EXPECT_NE(parse_error("").find("--stages: empty"), std::string::npos);
  EXPECT_NE(parse_error("30s:200,,10s:5").find("stage 2 '': empty stage"), std::string::npos);
  EXPECT_NE(parse_error("-5s:200").find("stage 1 '-5s:200': negative duration '-5s'"), std::string::npos);
  EXPECT_NE(parse_error("5s:-3").find("negative target '-3'"), std::string::npos);
  EXPECT_NE(parse_error("5x:3").find("unknown unit 'x' in duration"), std::string::npos);
  EXPECT_NE(parse_error("5:3").find("needs a unit"), std::string::npos);
  EXPECT_NE(parse_error("5s").find("expected DUR:TARGET"), std::string::npos);
  EXPECT_NE(parse_error("5s:abc").find("target 'abc' is not a number"), std::string::npos);
  EXPECT_NE(parse_error("5s:").find("empty target"), std::string::npos);
  EXPECT_NE(parse_error("5s:2000000").find("target 2000000 over the limit of 1000000"), std::string::npos);
  EXPECT_NE(parse_error("0s:5").find("every stage lasts 0 s"), std::string::npos);
  EXPECT_NE(parse_error("200h:5").find("over the limit of 168 h"), std::string::npos);
}

TEST(LoadShape, PhasesOfTheStages) {
  const load_shape shape(0, parse_stages("8s:10,24s:10,0s:30,8s:30,0s:10,16s:10,5s:0").value());
  EXPECT_EQ(stage_phases(shape),
            (std::vector<std::string>{"rise", "hold", "step", "spike", "step", "hold", "recovery"}));
}

TEST(LoadShape, IntegralAndItsInverse) {
  // 0 -> 100/s over 10 s (500 arrivals), hold 100/s for 5 s (500), step to 400/s for 1 s (400).
  const load_shape shape(0, parse_stages("10s:100,5s:100,0s:400,1s:400").value());
  EXPECT_EQ(shape.length(), seconds(16));
  EXPECT_EQ(shape.peak(), 400);
  EXPECT_NEAR(shape.integral(seconds(10)), 500, 1e-9);
  EXPECT_NEAR(shape.integral(seconds(15)), 1000, 1e-9);
  EXPECT_NEAR(shape.integral(seconds(16)), 1400, 1e-9);
  EXPECT_NEAR(shape.integral(seconds(5)), 125, 1e-9) << "a quarter of the ramp's area";
  EXPECT_EQ(shape.value_at(seconds(5)), 50);
  EXPECT_EQ(shape.value_at(milliseconds(15500)), 400) << "after the step";
  EXPECT_EQ(shape.stage_at(milliseconds(15500)), 3u) << "the 0-length stage holds no time";
  for (double n : {0.5, 1.0, 124.0, 125.0, 499.5, 700.0, 1000.0, 1399.5}) {
    const auto t = shape.time_of(n);
    EXPECT_NEAR(shape.integral(t), n, 1e-5) << n;
  }
  EXPECT_GT(shape.time_of(1401), shape.length()) << "never reached";
  EXPECT_EQ(shape.next_change(seconds(11)), seconds(15)) << "a hold changes at its end";
  EXPECT_EQ(shape.next_change(seconds(1)), milliseconds(1100)) << "a ramp: one unit every 0.1 s";
}

TEST(LoadShape, ScheduleCountsEqualTheIntegralPerStage) {
  const load_shape shape(50, parse_stages("3s:250,2s:250,0s:10,2s:10,1s:0,2s:90").value());
  for (std::uint32_t workers : {1u, 3u}) {
    std::vector<std::uint64_t> per_stage(shape.stages().size(), 0);
    std::set<std::uint64_t> seen;
    std::uint64_t total = 0;
    for (std::uint32_t w = 0; w < workers; ++w) {
      detail::arrival_schedule sched(0, workers, w, 0, {}, &shape);
      nanoseconds previous{-1};
      for (std::uint64_t j = 0; j < sched.size(); ++j) {
        const auto at = sched.offset(j);
        EXPECT_GE(at, previous) << "in time order";
        EXPECT_LT(at, shape.length());
        previous = at;
        ++per_stage[shape.stage_at(at)];
        seen.insert(sched.sequence(j));
        ++total;
      }
    }
    EXPECT_EQ(seen.size(), total) << "each sequence number once";
    for (std::size_t i = 0; i < per_stage.size(); ++i) {
      const double integral = shape.integral(shape.stage_end(i)) - shape.integral(shape.stage_begin(i));
      EXPECT_LE(std::abs(static_cast<double>(per_stage[i]) - integral), 1.0)
          << "stage " << i << ": " << per_stage[i] << " arrivals, integral " << integral;
    }
  }
}

TEST(EngineStages, OpenLoopDueCountsPerStageEqualTheIntegral) {
  misbehaving_server server{server_options{}};
  load_config c;
  c.mode = load_mode::open;
  c.concurrency = 16;
  c.shape = load_shape(0, parse_stages("600ms:300,400ms:300,0s:600,300ms:600,200ms:0").value());
  const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()));
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  ASSERT_EQ(r.stages.size(), 5u);
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    const auto& st = r.stages[i];
    const double integral = c.shape.integral(st.end) - c.shape.integral(st.begin);
    EXPECT_LE(std::abs(static_cast<double>(st.totals.requests) - integral), 1.0) << "stage " << i;
    sum += st.totals.requests;
  }
  EXPECT_EQ(sum, r.totals.requests) << "stages split the totals";
  EXPECT_EQ(r.stages[2].totals.requests, 0u) << "a step holds no time";
  EXPECT_NEAR(r.stages[1].requests_per_second(), 300, 300 * 0.01 + 2.5);
}

TEST(EngineStages, ClosedLoopFollowsTheInFlightTarget) {
  server_options o;
  o.mode = fixtures::server_mode::drip;  // every answer takes a while: in flight stays at the target
  o.body = "0123456789";
  o.interval = milliseconds(1);
  misbehaving_server server(o);
  load_config c;
  c.concurrency = 8;  // the peak
  c.io_threads = 2;
  c.shape = load_shape(2, parse_stages("500ms:2,0s:8,500ms:8,0s:0,300ms:0,0s:4,1s:4").value());

  struct watcher : interval_observer {
    std::vector<std::tuple<std::size_t, std::uint64_t, double>> seen;  // stage, in flight, seconds
    void on_interval(const interval_report& r) override {
      if (!r.final) seen.emplace_back(r.stage, r.in_flight, std::chrono::duration<double>(r.elapsed).count());
    }
  } w;
  c.interval = milliseconds(100);
  const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()), &w);
  ASSERT_TRUE(r.error.empty()) << r.error;
  expect_exact_counts(r);
  EXPECT_LE(r.connections_opened, 8u) << "connections for the peak, opened before the clock";
  ASSERT_EQ(r.stages.size(), 7u);
  EXPECT_GT(r.stages[0].totals.requests, 0u);
  EXPECT_GT(r.stages[2].totals.requests, r.stages[0].totals.requests) << "8 in flight send more than 2";
  EXPECT_EQ(r.stages[4].totals.requests, 0u) << "target 0: every connection parked";
  EXPECT_GT(r.stages[6].totals.requests, 0u) << "parked connections woke up";
  // Requests sent before a target drops finish in their own time (each is a dripped answer).
  for (const auto& [stage, in_flight, at] : w.seen) {
    if (stage == 0) {
      EXPECT_LE(in_flight, 2u) << at;
    }
    if (stage == 6 && at > 2.0) {
      EXPECT_LE(in_flight, 4u) << at;
    }
  }
}

}  // namespace
}  // namespace shield::load::test
