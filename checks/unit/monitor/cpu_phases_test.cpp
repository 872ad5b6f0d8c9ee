// The CPU verdict under a load shape: judged per stage kind, saturation in a spike only warns,
// saturation while load is held (or lingering after a spike into the next hold) fails.

#include "support/monitor/verdicts.hpp"

#include "checks/unit/monitor/monitor_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace shield::monitor {
namespace {

using testing::client_sample;

// One sample a second: (phase, backend CPU %) in order.
std::vector<series_sample> shaped(const std::vector<std::pair<std::string, double>>& readings) {
  std::vector<series_sample> out;
  double t = 0;
  for (const auto& [phase, cpu] : readings) {
    out.push_back(client_sample(++t, phase, 50));
    out.back().target.values.cpu_percent = cpu;
  }
  return out;
}

const std::vector<std::pair<std::string, double>> spike_only = {
    {"idle", 2},        {"idle", 2},       {"load:rise", 10},  {"load:rise", 20},  {"load:hold", 22},
    {"load:hold", 21},  {"load:hold", 23}, {"load:spike", 97}, {"load:spike", 99}, {"load:spike", 98},
    {"load:spike", 99}, {"load:hold", 24}, {"load:hold", 22},  {"load:hold", 21},  {"load:recovery", 10}};

TEST(CpuPhases, SaturationOnlyInTheSpikeWarnsNamingIt) {
  const verdict v = check_cpu(shaped(spike_only), {}, 2);
  EXPECT_EQ(v.status, verdict_status::warn) << v.detail;
  EXPECT_NE(v.detail.find("sustained only during spike"), std::string::npos) << v.detail;
  EXPECT_NE(v.detail.find("hold peak 24.0% sustained 21.0%"), std::string::npos) << v.detail;
  EXPECT_NE(v.detail.find("spike peak 99.0% sustained 98.0%"), std::string::npos) << v.detail;
  // The same readings without the shape's phases: the whole run is judged and the spike fails it.
  std::vector<series_sample> flat = shaped(spike_only);
  for (series_sample& s : flat) s.phase = "load";
  EXPECT_EQ(check_cpu(flat, {}, 2).status, verdict_status::fail);
}

TEST(CpuPhases, SaturationLingeringIntoTheHoldFailsNamingTheHold) {
  auto readings = spike_only;
  readings[11].second = readings[12].second = readings[13].second = 96;  // the hold after the spike
  const verdict v = check_cpu(shaped(readings), {}, 2);
  EXPECT_EQ(v.status, verdict_status::fail) << v.detail;
  EXPECT_NE(v.detail.find("above 90% sustained during hold"), std::string::npos) << v.detail;
}

TEST(CpuPhases, SustainedMeansInsideOneStage) {
  // Two readings at the end of one hold and one at the start of the next: not three in one stage.
  const verdict v = check_cpu(shaped({{"load:hold", 20},
                                      {"load:hold", 95},
                                      {"load:hold", 95},
                                      {"load:spike", 50},
                                      {"load:hold", 95},
                                      {"load:hold", 20},
                                      {"load:hold", 20}}),
                              {}, 2);
  EXPECT_EQ(v.status, verdict_status::warn) << v.detail;
  EXPECT_NE(v.detail.find("reached 80%"), std::string::npos) << v.detail;
}

TEST(CpuPhases, IdleAndCooldownAreJudgedAsHeldLoad) {
  const verdict v = check_cpu(shaped({{"load:rise", 20},
                                      {"load:hold", 30},
                                      {"load:hold", 30},
                                      {"load:hold", 30},
                                      {"cooldown", 95},
                                      {"cooldown", 95},
                                      {"cooldown", 95}}),
                              {}, 2);
  EXPECT_EQ(v.status, verdict_status::fail) << v.detail;
  EXPECT_NE(v.detail.find("during cooldown"), std::string::npos) << v.detail;
}

TEST(CpuPhases, AStageShorterThanTheWindowHasNoSustainedLevel) {
  const verdict v =
      check_cpu(shaped({{"load:hold", 20}, {"load:hold", 20}, {"load:hold", 20}, {"load:spike", 99}}), {}, 2);
  EXPECT_EQ(v.status, verdict_status::warn) << v.detail;
  EXPECT_NE(v.detail.find("spike peak 99.0% sustained -"), std::string::npos) << v.detail;
}

}  // namespace
}  // namespace shield::monitor
