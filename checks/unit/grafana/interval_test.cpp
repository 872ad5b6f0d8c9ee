#include "support/grafana/interval.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

TEST(GrafanaInterval, ParsesPrometheusDurations) {
  EXPECT_EQ(parse_duration_ms("15s"), 15'000);
  EXPECT_EQ(parse_duration_ms("500ms"), 500);
  EXPECT_EQ(parse_duration_ms("1m"), 60'000);
  EXPECT_EQ(parse_duration_ms("1m30s"), 90'000);
  EXPECT_EQ(parse_duration_ms("1h30m15s250ms"), 5'415'250);
  EXPECT_EQ(parse_duration_ms("2d"), 172'800'000);
  EXPECT_EQ(parse_duration_ms("1w"), 604'800'000);
  EXPECT_EQ(parse_duration_ms("1y"), 31'536'000'000);
  EXPECT_EQ(parse_duration_ms("30"), 30'000);  // bare number: seconds
  EXPECT_EQ(parse_duration_ms(">10s"), 10'000);
  EXPECT_EQ(parse_duration_ms("0s"), 0);
}

TEST(GrafanaInterval, RejectsMalformedDurations) {
  for (const char* text : {"", "s", "5x", "1.5s", "-5s", "5s1m", "1m1m", "5 s", "10ms5s", ">", "1s2"})
    EXPECT_FALSE(parse_duration_ms(text).has_value()) << text;
  EXPECT_FALSE(parse_duration_ms("99999999999999999999y").has_value());
}

// Prometheus's own limit (int64 nanoseconds), so interval arithmetic cannot overflow: the fuzzer
// found "116511656y" wrapping $__rate_interval's 4 * scrape.
TEST(GrafanaInterval, RejectsDurationsPastPrometheusLimit) {
  EXPECT_EQ(parse_duration_ms("292y"), 292 * 31'536'000'000);
  EXPECT_FALSE(parse_duration_ms("293y").has_value());
  EXPECT_FALSE(parse_duration_ms("116511656y").has_value());
  EXPECT_FALSE(parse_duration_ms("292y52w").has_value());
  EXPECT_FALSE(parse_duration_ms("9223372036855").has_value());  // bare seconds
  EXPECT_EQ(parse_duration_ms(format_duration(max_duration_ms)), max_duration_ms);
  EXPECT_EQ(rate_interval_ms(max_duration_ms, max_duration_ms), 4 * max_duration_ms);
}

TEST(GrafanaInterval, FormatsExactlyLargestUnitFirst) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(250), "250ms");
  EXPECT_EQ(format_duration(15'000), "15s");
  EXPECT_EQ(format_duration(60'000), "1m");
  EXPECT_EQ(format_duration(70'000), "1m10s");
  EXPECT_EQ(format_duration(3'600'000), "1h");
  EXPECT_EQ(format_duration(90'061'001), "1d1h1m1s1ms");
  for (const std::int64_t ms :
       std::initializer_list<std::int64_t>{1, 999, 1'000, 61'500, 86'400'000, 700'000'000, 40'000'000'000})
    EXPECT_EQ(parse_duration_ms(format_duration(ms)), ms) << ms;
}

TEST(GrafanaInterval, RoundsLikeGrafana) {
  EXPECT_EQ(round_interval_ms(1), 10);
  EXPECT_EQ(round_interval_ms(3'600), 5'000);
  EXPECT_EQ(round_interval_ms(15'000), 15'000);
  EXPECT_EQ(round_interval_ms(40'000), 30'000);
  EXPECT_EQ(round_interval_ms(100'000), 120'000);
  EXPECT_EQ(round_interval_ms(120'000), 120'000);
  EXPECT_EQ(round_interval_ms(3'600'000), 3'600'000);
  EXPECT_EQ(round_interval_ms(10'000'000'000), 31'536'000'000);
}

TEST(GrafanaInterval, CalculatedIntervalHonoursTheMinimum) {
  // 1 h over 1000 points is 3.6 s -> 5 s, raised to the 15 s scrape interval.
  EXPECT_EQ(calculate_interval_ms(3'600'000, 1'000, 15'000), 15'000);
  // 24 h over 1000 points is 86.4 s -> 1 m.
  EXPECT_EQ(calculate_interval_ms(86'400'000, 1'000, 15'000), 60'000);
  // Auto interval: 1 h / 30 = 2 m.
  EXPECT_EQ(calculate_interval_ms(3'600'000, 30, 10'000), 120'000);
}

TEST(GrafanaInterval, RateIntervalRule) {
  EXPECT_EQ(rate_interval_ms(15'000, 15'000), 60'000);  // 4 * scrape wins
  EXPECT_EQ(rate_interval_ms(60'000, 15'000), 75'000);  // interval + scrape wins
  EXPECT_EQ(rate_interval_ms(45'000, 15'000), 60'000);  // tie
  EXPECT_EQ(rate_interval_ms(120'000, 30'000), 150'000);
}

}  // namespace
}  // namespace shield::grafana
