#include "support/monitor/target_metrics.hpp"

#include <gtest/gtest.h>

#include <string>

namespace shield::monitor {
namespace {

std::string number(double v) { return std::to_string(v); }

// A Shield-like exposition with every monitored metric except those left out.
struct exposition_values {
  double get_health = 10;         // http_requests_total{GET,/health,200}
  double post_anonymize = 25;     // http_requests_total{POST,/anonymize,200}
  double post_bad = 3;            // http_requests_total{POST,/anonymize,422}
  double cpu = 42.5;              // system_cpu_usage_percent
  double memory = 123456789;      // system_memory_usage_bytes
  double redis = 1;               // redis_connection_status
  double deanon = 0;              // deanonymization_failures_total
  double redis_memory = 1048576;  // redis_memory_usage_bytes
  bool with_pii = false;          // expose pii_detection_errors_total
  double pii = 0;                 // its value
};

std::string exposition(const exposition_values& v) {
  std::string text;
  text += "# HELP http_requests_total Total HTTP requests\n# TYPE http_requests_total counter\n";
  text += "http_requests_total{method=\"GET\",endpoint=\"/health\",status=\"200\"} " + number(v.get_health) + "\n";
  text +=
      "http_requests_total{method=\"POST\",endpoint=\"/anonymize\",status=\"200\"} " + number(v.post_anonymize) + "\n";
  text += "http_requests_total{method=\"POST\",endpoint=\"/anonymize\",status=\"422\"} " + number(v.post_bad) + "\n";
  text += "# TYPE http_request_duration_seconds histogram\n";
  text += "http_request_duration_seconds_bucket{le=\"0.1\"} 7\nhttp_request_duration_seconds_bucket{le=\"+Inf\"} 9\n";
  text += "http_request_duration_seconds_sum 1.5\nhttp_request_duration_seconds_count 9\n";
  text += "# TYPE system_cpu_usage_percent gauge\nsystem_cpu_usage_percent " + number(v.cpu) + "\n";
  text += "# TYPE system_memory_usage_bytes gauge\nsystem_memory_usage_bytes " + number(v.memory) + "\n";
  text += "# TYPE redis_connection_status gauge\nredis_connection_status " + number(v.redis) + "\n";
  if (v.with_pii)
    text += "# TYPE pii_detection_errors_total counter\npii_detection_errors_total " + number(v.pii) + "\n";
  text += "# TYPE deanonymization_failures_total counter\ndeanonymization_failures_total " + number(v.deanon) + "\n";
  text += "# TYPE redis_memory_usage_bytes gauge\nredis_memory_usage_bytes " + number(v.redis_memory) + "\n";
  return text;
}

TEST(ExtractTargetMetrics, ReadsEveryMetricAndSumsRequestsOverLabels) {
  exposition_values v;
  v.with_pii = true;
  v.pii = 2;
  const scrape_result r = extract_target_metrics(exposition(v));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.format_errors, 0U) << r.message;
  EXPECT_EQ(r.values.http_requests_total, v.get_health + v.post_anonymize + v.post_bad);
  EXPECT_EQ(r.values.cpu_percent, v.cpu);
  EXPECT_EQ(r.values.memory_bytes, v.memory);
  EXPECT_EQ(r.values.redis_connection_status, v.redis);
  EXPECT_EQ(r.values.pii_detection_errors_total, v.pii);
  EXPECT_EQ(r.values.deanonymization_failures_total, v.deanon);
  EXPECT_EQ(r.values.redis_memory_bytes, v.redis_memory);
}

TEST(ExtractTargetMetrics, MissingMetricIsAbsentAndZeroIsZero) {
  const scrape_result r = extract_target_metrics(exposition({}));
  ASSERT_TRUE(r.ok);
  EXPECT_FALSE(r.values.pii_detection_errors_total.has_value());
  ASSERT_TRUE(r.values.deanonymization_failures_total.has_value());
  EXPECT_EQ(*r.values.deanonymization_failures_total, 0.0);
}

TEST(ExtractTargetMetrics, EmptyScrapeHasEveryMetricAbsent) {
  const scrape_result r = extract_target_metrics("");
  EXPECT_FALSE(r.values.http_requests_total.has_value());
  EXPECT_FALSE(r.values.cpu_percent.has_value());
  EXPECT_FALSE(r.values.memory_bytes.has_value());
  EXPECT_FALSE(r.values.redis_connection_status.has_value());
  EXPECT_FALSE(r.values.redis_memory_bytes.has_value());
}

TEST(ExtractTargetMetrics, NanGaugeIsAbsentAndSeveralSeriesCombine) {
  const std::string text =
      "# TYPE system_cpu_usage_percent gauge\n"
      "system_cpu_usage_percent{core=\"0\"} 30\nsystem_cpu_usage_percent{core=\"1\"} 70\n"
      "# TYPE redis_connection_status gauge\n"
      "redis_connection_status{instance=\"a\"} 1\nredis_connection_status{instance=\"b\"} 0\n"
      "# TYPE system_memory_usage_bytes gauge\nsystem_memory_usage_bytes NaN\n";
  const scrape_result r = extract_target_metrics(text);
  EXPECT_EQ(r.format_errors, 0U) << r.message;
  EXPECT_EQ(r.values.cpu_percent, 70.0);
  EXPECT_EQ(r.values.redis_connection_status, 0.0);
  EXPECT_FALSE(r.values.memory_bytes.has_value());
}

TEST(ExtractTargetMetrics, FormatErrorsAreReportedValuesKeptBestEffort) {
  const std::string text = "system_cpu_usage_percent 12\nbroken line {\n";
  const scrape_result r = extract_target_metrics(text);
  EXPECT_TRUE(r.ok);
  EXPECT_GT(r.format_errors, 0U);
  EXPECT_NE(r.message.find("line 2"), std::string::npos) << r.message;
  EXPECT_EQ(r.values.cpu_percent, 12.0);
}

TEST(ComputeRates, RatesBetweenConsecutiveScrapes) {
  exposition_values first;
  first.with_pii = true;
  exposition_values second = first;
  second.post_anonymize += 40;
  second.memory += 4096;
  second.pii = 1;
  const double seconds = 2.0;
  const target_rates r = compute_rates(extract_target_metrics(exposition(first)).values,
                                       extract_target_metrics(exposition(second)).values, seconds);
  EXPECT_FALSE(r.counter_reset);
  EXPECT_EQ(r.requests_delta, 40.0);
  EXPECT_EQ(r.requests_per_second, 40.0 / seconds);
  EXPECT_EQ(r.pii_errors_delta, 1.0);
  EXPECT_EQ(r.deanonymization_failures_delta, 0.0);
  EXPECT_EQ(r.memory_growth_bytes, 4096.0);
  EXPECT_EQ(r.redis_memory_growth_bytes, 0.0);
}

TEST(ComputeRates, CounterResetCountsFromZero) {
  exposition_values before;
  before.get_health = 500;
  exposition_values after;  // target restarted: counters back near zero
  after.get_health = 4;
  after.post_anonymize = 6;
  after.post_bad = 0;
  const double seconds = 5.0;
  const target_rates r = compute_rates(extract_target_metrics(exposition(before)).values,
                                       extract_target_metrics(exposition(after)).values, seconds);
  EXPECT_TRUE(r.counter_reset);
  EXPECT_EQ(r.requests_delta, after.get_health + after.post_anonymize + after.post_bad);
  EXPECT_EQ(r.requests_per_second, (after.get_health + after.post_anonymize + after.post_bad) / seconds);
  EXPECT_EQ(counter_increase(10, 3), 3.0);
  EXPECT_EQ(counter_increase(3, 10), 7.0);
}

TEST(ComputeRates, MissingOnEitherSideIsAbsent) {
  exposition_values with;
  with.with_pii = true;
  const target_metrics a = extract_target_metrics(exposition(with)).values;
  const target_metrics b = extract_target_metrics(exposition({})).values;
  EXPECT_FALSE(compute_rates(a, b, 1.0).pii_errors_delta.has_value());
  EXPECT_FALSE(compute_rates(b, a, 1.0).pii_errors_delta.has_value());
  EXPECT_TRUE(compute_rates(a, b, 1.0).requests_delta.has_value());
  EXPECT_FALSE(compute_rates(a, b, 0.0).requests_per_second.has_value());
  const scrape_result failed = failed_scrape("connect: refused");
  EXPECT_FALSE(failed.ok);
  EXPECT_FALSE(compute_rates(a, failed.values, 1.0).requests_delta.has_value());
}

}  // namespace
}  // namespace shield::monitor
