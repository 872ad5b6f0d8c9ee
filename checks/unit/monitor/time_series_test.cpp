#include "support/monitor/time_series.hpp"

#include <gtest/gtest.h>

#include <string>

namespace shield::monitor {
namespace {

std::string scrape_text(double requests, double memory) {
  return "# TYPE http_requests_total counter\nhttp_requests_total{endpoint=\"/a\"} " + std::to_string(requests) +
         "\n# TYPE system_memory_usage_bytes gauge\nsystem_memory_usage_bytes " + std::to_string(memory) + "\n";
}

TEST(SeriesRecorder, RatesSpanAFailedScrape) {
  series_recorder recorder;
  client_interval client;
  client.completed = 20;
  client.rps = 20.0;
  proc_sample local;
  local.status = proc_status::ok;
  local.rss_bytes = 4096;
  local.cpu_percent = 12.5;

  recorder.add(1.0, "idle", client, extract_target_metrics(scrape_text(100, 1000)), std::nullopt);
  recorder.add(2.0, "load", client, failed_scrape("timeout"), local);
  recorder.add(4.0, "load", client, extract_target_metrics(scrape_text(160, 1500)), local);

  const auto& s = recorder.samples();
  ASSERT_EQ(s.size(), 3U);
  EXPECT_TRUE(s[0].target.scrape_ok);
  EXPECT_FALSE(s[0].target.rates.requests_per_second.has_value());  // no earlier scrape
  EXPECT_FALSE(s[0].local.watched);

  EXPECT_FALSE(s[1].target.scrape_ok);
  EXPECT_EQ(s[1].target.scrape_failures, 1U);
  EXPECT_EQ(s[1].target.scrape_message, "timeout");
  EXPECT_FALSE(s[1].target.values.http_requests_total.has_value());
  EXPECT_TRUE(s[1].local.watched);
  EXPECT_EQ(s[1].local.rss_bytes, local.rss_bytes);
  EXPECT_EQ(s[1].local.cpu_percent, local.cpu_percent);

  // Third scrape compares with the first: 60 requests over 3 s.
  EXPECT_EQ(s[2].target.scrape_failures, 1U);
  EXPECT_EQ(s[2].target.rates.requests_delta, 60.0);
  EXPECT_DOUBLE_EQ(*s[2].target.rates.requests_per_second, 60.0 / 3.0);
  EXPECT_EQ(s[2].target.rates.memory_growth_bytes, 500.0);
  EXPECT_EQ(s[2].phase, "load");
  EXPECT_EQ(s[2].client.completed, client.completed);

  const std::vector<series_sample> taken = recorder.take();
  EXPECT_EQ(taken.size(), 3U);
  EXPECT_TRUE(recorder.samples().empty());
}

}  // namespace
}  // namespace shield::monitor
