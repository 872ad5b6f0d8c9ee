// /proc parsing and the metrics registry: the ten families, exact counting, label values,
// the miscount bug, and the text format promtool reads.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include "fixtures/reference_backend/backend_metrics.hpp"
#include "fixtures/reference_backend/proc_sampler.hpp"

namespace shield::backend {
namespace {

TEST(ProcStat, ParsesTheAggregateCpuLine) {
  const auto t = parse_proc_stat("cpu  100 20 30 400 50 6 7 8 0 0\ncpu0 1 2 3 4\n");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->busy, 100u + 20 + 30 + 6 + 7 + 8);
  EXPECT_EQ(t->total, t->busy + 400 + 50);
  EXPECT_FALSE(parse_proc_stat("cpu0 1 2 3 4").has_value());
  EXPECT_FALSE(parse_proc_stat("cpu  1 2").has_value());
  EXPECT_FALSE(parse_proc_stat("").has_value());
}

TEST(ProcStat, PercentFromDeltas) {
  EXPECT_DOUBLE_EQ(cpu_percent_between({100, 1000}, {150, 1100}), 50.0);
  EXPECT_DOUBLE_EQ(cpu_percent_between({100, 1000}, {100, 1000}), 0.0);
  EXPECT_DOUBLE_EQ(cpu_percent_between({0, 0}, {300, 400}), 75.0);
}

TEST(ProcStatm, ResidentPagesTimesPageSize) {
  EXPECT_EQ(parse_statm_rss("5000 1200 300 10 0 900 0\n", 4096), 1200u * 4096u);
  EXPECT_FALSE(parse_statm_rss("garbage", 4096).has_value());
}

TEST(ProcSampler, ReadsPlausibleValuesFromThisMachine) {
  proc_sampler sampler;
  const auto first = sampler.sample();
  EXPECT_GE(first.cpu_percent, 0.0);
  EXPECT_LE(first.cpu_percent, 100.0);
  EXPECT_GT(first.rss_bytes, 1024.0 * 1024.0) << "a gtest process uses more than 1 MiB";
  const auto second = sampler.sample();
  EXPECT_GE(second.cpu_percent, 0.0);
  EXPECT_LE(second.cpu_percent, 100.0);
}

// Value of the sample line `series` (name plus labels exactly as serialized); -1 when absent.
double sample_value(const std::string& text, const std::string& series) {
  const auto pos = text.find("\n" + series + " ");
  if (pos == std::string::npos) return -1;
  return std::stod(text.substr(pos + series.size() + 2));
}

TEST(BackendMetrics, ExposesTheTenFamiliesWithTheirTypes) {
  backend_metrics m;
  m.count_request(http_method::get, route_id::health, 200);
  m.observe_duration(http_method::get, route_id::health, 0.003);
  const std::string text = m.serialize();
  for (const auto* line :
       {"# TYPE system_cpu_usage_percent gauge", "# TYPE system_memory_usage_bytes gauge",
        "# TYPE redis_connection_status gauge", "# TYPE http_requests_total counter",
        "# TYPE http_request_duration_seconds histogram", "# TYPE pii_detection_errors_total counter",
        "# TYPE deanonymization_failures_total counter", "# TYPE redis_mapping_sessions_total untyped",
        "# TYPE redis_mapping_entries_total untyped", "# TYPE redis_memory_usage_bytes gauge"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
  EXPECT_NE(text.find("# HELP http_requests_total "), std::string::npos);
}

TEST(BackendMetrics, CountsExactlyPerMethodEndpointStatus) {
  backend_metrics m;
  for (int i = 0; i < 7; ++i) m.count_request(http_method::post, route_id::anonymize, 200);
  for (int i = 0; i < 2; ++i) m.count_request(http_method::post, route_id::anonymize, 422);
  m.count_request(http_method::get, route_id::session_request, 404);
  m.count_request(http_method::other, route_id::unmatched, 404);
  m.count_request(http_method::get, route_id::health, 42);  // out of range: clamped, never dropped
  const std::string text = m.serialize();
  EXPECT_EQ(sample_value(text, R"(http_requests_total{endpoint="/anonymize",method="POST",status="200"})"), 7);
  EXPECT_EQ(sample_value(text, R"(http_requests_total{endpoint="/anonymize",method="POST",status="422"})"), 2);
  EXPECT_EQ(
      sample_value(
          text,
          R"(http_requests_total{endpoint="/anonymize/session/{id}/anonymized-request",method="GET",status="404"})"),
      1);
  EXPECT_EQ(sample_value(text, R"(http_requests_total{endpoint="unmatched",method="OTHER",status="404"})"), 1);
  EXPECT_EQ(sample_value(text, R"(http_requests_total{endpoint="/health",method="GET",status="599"})"), 1);
}

TEST(BackendMetrics, HistogramBucketsAndGauges) {
  backend_metrics m;
  m.observe_duration(http_method::post, route_id::chat_streaming, 0.3);
  m.observe_duration(http_method::post, route_id::chat_streaming, 0.004);
  m.set_system(12.5, 1e6);
  m.set_redis_connected(true);
  m.set_mapping_stats(3, 9, 12345);
  m.count_pii_detection_error();
  m.count_deanonymization_failure();
  m.count_deanonymization_failure();
  const std::string text = m.serialize();
  const std::string h = R"(http_request_duration_seconds_bucket{endpoint="/chat/streaming",method="POST",le=)";
  EXPECT_EQ(sample_value(text, h + R"("0.005"})"), 1);
  EXPECT_EQ(sample_value(text, h + R"("0.25"})"), 1);
  EXPECT_EQ(sample_value(text, h + R"("0.5"})"), 2);
  EXPECT_EQ(sample_value(text, h + R"("+Inf"})"), 2);
  EXPECT_EQ(sample_value(text, R"(http_request_duration_seconds_count{endpoint="/chat/streaming",method="POST"})"), 2);
  EXPECT_EQ(sample_value(text, "system_cpu_usage_percent"), 12.5);
  EXPECT_EQ(sample_value(text, "system_memory_usage_bytes"), 1e6);
  EXPECT_EQ(sample_value(text, "redis_connection_status"), 1);
  EXPECT_EQ(sample_value(text, "redis_mapping_sessions_total"), 3);
  EXPECT_EQ(sample_value(text, "redis_mapping_entries_total"), 9);
  EXPECT_EQ(sample_value(text, "redis_memory_usage_bytes"), 12345);
  EXPECT_EQ(sample_value(text, "pii_detection_errors_total"), 1);
  EXPECT_EQ(sample_value(text, "deanonymization_failures_total"), 2);
}

TEST(BackendMetrics, MiscountBugDropsEveryTenthRequest) {
  backend_metrics m(true);
  for (int i = 0; i < 30; ++i) m.count_request(http_method::get, route_id::health, 200);
  EXPECT_EQ(sample_value(m.serialize(), R"(http_requests_total{endpoint="/health",method="GET",status="200"})"), 27);
}

TEST(BackendMetrics, ConcurrentCountingIsExact) {
  backend_metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 10000; ++i) m.count_request(http_method::get, route_id::health, t % 2 ? 200 : 503);
    });
  for (auto& t : threads) t.join();
  const std::string text = m.serialize();
  EXPECT_EQ(sample_value(text, R"(http_requests_total{endpoint="/health",method="GET",status="200"})"), 20000);
  EXPECT_EQ(sample_value(text, R"(http_requests_total{endpoint="/health",method="GET",status="503"})"), 20000);
}

TEST(BackendMetrics, PromtoolFindsNoProblem) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) GTEST_SKIP() << "promtool not installed";
  backend_metrics m;
  m.count_request(http_method::post, route_id::anonymize, 200);
  m.observe_duration(http_method::post, route_id::anonymize, 0.01);
  const std::string file = ::testing::TempDir() + "backend_metrics_promtool.txt";
  {
    std::ofstream out(file);
    out << m.serialize();
  }
  const std::string report_file = file + ".out";
  const int rc = std::system(("promtool check metrics < " + file + " > " + report_file + " 2>&1").c_str());
  std::ifstream in(report_file);
  std::string report((std::istreambuf_iterator<char>(in)), {});
  // The *_total current counts are untyped, so promtool finds nothing at all.
  EXPECT_EQ(rc, 0) << report;
  EXPECT_EQ(report, "") << report;
  std::remove(file.c_str());
  std::remove(report_file.c_str());
}

}  // namespace
}  // namespace shield::backend
