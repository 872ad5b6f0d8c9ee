// Ground truth for load shapes, per-endpoint figures and the capacity search: shield_bench (a child
// process) against model servers in this process whose latency, capacity and failures are known.

#include "checks/bench/bench_harness.hpp"
#include "fixtures/model_server/model_server.hpp"
#include "support/stats/histogram_json.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace shield::bench_checks {
namespace {

namespace json = boost::json;
using fixtures::model_options;
using fixtures::model_server;
using std::chrono::milliseconds;

std::string scratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("shield-shapes-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::vector<std::string> with_profile(std::vector<std::string> args) {
  args.push_back(std::string("--profile=") + SHIELD_MODEL_PROFILE);
  args.emplace_back("--thresholds=none");
  return args;
}

void expect_within(double measured, double known, double tolerance, const std::string& what) {
  EXPECT_LE(std::abs(measured - known), tolerance * known)
      << what << ": measured " << measured << ", known " << known << " (tolerance " << tolerance * 100 << "%)";
}

// A histogram of the stage's requests (results file) or of the server's record of them.
stats::latency_histogram histogram_at(const json::object& stage, const char* name) {
  return stats::histogram_from_json(stage.at("histograms").at(name)).value();
}

// The server's recorded time (head read to answer written) of the requests that arrived in [from, to).
stats::latency_histogram server_record(const model_server& server, double from_unix, double to_unix) {
  stats::latency_histogram out;
  for (const auto& r : server.recorded())
    if (r.arrived_unix >= from_unix && r.arrived_unix < to_unix) out.record(static_cast<std::uint64_t>(r.answered_ns));
  return out;
}

double ms_at(const stats::latency_histogram& h, double q) { return static_cast<double>(h.value_at_quantile(q)) / 1e6; }

TEST(Shapes, StageCountsEqualTheIntegralAndLatencyStaysTheServers) {
  model_options o;
  o.service = milliseconds(40);  // every request answered in exactly 40 ms, however many
  model_server server(o);
  const std::string dir = scratch("integral");
  // 20/s, ramp to 60/s over 2 s, hold 2 s, step to 120/s for 2 s, down to 0 over 1 s.
  const auto run = run_bench(server.url(), dir,
                             with_profile({"--benchmark_filter=^mid/", "--concurrency=32", "--rate=20",
                                           "--stages=2s:60,2s:60,0s:120,2s:120,1s:0"}));
  ASSERT_EQ(run.exit_code, 0) << run.log;
  const auto& c = first_case(run.results);
  const auto& stages = c.at("stages").as_array();
  ASSERT_EQ(stages.size(), 5u) << run.log;
  const double integrals[] = {80, 120, 0, 240, 60};
  double total = 0;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto& st = stages[i].as_object();
    const double requests = number_at(st, "requests");
    total += requests;
    EXPECT_LE(std::abs(requests - integrals[i]), 1.0) << "stage " << i << ": " << requests;
    EXPECT_EQ(number_at(st, "ok"), requests) << "stage " << i;
    if (requests == 0) continue;
    const auto& latency = st.at("latency_ms").as_object();
    const double begin = number_at(c, "started_unix") + number_at(st, "begin_s");
    const auto server_side = server_record(server, begin, begin + number_at(st, "duration_s"));
    const auto service = histogram_at(st, "service_time");
    std::cout << "stage " << i << ": " << requests << " requests; latency p50/p90/p99 " << number_at(latency, "p50")
              << " / " << number_at(latency, "p90") << " / " << number_at(latency, "p99") << " ms; service "
              << ms_at(service, 0.5) << " / " << ms_at(service, 0.9) << " / " << ms_at(service, 0.99)
              << " ms; server's record (" << server_side.count() << ") " << ms_at(server_side, 0.5) << " / "
              << ms_at(server_side, 0.9) << " / " << ms_at(server_side, 0.99) << " ms\n";
    // Against the nominal 40 ms: p50 within 5%, p90 within 50% (a stall of the server's own timer
    // thread under machine load shows in its record as much as in ours: 85 ms at p90 once, load ~12).
    const std::string name = "stage " + std::to_string(i);
    expect_within(number_at(latency, "p50"), 40.0, 0.05, name + " p50");
    expect_within(number_at(latency, "p90"), 40.0, 0.50, name + " p90");
    // Against what the server recorded for the same stage: p50 and p90 within 5% (measured at most
    // +0.4% and +3.8%), service time (from the actual send) p90 too (at most 1.8%). p99 is not held:
    // a late arrival timer on a busy machine adds up to +28% (it is charged to the request, as it must).
    ASSERT_GT(server_side.count(), 0u) << name;
    expect_within(number_at(latency, "p50"), ms_at(server_side, 0.5), 0.05, name + " p50 vs the server's record");
    expect_within(number_at(latency, "p90"), ms_at(server_side, 0.9), 0.05, name + " p90 vs the server's record");
    expect_within(ms_at(service, 0.9), ms_at(server_side, 0.9), 0.05, name + " service p90 vs the server's record");
  }
  EXPECT_EQ(total, number_at(c, "requests")) << "the stages split the case";
  EXPECT_EQ(static_cast<double>(server.answered_ok().at("/mid")), total) << "the server counted the same";
  EXPECT_NE(run.log.find("stage 4"), std::string::npos) << "a console row per stage:\n" << run.log;
}

TEST(Shapes, AStepAboveCapacityShowsTheQueueInThatStageOnly) {
  model_options o;
  o.workers = 2;
  o.service = milliseconds(10);  // capacity 200/s
  model_server server(o);
  const std::string dir = scratch("step");
  const auto run = run_bench(
      server.url(), dir,
      with_profile({"--benchmark_filter=^fast/", "--concurrency=200", "--rate=100", "--stages=3s:100,0s:300,2s:300"}));
  ASSERT_EQ(run.exit_code, 0) << run.log;
  const auto& stages = first_case(run.results).at("stages").as_array();
  ASSERT_EQ(stages.size(), 3u);
  const auto& before = stages[0].at("latency_ms").as_object();
  const auto& after = stages[2].at("latency_ms").as_object();
  std::cout << "100/s: p50 " << number_at(before, "p50") << " p99 " << number_at(before, "p99") << " ms; 300/s: p50 "
            << number_at(after, "p50") << " p99 " << number_at(after, "p99") << " ms\n";
  EXPECT_LT(number_at(before, "p90"), 15.0) << "no queue at half the capacity";
  EXPECT_LT(number_at(before, "p99"), 30.0);
  EXPECT_GT(number_at(after, "p50"), 100.0) << "the queue grows at 1.5x the capacity";
  EXPECT_GT(number_at(after, "p99"), 400.0);
}

TEST(Shapes, MixedReportsEachEndpointsOwnLatencyAndCount) {
  model_options o;
  o.by_path = {{"/fast", milliseconds(20)}, {"/mid", milliseconds(60)}, {"/slow", milliseconds(150)}};
  model_server server(o);
  const std::string dir = scratch("mixed");
  const std::string bench_json = dir + "/mixed.json";
  const auto run =
      run_bench(server.url(), dir,
                with_profile({"--benchmark_filter=^mixed/", "--concurrency=48", "--rate=60", "--duration=4",
                              "--benchmark_out=" + bench_json, "--benchmark_out_format=json"}));
  ASSERT_EQ(run.exit_code, 0) << run.log;
  const auto& endpoints = first_case(run.results).at("endpoints").as_object();
  const auto served = server.answered_ok();
  for (const auto& [name, path, ms] :
       {std::tuple{"fast", "/fast", 20.0}, {"mid", "/mid", 60.0}, {"slow", "/slow", 150.0}}) {
    const auto& e = endpoints.at(name).as_object();
    EXPECT_EQ(number_at(e, "ok"), static_cast<double>(served.at(path))) << name;
    expect_within(number_at(e.at("latency_ms").as_object(), "p50"), ms, 0.05, std::string(name) + " p50");
  }
  EXPECT_NE(run.log.find("  fast"), std::string::npos) << "an indented row per endpoint:\n" << run.log;
  ASSERT_FALSE(run.benchmark.is_null());
  bool found = false;
  for (const auto& b : run.benchmark.at("benchmarks").as_array())
    found = found || b.at("name").as_string() == "mixed/concurrency:48/endpoint:slow";
  EXPECT_TRUE(found) << "a benchmark entry per endpoint";
}

// One capacity search against `server`; returns the results file's capacity object. `concurrency`
// "256" is the connections; a list is a sweep that seeds the search.
json::object search(const model_server& server, const std::string& name, const std::string& slo, std::string& log,
                    const std::string& concurrency = "256") {
  const std::string dir = scratch(name);
  const auto run = run_bench(server.url(), dir,
                             with_profile({"--benchmark_filter=^fast/", "--concurrency=" + concurrency,
                                           "--find_capacity", "--slo=" + slo, "--capacity_step=3", "--rate=50"}));
  log = run.log;
  EXPECT_EQ(run.exit_code, 0) << run.log;
  if (run.results.is_null() || !run.results.as_object().contains("capacity")) return {};
  return run.results.at("capacity").as_object();
}

TEST(CapacitySearch, FindsTheCapacityOfCWorkersWithServiceTimeS) {
  // Service times of 50-100 ms, so that a shared machine's scheduling stalls (tens of ms) stay
  // inside the SLO (p99 < 2 s) below the capacity; above it the queue grows without bound.
  for (const auto& [workers, service_ms] : {std::pair{8u, 50}, std::pair{20u, 100}}) {
    model_options o;
    o.workers = workers;
    o.service = milliseconds(service_ms);
    model_server server(o);
    const double capacity = server.capacity_rps();
    std::string log;
    const std::string slo = "p99_ms<" + std::to_string(2 * service_ms);
    const auto cap = search(server, "cs" + std::to_string(workers), slo, log);
    ASSERT_TRUE(cap.contains("highest_ok_rps")) << log;
    const double held = number_at(cap, "highest_ok_rps"), broke = number_at(cap, "lowest_broken_rps");
    std::cout << workers << " workers x " << service_ms << " ms (capacity " << capacity << "/s): held " << held
              << "/s, broke " << broke << "/s, " << number_at(cap, "elapsed_s") << " s\n";
    EXPECT_GE(held, capacity * 0.90) << log;
    EXPECT_LE(broke, capacity * 1.10) << log;
    EXPECT_LE((broke - held) / held, 0.05 + 1e-9);
    EXPECT_EQ(cap.at("broken_clause").as_string(), slo);
    EXPECT_LT(number_at(cap, "elapsed_s"), 150.0);
    EXPECT_NE(log.find("capacity search took"), std::string::npos) << log;
    if (workers != 8) continue;
    // Seeded from a closed-loop sweep's USL fit: the same answer in fewer steps.
    std::string seeded_log;
    const auto seeded = search(server, "seeded", slo, seeded_log, "4,16,32");
    ASSERT_TRUE(seeded.contains("highest_ok_rps")) << seeded_log;
    const double seeded_held = number_at(seeded, "highest_ok_rps");
    const std::size_t steps = cap.at("steps").as_array().size(), seeded_steps = seeded.at("steps").as_array().size();
    const auto sweep = seeded_log.find("capacity sweep took");
    ASSERT_NE(sweep, std::string::npos) << seeded_log;
    std::cout << seeded_log.substr(sweep, seeded_log.find('\n', sweep) - sweep) << "\n"
              << "seeded search: held " << seeded_held << "/s, broke " << number_at(seeded, "lowest_broken_rps")
              << "/s in " << seeded_steps << " steps, " << number_at(seeded, "elapsed_s") << " s; unseeded " << steps
              << " steps, " << number_at(cap, "elapsed_s") << " s\n";
    EXPECT_NE(seeded_log.find("the USL fit's peak throughput"), std::string::npos) << seeded_log;
    EXPECT_GE(seeded_held, capacity * 0.90) << seeded_log;
    EXPECT_LE(number_at(seeded, "lowest_broken_rps"), capacity * 1.10) << seeded_log;
    EXPECT_LT(seeded_steps, steps) << seeded_log;
  }
}

TEST(CapacitySearch, LatencyGrowingWithLoadBreaksP99BeforeSaturation) {
  model_options o;
  o.workers = 400;
  o.service = milliseconds(50);
  o.growth_us_per_rps = 2000;  // 50 ms + 2 ms per request/s: p99 < 450 ms up to 200/s; saturates at ~435/s
  model_server server(o);
  std::string log;
  const auto cap = search(server, "growth", "p99_ms<450,success_rate>=99.9", log);
  ASSERT_TRUE(cap.contains("lowest_broken_rps")) << log;
  const double held = number_at(cap, "highest_ok_rps"), broke = number_at(cap, "lowest_broken_rps");
  std::cout << "growing latency: held " << held << "/s, broke " << broke << "/s ("
            << cap.at("broken_clause").as_string() << ")\n";
  EXPECT_EQ(cap.at("broken_clause").as_string(), "p99_ms<450") << log;
  EXPECT_LT(broke, 435.0 * 0.75) << "below saturation";
  EXPECT_GE(held, 200.0 * 0.80) << log;
}

TEST(CapacitySearch, FailingAboveARateNamesTheSuccessRate) {
  model_options o;
  o.service = milliseconds(20);
  o.fail_above_rps = 150;
  model_server server(o);
  std::string log;
  const auto cap = search(server, "fail", "p99_ms<500,success_rate>=99.9", log);
  ASSERT_TRUE(cap.contains("lowest_broken_rps")) << log;
  std::cout << "503 above 150/s: held " << number_at(cap, "highest_ok_rps") << "/s, broke "
            << number_at(cap, "lowest_broken_rps") << "/s (" << cap.at("broken_clause").as_string() << ")\n";
  EXPECT_EQ(cap.at("broken_clause").as_string(), "success_rate>=99.9") << log;
  EXPECT_GE(number_at(cap, "highest_ok_rps"), 150 * 0.85) << log;
  EXPECT_LE(number_at(cap, "lowest_broken_rps"), 150 * 1.15) << log;
}

}  // namespace
}  // namespace shield::bench_checks
