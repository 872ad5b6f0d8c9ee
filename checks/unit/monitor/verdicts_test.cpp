#include "support/monitor/verdicts.hpp"

#include "checks/unit/monitor/monitor_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace shield::monitor {
namespace {

using testing::client_sample;

// idle (2 samples) then load (n samples), 1 s apart, with backend request rates.
std::vector<series_sample> rate_series(double idle_rate, double load_rate, int load_samples) {
  std::vector<series_sample> out;
  int t = 0;
  for (int i = 0; i < 2; ++i) {
    out.push_back(client_sample(++t, "idle", 0));
    if (i > 0) out.back().target.rates.requests_per_second = idle_rate;
  }
  for (int i = 0; i < load_samples; ++i) {
    out.push_back(client_sample(++t, "load", 50));
    out.back().target.rates.requests_per_second = load_rate + (i % 2 == 0 ? 1.0 : -1.0);
  }
  return out;
}

TEST(RequestRateVerdict, RoseFromTheIdleStart) {
  const verdict v = check_request_rate(rate_series(0.5, 40.0, 10), {});
  EXPECT_EQ(v.status, verdict_status::ok) << v.detail;
  EXPECT_EQ(v.name, "request_rate_rose");
}

TEST(RequestRateVerdict, FlatRateFails) {
  const verdict_options options;
  // Load mean equal to the start's: below the required rise.
  const verdict v = check_request_rate(rate_series(20.0, 20.0, 10), options);
  EXPECT_EQ(v.status, verdict_status::fail) << v.detail;
  const verdict barely = check_request_rate(rate_series(20.0, 20.0 * (1.0 + options.rate_rise_min) + 0.5, 10), options);
  EXPECT_EQ(barely.status, verdict_status::ok) << barely.detail;
}

TEST(RequestRateVerdict, UnknownWithoutBaselineOrMetric) {
  std::vector<series_sample> no_idle = rate_series(1.0, 40.0, 6);
  no_idle.erase(no_idle.begin(), no_idle.begin() + 2);
  EXPECT_EQ(check_request_rate(no_idle, {}).status, verdict_status::unknown);
  std::vector<series_sample> no_metric = rate_series(1.0, 40.0, 6);
  for (series_sample& s : no_metric) s.target.rates.requests_per_second.reset();
  EXPECT_EQ(check_request_rate(no_metric, {}).status, verdict_status::unknown);
}

TEST(RequestRateVerdict, UnlabelledRunComparesWithItsFirstReading) {
  std::vector<series_sample> run;
  for (int i = 1; i <= 6; ++i) {
    run.push_back(client_sample(i, "", 10));
    run.back().target.rates.requests_per_second = i == 1 ? 2.0 : 30.0;
  }
  EXPECT_EQ(check_request_rate(run, {}).status, verdict_status::ok);
  for (series_sample& s : run) s.target.rates.requests_per_second = 30.0;
  EXPECT_EQ(check_request_rate(run, {}).status, verdict_status::fail);
}

// Nine load samples: p95 at base in the first two thirds, then `last` in the final third.
std::vector<series_sample> latency_series(double base, double last) {
  std::vector<series_sample> out;
  out.push_back(client_sample(1, "warmup", 10, 5 * base));  // outside the load phase: ignored
  for (int i = 0; i < 9; ++i) out.push_back(client_sample(2 + i, "load", 10, i < 6 ? base + (i % 3) : last + (i % 3)));
  out.push_back(client_sample(11, "cooldown", 0, 10 * base));
  return out;
}

TEST(ResponseTimeVerdict, StableDriftIsOk) {
  const verdict v = check_response_time(latency_series(100.0, 110.0), {});
  EXPECT_EQ(v.status, verdict_status::ok) << v.detail;
  EXPECT_NE(v.detail.find("+10%"), std::string::npos) << v.detail;
}

TEST(ResponseTimeVerdict, DriftAboveFiftyPercentWarnsAboveHundredFails) {
  const verdict_options options;
  const double base = 100.0;
  EXPECT_EQ(check_response_time(latency_series(base, base * (1 + options.p95_drift_warn) + 10), options).status,
            verdict_status::warn);
  EXPECT_EQ(check_response_time(latency_series(base, base * (1 + options.p95_drift_fail) + 10), options).status,
            verdict_status::fail);
  EXPECT_EQ(check_response_time(latency_series(base, base * 0.5), options).status, verdict_status::ok);
}

TEST(ResponseTimeVerdict, AShapeIsJudgedOverItsHoldStages) {
  // Ramp, hold at 20 ms, spike at 200 ms, hold again at 21 ms: stable, though the spike is slow.
  std::vector<series_sample> run;
  const std::pair<const char*, double> phases[] = {
      {"load:rise", 5},    {"load:rise", 10},   {"load:hold", 20}, {"load:hold", 20}, {"load:hold", 20},
      {"load:spike", 200}, {"load:spike", 200}, {"load:hold", 21}, {"load:hold", 21}, {"load:hold", 21}};
  double t = 0;
  for (const auto& [phase, p95] : phases) {
    run.push_back(client_sample(++t, phase, 100));
    run.back().client.p95_ms = p95;
  }
  const verdict v = check_response_time(run, {});
  EXPECT_EQ(v.status, verdict_status::ok) << v.detail;
  EXPECT_NE(v.detail.find("over the hold stages"), std::string::npos) << v.detail;
  EXPECT_EQ(load_samples(run, {}).size(), run.size()) << "every stage is part of the load phase";
  // Judged over the whole load phase, the rise-to-hold change alone would fail it.
  for (auto& s : run) s.phase = "load";
  EXPECT_EQ(check_response_time(run, {}).status, verdict_status::fail);
}

TEST(ResponseTimeVerdict, TooFewReadingsIsUnknown) {
  std::vector<series_sample> two{client_sample(1, "load", 5, 10.0), client_sample(2, "load", 5, 90.0),
                                 client_sample(3, "load", 0)};
  EXPECT_EQ(check_response_time(two, {}).status, verdict_status::unknown);
}

std::vector<series_sample> cpu_series(const std::vector<double>& cpu) {
  std::vector<series_sample> out;
  for (std::size_t i = 0; i < cpu.size(); ++i) {
    out.push_back(client_sample(static_cast<double>(i + 1), "load", 10));
    out.back().target.values.cpu_percent = cpu[i];
  }
  return out;
}

TEST(CpuVerdict, BelowEightyIsOk) {
  EXPECT_EQ(check_cpu(cpu_series({20, 45, 79.9, 60}), {}, 2).status, verdict_status::ok);
}

TEST(CpuVerdict, EightyToNinetyWarnsAndAShortSpikeOnlyWarns) {
  EXPECT_EQ(check_cpu(cpu_series({40, 85, 50, 60}), {}, 2).status, verdict_status::warn);
  EXPECT_EQ(check_cpu(cpu_series({40, 97, 95, 50, 60}), {}, 2).status, verdict_status::warn);
}

TEST(CpuVerdict, SustainedAboveNinetyFails) {
  const verdict v = check_cpu(cpu_series({40, 92, 95, 91, 60}), {}, 2);
  EXPECT_EQ(v.status, verdict_status::fail) << v.detail;
  EXPECT_NE(v.detail.find("sustained (3 readings) 91.0%"), std::string::npos) << v.detail;
}

TEST(CpuVerdict, LocalProcessFallbackIsShareOfTheMachine) {
  std::vector<series_sample> run = cpu_series({0, 0, 0, 0});
  for (series_sample& s : run) {
    s.target.values.cpu_percent.reset();
    s.local.watched = true;
    s.local.cpu_percent = 190.0;  // 1.9 of 2 cores = 95% of the machine
  }
  EXPECT_EQ(check_cpu(run, {}, 2).status, verdict_status::fail);
  EXPECT_EQ(check_cpu(run, {}, 4).status, verdict_status::ok);  // 47.5% of 4 cores
  for (series_sample& s : run) s.local.cpu_percent.reset();
  EXPECT_EQ(check_cpu(run, {}, 2).status, verdict_status::unknown);
}

// Load phase of n intervals, 1,000 requests each; RSS = base + slope per 1,000 requests + noise.
std::vector<series_sample> memory_series(int n, double slope_per_1000, double noise_bytes, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> noise(-noise_bytes, noise_bytes);
  std::vector<series_sample> out;
  out.push_back(client_sample(1, "warmup", 1000));
  double cumulative = 1000;
  for (int i = 0; i < n; ++i) {
    out.push_back(client_sample(2 + i, "load", 1000));
    cumulative += 1000;
    out.back().local.watched = true;
    out.back().local.rss_bytes = static_cast<std::uint64_t>(200e6 + slope_per_1000 * cumulative / 1000.0 + noise(rng));
  }
  return out;
}

TEST(MemoryVerdict, LeakSeriesRaisesTheFlag) {
  const verdict_options options;
  const double slope = 4 * options.leak_bytes_per_1000;
  const auto run = memory_series(40, slope, 100e3, 11);
  const memory_growth growth = fit_memory_growth(run, options);
  ASSERT_TRUE(growth.fit.has_value());
  EXPECT_EQ(growth.source, "local_rss");
  EXPECT_NEAR(growth.fit->slope, slope, 0.1 * slope);
  EXPECT_TRUE(growth.leak);
  EXPECT_EQ(check_memory_growth(run, options).status, verdict_status::fail);
}

TEST(MemoryVerdict, FlatNoisySeriesDoesNot) {
  const verdict_options options;
  const auto run = memory_series(40, 0.0, 1e6, 12);
  const memory_growth growth = fit_memory_growth(run, options);
  ASSERT_TRUE(growth.fit.has_value());
  EXPECT_FALSE(growth.leak) << growth.fit->slope;
  EXPECT_LT(std::abs(growth.fit->slope), options.leak_bytes_per_1000);
  EXPECT_EQ(check_memory_growth(run, options).status, verdict_status::ok);
}

TEST(MemoryVerdict, EarlyGrowthBeforeTheSteadyPartIsIgnored) {
  verdict_options options;
  auto run = memory_series(20, 0.0, 0.0, 13);
  // Caches fill during the first 20% of the load phase (samples 1..4 of 20), then stay flat.
  for (int i = 0; i < 4; ++i)
    *run[1 + static_cast<std::size_t>(i)].local.rss_bytes -= static_cast<std::uint64_t>((4 - i) * 40e6);
  const memory_growth steady = fit_memory_growth(run, options);
  ASSERT_TRUE(steady.fit.has_value());
  EXPECT_EQ(steady.points, 16U);
  EXPECT_FALSE(steady.leak);
  // Judged from the start, the whole slope is far over the threshold, but the halves show it levelled off.
  options.steady_skip_fraction = 0.0;
  const memory_growth whole = fit_memory_growth(run, options);
  ASSERT_TRUE(whole.fit.has_value());
  EXPECT_GT(whole.fit->slope, options.leak_bytes_per_1000);
  EXPECT_FALSE(whole.leak);
  EXPECT_LE(whole.second->slope, options.leak_bytes_per_1000);
}

// 1 s samples of a load phase (after one warm-up sample) with `rps` requests per second and the
// backend's RSS given by memory(t) plus uniform noise of +/- noise_bytes.
template <typename Memory>
std::vector<series_sample> timed_memory_series(int seconds, std::uint64_t rps, Memory memory, double noise_bytes,
                                               unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> noise(-noise_bytes, noise_bytes);
  std::vector<series_sample> out;
  out.push_back(client_sample(1, "warmup", rps));
  for (int i = 1; i <= seconds; ++i) {
    out.push_back(client_sample(1 + i, "load", rps));
    out.back().local.watched = true;
    out.back().local.rss_bytes = static_cast<std::uint64_t>(memory(static_cast<double>(i)) + noise(rng));
  }
  return out;
}

TEST(MemoryVerdict, WarmUpThenPlateauIsNotALeak) {
  // The false alarm of the issue: a Python backend going 41.8 -> 43.8 MB and flattening, at 125 requests/s.
  const verdict_options options;
  const auto run = timed_memory_series(
      30, 125, [](double t) { return 41.8e6 + 2.0e6 * (1.0 - std::exp(-t / 5.0)); }, 16e3, 21);
  const memory_growth growth = fit_memory_growth(run, options);
  ASSERT_TRUE(growth.fit.has_value());
  EXPECT_GT(growth.fit->slope, options.leak_bytes_per_1000) << "a single slope would have called it a leak";
  EXPECT_LT(growth.second->slope, options.leak_sustain_ratio * growth.first->slope);
  EXPECT_FALSE(growth.leak);
  const verdict v = check_memory_growth(run, options);
  EXPECT_EQ(v.status, verdict_status::ok) << v.detail;
  EXPECT_NE(v.detail.find("levelled off"), std::string::npos) << v.detail;
  EXPECT_NE(v.detail.find("halves"), std::string::npos) << "the figures used are reported: " << v.detail;
}

TEST(MemoryVerdict, Constant4KiBPerRequestOver30SecondsFails) {
  const verdict_options options;
  const double per_request = 4096.0;
  const std::uint64_t rps = 200;
  const auto run = timed_memory_series(
      30, rps, [&](double t) { return 50e6 + per_request * static_cast<double>(rps) * t; }, 64e3, 22);
  const memory_growth growth = fit_memory_growth(run, options);
  ASSERT_TRUE(growth.fit.has_value());
  EXPECT_NEAR(growth.fit->slope, per_request * 1000, 0.05 * per_request * 1000);
  EXPECT_TRUE(growth.leak);
  const verdict v = check_memory_growth(run, options);
  EXPECT_EQ(v.status, verdict_status::fail) << v.detail;
  EXPECT_NE(v.detail.find("3.9 MiB per 1,000 requests"), std::string::npos) << v.detail;  // 4,000 KiB
}

TEST(MemoryVerdict, AShortRunCannotTellWarmUpFromALeak) {
  // 8 s of a Python-like warm-up (2 MB rising over ~10 s at 125/s): still rising steadily when the run ends.
  const verdict_options options;
  const auto warmup = [](double t) { return 41.8e6 + 2.0e6 * (1.0 - std::exp(-t / 10.0)); };
  const verdict short_run = check_memory_growth(timed_memory_series(8, 125, warmup, 4e3, 31), options);
  EXPECT_EQ(short_run.status, verdict_status::unknown) << short_run.detail;
  EXPECT_NE(short_run.detail.find("growing; too short to tell warm-up from a leak: run at least 20 s"),
            std::string::npos)
      << short_run.detail;
  // The same backend over 60 s levels off: ok.
  const verdict long_run = check_memory_growth(timed_memory_series(60, 125, warmup, 4e3, 32), options);
  EXPECT_EQ(long_run.status, verdict_status::ok) << long_run.detail;
  // A planted 60 MiB per 1,000 requests is too fast for any warm-up: it fails in 8 s too.
  const double per_1000 = 60.0 * 1024 * 1024;
  const auto leak = [&](double t) { return 50e6 + per_1000 * 0.125 * t; };
  const verdict fast = check_memory_growth(timed_memory_series(8, 125, leak, 64e3, 33), options);
  EXPECT_EQ(fast.status, verdict_status::fail) << fast.detail;
  EXPECT_NE(fast.detail.find("too fast to be warm-up"), std::string::npos) << fast.detail;
  // A slow steady leak (1 MiB per 1,000) needs the long run to be called one.
  const auto slow = [&](double t) { return 50e6 + 1024.0 * 1024 * 0.125 * t; };
  EXPECT_EQ(check_memory_growth(timed_memory_series(8, 125, slow, 4e3, 34), options).status, verdict_status::unknown);
  EXPECT_EQ(check_memory_growth(timed_memory_series(60, 125, slow, 4e3, 35), options).status, verdict_status::fail);
}

TEST(MemoryVerdict, NoiseIsOk) {
  // +/- 2 MB of allocator noise around a flat line, at a low request rate where one sample's noise
  // alone is a slope far over the threshold.
  const verdict_options options;
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const auto run = timed_memory_series(
        30, 100, [](double) { return 80e6; }, 2e6, seed);
    const verdict v = check_memory_growth(run, options);
    EXPECT_EQ(v.status, verdict_status::ok) << "seed " << seed << ": " << v.detail;
  }
}

TEST(MemoryVerdict, GrowthThatSlowsButGoesOnWarns) {
  // Leaking fast in the first half and at a third of that rate in the second: still growing, not steady.
  const verdict_options options;
  const auto run = timed_memory_series(
      30, 200, [](double t) { return 50e6 + (t <= 18 ? 3e6 * t : 54e6 + 1e6 * (t - 18)); }, 0.0, 23);
  const memory_growth growth = fit_memory_growth(run, options);
  ASSERT_TRUE(growth.fit.has_value());
  EXPECT_TRUE(growth.growing);
  EXPECT_FALSE(growth.leak);
  EXPECT_EQ(check_memory_growth(run, options).status, verdict_status::warn);
}

TEST(MemoryVerdict, TargetMemoryIsTheFallbackAndTooLittleIsUnknown) {
  const verdict_options options;
  auto run = memory_series(10, 10 * options.leak_bytes_per_1000, 0.0, 14);
  for (series_sample& s : run) {
    if (s.local.rss_bytes) s.target.values.memory_bytes = static_cast<double>(*s.local.rss_bytes);
    s.local.rss_bytes.reset();
  }
  const memory_growth growth = fit_memory_growth(run, options);
  EXPECT_EQ(growth.source, "target_memory");
  EXPECT_TRUE(growth.leak);
  run.resize(4);
  EXPECT_EQ(check_memory_growth(run, options).status, verdict_status::unknown);
}

std::vector<series_sample> counter_series(const std::vector<std::optional<double>>& pii) {
  std::vector<series_sample> out;
  for (std::size_t i = 0; i < pii.size(); ++i) {
    out.push_back(client_sample(static_cast<double>(i + 1), "load", 10));
    out.back().target.values.pii_detection_errors_total = pii[i];
  }
  return out;
}

TEST(PiiVerdict, StayingAtZeroIsOk) {
  EXPECT_EQ(check_pii_errors(counter_series({0.0, 0.0, std::nullopt, 0.0})).status, verdict_status::ok);
}

TEST(PiiVerdict, AnIncreaseFailsAcrossACounterReset) {
  const verdict v = check_pii_errors(counter_series({0.0, 2.0, std::nullopt, 2.0}));
  EXPECT_EQ(v.status, verdict_status::fail);
  EXPECT_EQ(v.detail.rfind("2 PII detection errors", 0), 0U) << v.detail;
  const verdict reset = check_pii_errors(counter_series({5.0, 5.0, 0.0, 1.0}));
  EXPECT_EQ(reset.status, verdict_status::fail);
  EXPECT_EQ(reset.detail.rfind("1 PII detection errors", 0), 0U) << reset.detail;
}

TEST(PiiVerdict, MissingMetricIsUnknown) {
  EXPECT_EQ(check_pii_errors(counter_series({std::nullopt, std::nullopt})).status, verdict_status::unknown);
}

std::vector<series_sample> redis_series(const std::vector<std::optional<double>>& status) {
  std::vector<series_sample> out;
  for (std::size_t i = 0; i < status.size(); ++i) {
    out.push_back(client_sample(static_cast<double>(i) * 2.0, "load", 10));
    out.back().target.values.redis_connection_status = status[i];
  }
  return out;
}

TEST(RedisVerdict, ConnectedThroughoutIsOk) {
  const auto run = redis_series({1, 1, std::nullopt, 1});
  EXPECT_TRUE(redis_disconnected_periods(run).empty());
  EXPECT_EQ(check_redis(run).status, verdict_status::ok);
}

TEST(RedisVerdict, DisconnectedPeriodsAreFoundWithTheirTimes) {
  // t = 0 2 4 6 8 10 12 14: down at 4..8 (a missing reading inside does not split it), down from 12 on.
  const auto run = redis_series({1, 1, 0, std::nullopt, 1, 1, 0, 0});
  const std::vector<time_period> periods = redis_disconnected_periods(run);
  ASSERT_EQ(periods.size(), 2U);
  EXPECT_EQ(periods[0].start_t, run[2].t);
  EXPECT_EQ(periods[0].end_t, run[4].t);
  EXPECT_FALSE(periods[0].open);
  EXPECT_EQ(periods[1].start_t, run[6].t);
  EXPECT_EQ(periods[1].end_t, run[7].t);
  EXPECT_TRUE(periods[1].open);
  const verdict v = check_redis(run);
  EXPECT_EQ(v.status, verdict_status::fail);
  EXPECT_NE(v.detail.find("4.0s-8.0s"), std::string::npos) << v.detail;
  EXPECT_NE(v.detail.find("12.0s-14.0s (still down at the end)"), std::string::npos) << v.detail;
}

TEST(RedisVerdict, MissingMetricIsUnknown) {
  EXPECT_EQ(check_redis(redis_series({std::nullopt, std::nullopt})).status, verdict_status::unknown);
}

TEST(Verdicts, AllSixInOrderUnknownOnAnEmptyRun) {
  const std::vector<verdict> all = evaluate_verdicts({}, {}, 2);
  const std::vector<std::string> names{"request_rate_rose", "response_time_stable", "cpu_usage",
                                       "memory_growth",     "pii_detection_errors", "redis_connected"};
  ASSERT_EQ(all.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(all[i].name, names[i]);
    EXPECT_EQ(all[i].status, verdict_status::unknown) << all[i].name;
    EXPECT_FALSE(all[i].detail.empty());
  }
  EXPECT_EQ(to_string(verdict_status::warn), "warn");
}

}  // namespace
}  // namespace shield::monitor
