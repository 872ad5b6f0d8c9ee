// Honest accounting through shield_bench against in-process misbehaving servers that record what
// they did: unsent requests, drops, re-sends, warm-up, preflight verdicts; every JSON file strict.

#include "checks/bench/bench_harness.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "fixtures/servers/backend_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace shield::bench_checks {
namespace {

namespace json = boost::json;
using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

// A scratch directory removed at the end.
class scratch {
 public:
  scratch() : dir_(servers::make_scratch_dir("shield-honest")) {}
  ~scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

misbehaving_server server_in(server_mode mode) {
  server_options o;
  o.mode = mode;
  return misbehaving_server(o);
}

bool has(const json::object& o, const char* key) { return o.if_contains(key) != nullptr; }

// The issue's stall case: 50/s for 4 s, 4 connections, 1 s timeout, a server that never answers.
TEST(HonestAccounting, EveryRequestDueIsCountedAndNoNaNIsWritten) {
  scratch s;
  misbehaving_server server = server_in(server_mode::stall);
  const std::string bench_json = s.dir() + "/bench.json";
  const auto run = run_bench(
      server.url(), s.dir(),
      {"--skip_preflight", "--benchmark_filter=^health/", "--rate=50", "--duration=4", "--concurrency=4", "--timeout=1",
       "--thresholds=err_not_sent<1", "--benchmark_out=" + bench_json, "--benchmark_out_format=json"});
  EXPECT_EQ(run.exit_code, 1) << run.log;
  EXPECT_NE(run.log.find("requests due were never sent: the client ran out of connections (all 4 busy); raise "
                         "--concurrency or lower --rate"),
            std::string::npos)
      << run.log;
  EXPECT_NE(run.log.find("err_not_sent = "), std::string::npos) << "the threshold on it failed\n" << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  const auto& c = first_case(run.results);
  const auto& counters = c.at("counters").as_object();
  EXPECT_EQ(number_at(counters, "requests"), 200.0) << "200 due, 200 counted";
  const double sent = static_cast<double>(server.requests_received());
  EXPECT_EQ(number_at(counters, "err_request_timeout"), sent);
  EXPECT_EQ(number_at(counters, "err_not_sent"), 200.0 - sent);
  EXPECT_EQ(number_at(c, "unsent"), 200.0 - sent);
  EXPECT_EQ(number_at(counters, "success_rate"), 0.0);
  EXPECT_EQ(c.at("grade").as_string(), "problem");
  EXPECT_TRUE(counters.at("p50_ms").is_null()) << "no data is null in the results file";
  EXPECT_TRUE(counters.at("connect_p50_ms").is_number());

  ASSERT_FALSE(run.benchmark.is_null()) << run.log;
  const auto& b = first_benchmark(run.benchmark);
  EXPECT_EQ(b.at("err_not_sent").to_number<double>(), 200.0 - sent);
  EXPECT_EQ(b.at("requests").to_number<double>(), 200.0);
  EXPECT_FALSE(has(b, "p50_ms")) << "no data is left out of the benchmark counters";
  EXPECT_FALSE(has(b, "mean_ms"));
  EXPECT_TRUE(has(b, "ok_rps"));
}

// Drops are failures: ok equals the answers the server wrote; with --retry=idempotent the GETs
// are re-sent once each and counted.
TEST(HonestAccounting, DroppedRequestsAndCountedRetries) {
  scratch s;
  {
    misbehaving_server server = server_in(server_mode::drop_after_first);
    const auto run = run_bench(server.url(), s.dir(),
                               {"--skip_preflight", "--benchmark_filter=^anonymize/", "--concurrency=4",
                                "--requests=200", "--thresholds=none"});
    ASSERT_FALSE(run.results.is_null()) << run.log;
    const auto& counters = first_case(run.results).at("counters").as_object();
    EXPECT_EQ(number_at(counters, "requests"), 200.0);
    EXPECT_EQ(number_at(counters, "ok"), static_cast<double>(server.answers_sent()));
    EXPECT_EQ(number_at(counters, "err_reset"), static_cast<double>(server.requests_dropped()));
    EXPECT_GT(server.requests_dropped(), 50u);
    EXPECT_EQ(number_at(counters, "retried"), 0.0);
  }
  {
    misbehaving_server server = server_in(server_mode::drop_after_first);
    const auto run = run_bench(server.url(), s.dir(),
                               {"--skip_preflight", "--benchmark_filter=^health/", "--concurrency=4", "--requests=200",
                                "--thresholds=none", "--retry=idempotent"});
    ASSERT_FALSE(run.results.is_null()) << run.log;
    const auto& c = first_case(run.results);
    const auto& counters = c.at("counters").as_object();
    EXPECT_EQ(number_at(counters, "ok"), 200.0);
    EXPECT_EQ(number_at(counters, "retried"), static_cast<double>(server.requests_dropped()));
    EXPECT_EQ(number_at(c, "retried"), static_cast<double>(server.requests_dropped()));
    EXPECT_GT(server.requests_dropped(), 50u);
    EXPECT_EQ(run.results.at("configuration").at("retry").as_string(), "idempotent");
  }
}

TEST(HonestAccounting, SkipPreflightMeasuresARefusedTarget) {
  scratch s;
  std::uint16_t port = 0;
  { port = server_in(server_mode::ok).port(); }  // closed again: nothing listens there
  const auto run = run_bench("http://127.0.0.1:" + std::to_string(port), s.dir(),
                             {"--skip_preflight", "--benchmark_filter=^health/", "--concurrency=2", "--requests=6"});
  EXPECT_EQ(run.exit_code, 1) << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  const auto& counters = first_case(run.results).at("counters").as_object();
  EXPECT_EQ(number_at(counters, "err_connect_refused"), 6.0);
  EXPECT_FALSE(run.results.at("configuration").at("preflight").as_bool());
}

TEST(HonestAccounting, WarmupTrafficIsNotCounted) {
  scratch s;
  misbehaving_server server = server_in(server_mode::ok);
  const std::string bench_json = s.dir() + "/warm.json";
  const auto run = run_bench(server.url(), s.dir(),
                             {"--skip_preflight", "--benchmark_filter=^health/", "--concurrency=2", "--requests=20",
                              "--warmup=0.3", "--benchmark_repetitions=2", "--thresholds=none",
                              "--benchmark_out=" + bench_json, "--benchmark_out_format=json"});
  EXPECT_EQ(run.exit_code, 0) << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  const auto& counters = first_case(run.results).at("counters").as_object();
  EXPECT_EQ(number_at(counters, "requests"), 20.0);
  EXPECT_GT(server.requests_received(), 2u * 20u + 10u) << "warm-up requests were sent, and not counted";
  EXPECT_EQ(run.results.at("configuration").at("warmup_s").to_number<double>(), 0.3);
  ASSERT_FALSE(run.benchmark.is_null()) << "aggregates of repetitions are strict JSON too\n" << run.log;
}

TEST(HonestAccounting, IdleTimeoutFlagReachesTheClient) {
  scratch s;
  misbehaving_server server = server_in(server_mode::stall);
  const auto run = run_bench(server.url(), s.dir(),
                             {"--skip_preflight", "--benchmark_filter=^health/", "--concurrency=1", "--requests=2",
                              "--timeout=20", "--idle_timeout=0.2", "--thresholds=none"});
  ASSERT_FALSE(run.results.is_null()) << run.log;
  const auto& c = first_case(run.results);
  EXPECT_EQ(number_at(c.at("counters").as_object(), "err_idle_timeout"), 2.0);
  EXPECT_LT(number_at(c, "wall_s"), 5.0) << "0.2 s of silence each, not the 20 s request timeout";
  EXPECT_EQ(run.results.at("configuration").at("idle_timeout_s").to_number<double>(), 0.2);
  const auto& messages = c.at("failures").at("idle_timeout").at("messages").as_array();
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(std::string(messages[0].as_string()).find("no response byte for 200 ms"), std::string::npos) << messages[0];
}

TEST(HonestAccounting, PreflightSaysWhyItCannotConnect) {
  scratch s;
  misbehaving_server plain = server_in(server_mode::ok);  // speaks plain HTTP to an https client
  const std::string https = "https://127.0.0.1:" + std::to_string(plain.port());
  auto run = run_bench(https, s.dir(), {"--benchmark_filter=^health/"});
  EXPECT_EQ(run.exit_code, 3) << run.log;
  EXPECT_NE(run.log.find("cannot reach " + https + ": TLS failed: TLS handshake with"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("does it speak TLS on this port"), std::string::npos) << run.log;
  EXPECT_EQ(run.log.find("is the backend running"), std::string::npos) << "a TLS failure names its cause\n" << run.log;
  run = run_bench("http://no-such-host.invalid:8000", s.dir(), {"--benchmark_filter=^health/"});
  EXPECT_EQ(run.exit_code, 3) << run.log;
  EXPECT_NE(run.log.find("cannot reach http://no-such-host.invalid:8000: host name does not resolve"),
            std::string::npos)
      << run.log;
}

TEST(HonestAccounting, PreflightSaysConnectedButNoAnswer) {
  scratch s;
  misbehaving_server server = server_in(server_mode::stall);
  const auto run = run_bench(server.url(), s.dir(), {"--benchmark_filter=^health/", "--timeout=1"});
  EXPECT_EQ(run.exit_code, 3) << run.log;
  EXPECT_NE(run.log.find("connected to " + server.url() + ", but GET /health got no answer within 1000 ms"),
            std::string::npos)
      << run.log;
  EXPECT_NE(run.log.find("--skip_preflight runs the load anyway"), std::string::npos) << run.log;
}

TEST(HonestAccounting, PreflightProbesTheProfilesHealthEndpointAndNamesTheStatus) {
  scratch s;
  const std::string profile = s.dir() + "/probe.json";
  std::ofstream(profile) << R"({"name": "probe", "health_endpoint": "ready", "endpoints": [
    {"name": "load", "method": "GET", "path": "/load"},
    {"name": "ready", "method": "GET", "path": "/ready"}]})";
  server_options o;
  o.mode = server_mode::unexpected_status;
  misbehaving_server server(o);
  const auto run = run_bench(server.url(), s.dir(), {"--profile=" + profile});
  EXPECT_EQ(run.exit_code, 3) << run.log;
  EXPECT_EQ(server.last_request().target, "/ready");
  EXPECT_NE(run.log.find(server.url() + "/ready answered status 503"), std::string::npos) << run.log;
}

}  // namespace
}  // namespace shield::bench_checks
