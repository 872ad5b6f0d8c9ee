// What the parser returns: families, samples, labels, values, timestamps, storage lifetime.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "support/prom/exposition_parser.hpp"
#include "support/prom/synthetic_exposition.hpp"

namespace shield::prom {
namespace {

const sample& only_sample(const exposition& parsed, std::string_view family) {
  const metric_family* f = parsed.find(family);
  EXPECT_NE(f, nullptr) << family;
  static const sample empty{};
  return f != nullptr && f->samples.size() == 1 ? f->samples.front() : empty;
}

std::string_view label_value(const sample& s, std::string_view name) {
  for (const label& l : s.labels) {
    if (l.name == name) {
      return l.value;
    }
  }
  return "<absent>";
}

TEST(PromExpositionModel, FamiliesTypesAndHelp) {
  const exposition parsed = parse_exposition(
      "# HELP rpc_seconds RPC \\\\ latency\\nin seconds.\n# TYPE rpc_seconds summary\n"
      "rpc_seconds{quantile=\"0.5\"} 4773\nrpc_seconds_sum 17\nrpc_seconds_count 2693\n"
      "# TYPE up gauge\nup 1\nother 2\n",
      exposition_format::prometheus_text);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.families.size(), 3U);
  const metric_family& rpc = parsed.families[0];
  EXPECT_EQ(rpc.name, "rpc_seconds");
  EXPECT_EQ(rpc.type, metric_type::summary);
  EXPECT_TRUE(rpc.has_help);
  EXPECT_EQ(rpc.help, "RPC \\ latency\nin seconds.");
  EXPECT_EQ(rpc.line, 1U);
  ASSERT_EQ(rpc.samples.size(), 3U);
  EXPECT_EQ(rpc.samples[1].name, "rpc_seconds_sum");
  EXPECT_EQ(rpc.samples[2].value, 2693.0);
  EXPECT_EQ(rpc.samples[2].line, 5U);
  EXPECT_EQ(parsed.families[1].type, metric_type::gauge);
  EXPECT_FALSE(parsed.families[1].has_help);
  EXPECT_EQ(parsed.families[2].name, "other");
  EXPECT_EQ(parsed.families[2].type, metric_type::untyped);
}

TEST(PromExpositionModel, LabelValuesAreUnescaped) {
  const exposition parsed =
      parse_exposition("m{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\\nbye\",plain=\"x\",empty=\"\"} 1\n",
                       exposition_format::prometheus_text);
  ASSERT_TRUE(parsed.ok());
  const sample& s = only_sample(parsed, "m");
  ASSERT_EQ(s.labels.size(), 4U);
  EXPECT_EQ(label_value(s, "path"), "C:\\dir");
  EXPECT_EQ(label_value(s, "msg"), "say \"hi\"\nbye");
  EXPECT_EQ(label_value(s, "plain"), "x");
  EXPECT_EQ(label_value(s, "empty"), "");
  EXPECT_EQ(s.labels[0].name, "path");
}

TEST(PromExpositionModel, SpecialValuesAndTimestamps) {
  const exposition parsed =
      parse_exposition("a NaN\nb +Inf\nc -Inf\nd -1.5e-3 1395066363000\ne 5. -17\nf .5 +3\ng Infinity\n",
                       exposition_format::prometheus_text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(std::isnan(only_sample(parsed, "a").value));
  EXPECT_EQ(only_sample(parsed, "b").value, std::numeric_limits<double>::infinity());
  EXPECT_EQ(only_sample(parsed, "c").value, -std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(only_sample(parsed, "d").value, -0.0015);
  EXPECT_EQ(only_sample(parsed, "d").timestamp_ms, 1395066363000);
  EXPECT_EQ(only_sample(parsed, "e").value, 5.0);
  EXPECT_EQ(only_sample(parsed, "e").timestamp_ms, -17);
  EXPECT_EQ(only_sample(parsed, "f").value, 0.5);
  EXPECT_EQ(only_sample(parsed, "f").timestamp_ms, 3);
  EXPECT_FALSE(only_sample(parsed, "a").timestamp_ms.has_value());
  EXPECT_EQ(only_sample(parsed, "g").value, std::numeric_limits<double>::infinity());
}

// As Go's ParseFloat reads them for promtool: underflow to a signed zero or the nearest denormal.
TEST(PromExpositionModel, UnderflowReadsAsZeroOrDenormal) {
  const exposition parsed =
      parse_exposition("a 1e-400\nb -1e-400\nc 3e-324\nd 2e-324\ne 0.000000000000000000000001e-310\nf 0e999999\n",
                       exposition_format::prometheus_text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(only_sample(parsed, "a").value, 0.0);
  EXPECT_FALSE(std::signbit(only_sample(parsed, "a").value));
  EXPECT_EQ(only_sample(parsed, "b").value, 0.0);
  EXPECT_TRUE(std::signbit(only_sample(parsed, "b").value));
  EXPECT_EQ(only_sample(parsed, "c").value, std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(only_sample(parsed, "d").value, 0.0);
  EXPECT_EQ(only_sample(parsed, "e").value, 0.0);
  EXPECT_EQ(only_sample(parsed, "f").value, 0.0);
}

TEST(PromExpositionModel, OverflowIsAnInvalidValue) {
  for (const char* text : {"a 1e400\n", "a -1.8e309\n",
                           "a 1000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n"}) {
    const exposition parsed = parse_exposition(text, exposition_format::prometheus_text);
    ASSERT_EQ(parsed.errors.size(), 1U) << text;
    EXPECT_EQ(parsed.errors[0].rule, rules::invalid_value) << text;
  }
}

TEST(PromExpositionModel, TimestampOverflowIsAnError) {
  const exposition parsed = parse_exposition("a 1 99999999999999999999\n", exposition_format::prometheus_text);
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].rule, rules::invalid_timestamp);
}

TEST(PromExpositionModel, OpenMetricsTimestampsAreSecondsAndUnitIsKept) {
  const exposition parsed = parse_exposition(
      "# TYPE foo_seconds counter\n# UNIT foo_seconds seconds\n# HELP foo_seconds Help \\\" quoted.\n"
      "foo_seconds_total 17.0 1520879607.789\nfoo_seconds_created 1520430000.123\n# EOF\n",
      exposition_format::openmetrics);
  ASSERT_TRUE(parsed.ok());
  const metric_family& f = parsed.families.at(0);
  EXPECT_EQ(f.type, metric_type::counter);
  EXPECT_TRUE(f.has_unit);
  EXPECT_EQ(f.unit, "seconds");
  EXPECT_EQ(f.help, "Help \" quoted.");
  ASSERT_EQ(f.samples.size(), 2U);
  EXPECT_EQ(f.samples[0].timestamp_ms, 1520879607789);
  EXPECT_EQ(f.samples[1].value, 1520430000.123);
}

TEST(PromExpositionModel, OpenMetricsEmptyHelpCountsAsAbsent) {
  const exposition parsed =
      parse_exposition("# TYPE foo gauge\n# HELP foo \nfoo 1\n# EOF\n", exposition_format::openmetrics);
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed.families.at(0).has_help);
}

TEST(PromExpositionModel, OpenMetricsUndefinedEscapeKeptVerbatim) {
  const exposition parsed = parse_exposition("foo{a=\"x\\qy\"} 1\n# EOF\n", exposition_format::openmetrics);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(label_value(only_sample(parsed, "foo"), "a"), "x\\qy");
}

TEST(PromExpositionModel, OpenMetricsLaterPointsOfASeriesAreAllowed) {
  const exposition parsed =
      parse_exposition("# TYPE foo gauge\nfoo 1 100\nfoo 2 200\n# EOF\n", exposition_format::openmetrics);
  EXPECT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.families.at(0).samples.size(), 2U);
}

TEST(PromExpositionModel, ViewsOutliveTheInputAndCopies) {
  exposition kept;
  {
    std::string input = "m{a=\"esc\\\\aped\",b=\"plain\"} 1\n";
    const exposition parsed = parse_exposition(input, exposition_format::prometheus_text);
    input.assign(input.size(), 'x');  // the caller's buffer changes
    kept = parsed;                    // copy shares the storage
  }
  ASSERT_TRUE(kept.ok());
  const sample& s = only_sample(kept, "m");
  EXPECT_EQ(label_value(s, "a"), "esc\\aped");
  EXPECT_EQ(label_value(s, "b"), "plain");
  EXPECT_EQ(s.name, "m");
}

TEST(PromExpositionModel, ErrorsAreCappedAndFlagged) {
  std::string bad;
  for (int i = 0; i < 50; ++i) {
    bad += "1bad\n";
  }
  parse_options options;
  options.max_errors = 10;
  const exposition parsed = parse_exposition(bad, exposition_format::prometheus_text, options);
  EXPECT_EQ(parsed.errors.size(), 10U);
  EXPECT_TRUE(parsed.errors_truncated);
  EXPECT_EQ(parsed.errors.back().line, 10U);
}

TEST(PromExpositionModel, ValidLinesSurviveBadOnes) {
  const exposition parsed = parse_exposition("a 1\nb{x=} 2\nc 3\n", exposition_format::prometheus_text);
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].line, 2U);
  EXPECT_NE(parsed.find("a"), nullptr);
  EXPECT_EQ(parsed.find("b"), nullptr);
  EXPECT_NE(parsed.find("c"), nullptr);
  EXPECT_NE(parsed.first_error(rules::invalid_label_syntax), nullptr);
  EXPECT_EQ(parsed.first_error(rules::missing_eof), nullptr);
}

TEST(PromExpositionModel, LabelHashIgnoresOrder) {
  const exposition parsed = parse_exposition("a{x=\"1\",y=\"2\"} 1\nb{y=\"2\",x=\"1\"} 1\nc{x=\"2\",y=\"1\"} 1\n",
                                             exposition_format::prometheus_text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(only_sample(parsed, "a").labels_hash, only_sample(parsed, "b").labels_hash);
  EXPECT_NE(only_sample(parsed, "a").labels_hash, only_sample(parsed, "c").labels_hash);
  EXPECT_EQ(hash_labels(only_sample(parsed, "c").labels), only_sample(parsed, "c").labels_hash);
}

TEST(PromExpositionModel, ContentTypeSelectsTheFormat) {
  EXPECT_EQ(format_from_content_type("text/plain; version=0.0.4; charset=utf-8"), exposition_format::prometheus_text);
  EXPECT_EQ(format_from_content_type("text/plain"), exposition_format::prometheus_text);
  EXPECT_EQ(format_from_content_type("application/openmetrics-text; version=1.0.0; charset=utf-8"),
            exposition_format::openmetrics);
  EXPECT_EQ(format_from_content_type(" Application/OpenMetrics-Text ;version=0.0.1"), exposition_format::openmetrics);
  EXPECT_FALSE(format_from_content_type("application/json").has_value());
  EXPECT_FALSE(format_from_content_type("").has_value());
  EXPECT_EQ(to_string(metric_type::untyped, exposition_format::openmetrics), "unknown");
  EXPECT_EQ(to_string(metric_type::gauge_histogram, exposition_format::openmetrics), "gaugehistogram");
}

TEST(PromExpositionModel, SyntheticBenchmarkInputParsesCompletely) {
  const std::string text = make_synthetic_exposition();
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  EXPECT_EQ(lines, 30004U);
  const auto start = std::chrono::steady_clock::now();
  const exposition parsed = parse_exposition(text, exposition_format::prometheus_text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(parsed.ok()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.families.size(), 2U);
  const metric_family& histogram = parsed.families[0];
  EXPECT_EQ(histogram.type, metric_type::histogram);
  EXPECT_EQ(histogram.samples.size(), 2000U * 15U);
  // Every series: 13 buckets with le last, then sum and count equal to the +Inf bucket.
  for (std::size_t series = 0; series < 2000; ++series) {
    const sample& inf = histogram.samples[series * 15 + 12];
    const sample& count = histogram.samples[series * 15 + 14];
    ASSERT_EQ(inf.labels.back().value, "+Inf");
    ASSERT_EQ(count.name, "http_request_duration_seconds_count");
    ASSERT_EQ(inf.value, count.value);
  }
  // Generous bound (sanitizer builds included); the benchmark measures the real speed.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 10);
}

TEST(PromExpositionModel, CorruptedSyntheticInputIsCaught) {
  std::string text = make_synthetic_exposition({50, 4, 0});
  // Swap one bucket count for a smaller one: the series is no longer cumulative.
  const std::string needle = "le=\"0.01\"} ";
  const std::size_t at = text.find(needle, text.size() / 2);
  ASSERT_NE(at, std::string::npos);
  const std::size_t value_at = at + needle.size();
  const std::size_t value_end = text.find('\n', value_at);
  text.replace(value_at, value_end - value_at, "1000000");
  const exposition parsed = parse_exposition(text, exposition_format::prometheus_text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.errors.front().rule, rules::histogram_bucket_not_cumulative);
}

}  // namespace
}  // namespace shield::prom
