// Exact counting through shield_bench against the reference backend injecting errors and dropped
// connections: requests = ok + failures, and the backend's own counters agree with ours.

#include "checks/bench/bench_harness.hpp"
#include "support/http/blocking_client.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace shield::bench_checks {
namespace {

// http_requests_total of POST /anonymize with `status`, read from the backend's /metrics.
double answered(const std::string& metrics, int status) {
  const std::regex line("http_requests_total\\{[^}]*endpoint=\"/anonymize\"[^}]*status=\"" + std::to_string(status) +
                        "\"[^}]*\\} ([0-9.e+]+)");
  std::smatch m;
  double total = 0.0;
  for (auto it = metrics.cbegin(); std::regex_search(it, metrics.cend(), m, line); it = m.suffix().first) {
    total += std::stod(m[1].str());
  }
  return total;
}

TEST(ExactCounts, InjectedErrorsAndDropsAreEachCountedOnce) {
  faulty_backend backend(
      {"--fault_error_rate=0.1", "--fault_error_status=503", "--fault_drop_rate=0.05", "--fault_endpoints=/anonymize"});
  ASSERT_TRUE(backend.started()) << backend.started().error();
  const auto run = run_bench(backend.url(), backend.dir(),
                             {"--benchmark_filter=^anonymize/", "--concurrency=4", "--requests=300", "--io_threads=2",
                              "--thresholds=success_rate>99"});
  EXPECT_EQ(run.exit_code, 1) << "the success-rate threshold fails, and says so\n" << run.log;
  EXPECT_NE(run.log.find("threshold failed: case 'anonymize/concurrency:4': success_rate = "), std::string::npos)
      << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  const auto& c = first_case(run.results);
  const auto& counters = c.at("counters").as_object();
  const double requests = number_at(counters, "requests"), ok = number_at(counters, "ok");
  double failures = 0.0;
  for (const auto& kv : counters) {
    if (kv.key().starts_with("err_")) failures += kv.value().to_number<double>();
  }
  EXPECT_EQ(requests, 300.0);
  EXPECT_EQ(ok + failures, requests) << "every request counted once";
  EXPECT_GT(number_at(counters, "err_unexpected_status"), 0.0);
  EXPECT_GT(number_at(counters, "err_reset"), 0.0) << "a dropped POST is a failure, never re-sent";
  EXPECT_EQ(number_at(counters, "retried"), 0.0);
  EXPECT_EQ(number_at(c, "retried"), 0.0);
  EXPECT_EQ(number_at(counters, "err_not_sent"), 0.0) << "closed loop: every request is sent";
  EXPECT_GT(number_at(counters, "connect_p50_ms"), 0.0);
  EXPECT_GE(number_at(counters, "connect_max_ms"), number_at(counters, "connect_p50_ms"));
  EXPECT_NEAR(number_at(counters, "ok_rps") / number_at(counters, "rps"), ok / requests, 1e-9);

  // The backend counts every answer it sent; a dropped request has none and is not sent again.
  http::blocking_client client(*http::parse_url(backend.url()));
  const auto metrics = client.get("/metrics");
  ASSERT_TRUE(metrics.ok()) << metrics.error_message;
  EXPECT_EQ(answered(metrics.body, 200), ok);
  EXPECT_EQ(answered(metrics.body, 503), number_at(counters, "err_unexpected_status"));
  EXPECT_FALSE(c.at("thresholds_passed").as_bool());
}

}  // namespace
}  // namespace shield::bench_checks

namespace shield::bench_checks {
namespace {

TEST(ExactCounts, CutStreamsAreIncompleteWithTheirTokensCounted) {
  faulty_backend backend({"--fault_stream_stop_after=3", "--fault_endpoints=/chat/streaming"});
  ASSERT_TRUE(backend.started()) << backend.started().error();
  const auto run = run_bench(
      backend.url(), backend.dir(),
      {"--benchmark_filter=^chat_streaming/", "--concurrency=3", "--requests=9", "--thresholds=incomplete_streams<1"});
  EXPECT_EQ(run.exit_code, 1) << run.log;
  ASSERT_FALSE(run.results.is_null()) << run.log;
  const auto& c = first_case(run.results);
  const auto& counters = c.at("counters").as_object();
  EXPECT_EQ(number_at(counters, "requests"), 9.0);
  EXPECT_EQ(number_at(counters, "ok"), 0.0);
  EXPECT_EQ(number_at(counters, "err_protocol"), 9.0) << "a stream cut inside its chunked body is a truncated response";
  EXPECT_EQ(number_at(counters, "incomplete_streams"), 9.0);
  const auto& stream = c.at("stream").as_object();
  EXPECT_EQ(number_at(stream, "streams"), 9.0);
  EXPECT_EQ(number_at(stream, "tokens"), 27.0);
  EXPECT_EQ(number_at(stream.at("ttft_ms").as_object(), "count"), 9.0);
  EXPECT_NE(run.log.find("incomplete_streams = 9, required < 1"), std::string::npos) << run.log;
}

}  // namespace
}  // namespace shield::bench_checks
