// verify_exposition on hand-written expositions shaped like the reference and Python backends.
#include <gtest/gtest.h>

#include <map>

#include "fixtures/expected_metrics/expected_metrics_loader.hpp"
#include "checks/metrics/exposition_verdict.hpp"

namespace shield::metrics {
namespace {

const expected::expected_metrics& shipped() {
  static const expected::load_result r = expected::load_expected_metrics(expected::default_expected_metrics_file());
  EXPECT_TRUE(r.ok()) << r.error_text();
  return *r.metrics;
}

// The ten metrics as the reference backend writes them; values and types can be overridden.
struct exposition_text {
  std::map<std::string, std::string> value = {{"cpu", "12.5"},   {"memory", "10117120"}, {"redis", "1"},
                                              {"sessions", "3"}, {"entries", "7"},       {"redis_memory", "1104128"}};
  std::string mapping_type = "untyped";
  std::string status_label = R"(,status="200")";
  std::string extra;  // appended families

  std::string render() const {
    std::string t;
    t += "# HELP http_requests_total Total HTTP requests\n# TYPE http_requests_total counter\n";
    t += R"(http_requests_total{method="GET",endpoint="/health")" + status_label + "} 4\n";
    t += R"(http_requests_total{method="POST",endpoint="/anonymize",status="200"} 2)"
         "\n";
    t += "# HELP http_request_duration_seconds Duration\n# TYPE http_request_duration_seconds histogram\n";
    for (const char* le : {"0.1", "1", "+Inf"})
      t += std::string(R"(http_request_duration_seconds_bucket{method="GET",endpoint="/health",le=")") + le + "\"} 4\n";
    t += R"(http_request_duration_seconds_sum{method="GET",endpoint="/health"} 0.01)"
         "\n";
    t += R"(http_request_duration_seconds_count{method="GET",endpoint="/health"} 4)"
         "\n";
    t += "# HELP pii_detection_errors_total Errors\n# TYPE pii_detection_errors_total "
         "counter\npii_detection_errors_total 0\n";
    t += "# HELP deanonymization_failures_total Failures\n# TYPE deanonymization_failures_total counter\n"
         "deanonymization_failures_total 0\n";
    t += gauge("system_cpu_usage_percent", value.at("cpu"));
    t += gauge("system_memory_usage_bytes", value.at("memory"));
    t += gauge("redis_connection_status", value.at("redis"));
    t += "# HELP redis_mapping_sessions_total Sessions\n# TYPE redis_mapping_sessions_total " + mapping_type +
         "\nredis_mapping_sessions_total " + value.at("sessions") + "\n";
    t += "# HELP redis_mapping_entries_total Entries\n# TYPE redis_mapping_entries_total " + mapping_type +
         "\nredis_mapping_entries_total " + value.at("entries") + "\n";
    t += gauge("redis_memory_usage_bytes", value.at("redis_memory"));
    return t + extra;
  }

  static std::string gauge(const std::string& name, const std::string& v) {
    return "# HELP " + name + " Help\n# TYPE " + name + " gauge\n" + name + " " + v + "\n";
  }
};

std::vector<finding> verdict(const std::string& text,
                             prom::exposition_format format = prom::exposition_format::prometheus_text) {
  return verify_exposition(prom::check_metrics(text, format), shipped());
}

// The one finding of this kind, failing the test when there is not exactly one.
finding only(const std::vector<finding>& all, finding_kind kind) {
  const auto found = select(all, {kind});
  EXPECT_EQ(found.size(), 1u) << format_findings(all);
  return found.empty() ? finding{} : found.front();
}

TEST(ExpositionVerdict, ReferenceShapeIsClean) {
  const auto findings = verdict(exposition_text{}.render());
  EXPECT_TRUE(findings.empty()) << format_findings(findings);
}

TEST(ExpositionVerdict, PythonExtrasAreAcceptedWithoutAWord) {
  exposition_text t;
  t.extra =
      "# HELP http_requests_created Total\n# TYPE http_requests_created gauge\n"
      "http_requests_created{method=\"GET\",endpoint=\"/health\",status=\"200\"} 1.7e+09\n"
      "# HELP process_resident_memory_bytes RSS\n# TYPE process_resident_memory_bytes gauge\n"
      "process_resident_memory_bytes 2.1e+07\n"
      "# HELP python_gc_objects_collected_total Objects\n# TYPE python_gc_objects_collected_total counter\n"
      "python_gc_objects_collected_total{generation=\"0\"} 312\n"
      "# HELP python_info Python platform\n# TYPE python_info gauge\n"
      "python_info{implementation=\"CPython\",major=\"3\",minor=\"11\"} 1\n";
  const auto findings = verdict(t.render());
  EXPECT_TRUE(findings.empty()) << format_findings(findings);
}

TEST(ExpositionVerdict, MappingGaugesAreWarningsWithTheirLint) {
  exposition_text t;
  t.mapping_type = "gauge";
  const auto findings = verdict(t.render());
  EXPECT_EQ(error_count(findings), 0u) << format_findings(findings);
  const auto types = select(findings, {finding_kind::wrong_type});
  const auto lints = select(findings, {finding_kind::lint_problem});
  ASSERT_EQ(types.size(), 2u) << format_findings(findings);
  ASSERT_EQ(lints.size(), 2u) << format_findings(findings);
  for (const auto& f : lints) {
    EXPECT_EQ(f.level, severity::warning);
    EXPECT_NE(f.message.find("non-counter-total-suffix"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("non-counter metrics should not have \"_total\" suffix"), std::string::npos) << f.message;
  }
  EXPECT_NE(types[0].message.find("is a gauge, expected untyped; tolerated"), std::string::npos) << types[0].message;
}

TEST(ExpositionVerdict, MappingCountersAreToleratedWithoutALint) {
  exposition_text t;
  t.mapping_type = "counter";
  const auto findings = verdict(t.render());
  EXPECT_EQ(error_count(findings), 0u) << format_findings(findings);
  const auto types = select(findings, {finding_kind::wrong_type});
  ASSERT_EQ(types.size(), 2u) << format_findings(findings);
  EXPECT_EQ(types[0].level, severity::warning);
  EXPECT_EQ(types[0].subject, "redis_mapping_sessions_total");
  EXPECT_TRUE(select(findings, {finding_kind::lint_problem}).empty()) << format_findings(findings);
}

TEST(ExpositionVerdict, MappingAsSummaryIsAnError) {
  exposition_text t;
  t.mapping_type = "summary";
  const auto findings = verdict(t.render());
  const auto types = select(findings, {finding_kind::wrong_type});
  ASSERT_FALSE(types.empty()) << format_findings(findings);
  EXPECT_EQ(types[0].level, severity::error) << types[0].message;
  EXPECT_EQ(types[0].subject, "redis_mapping_sessions_total");
}

TEST(ExpositionVerdict, ValueRulesNameTheSeriesAndTheRule) {
  exposition_text t;
  t.value["cpu"] = "120";
  t.value["redis"] = "0";
  t.value["memory"] = "0";
  const auto findings = verdict(t.render());
  const auto values = select(findings, {finding_kind::value_out_of_range});
  ASSERT_EQ(values.size(), 3u) << format_findings(findings);
  std::map<std::string, std::string> by_metric;
  for (const auto& f : values) by_metric[f.subject] = f.message;
  EXPECT_NE(by_metric["system_cpu_usage_percent"].find("break 0 <= system_cpu_usage_percent <= 100: "
                                                       "system_cpu_usage_percent = 120"),
            std::string::npos)
      << by_metric["system_cpu_usage_percent"];
  EXPECT_NE(by_metric["redis_connection_status"].find("redis_connection_status == 1"), std::string::npos);
  EXPECT_NE(by_metric["system_memory_usage_bytes"].find("0 < system_memory_usage_bytes"), std::string::npos);
  EXPECT_EQ(error_count(findings), 3u);
}

TEST(ExpositionVerdict, NaNBreaksABoundedRule) {
  exposition_text t;
  t.value["cpu"] = "NaN";
  const auto f = only(verdict(t.render()), finding_kind::value_out_of_range);
  EXPECT_NE(f.message.find("= nan"), std::string::npos) << f.message;
}

TEST(ExpositionVerdict, MissingLabelCountsTheSeries) {
  exposition_text t;
  t.status_label = "";
  const auto f = only(verdict(t.render()), finding_kind::missing_label);
  EXPECT_EQ(f.subject, "http_requests_total");
  EXPECT_NE(f.message.find("1 of 2 samples lack label \"status\""), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("http_requests_total{method=\"GET\",endpoint=\"/health\"} (line 3)"), std::string::npos)
      << f.message;
}

TEST(ExpositionVerdict, MissingAndSamplelessMetrics) {
  exposition_text t;
  std::string text = t.render();
  // Drop the CPU gauge entirely and leave the memory gauge without samples.
  const auto cut = [&](const std::string& piece) { text.erase(text.find(piece), piece.size()); };
  cut(exposition_text::gauge("system_cpu_usage_percent", t.value.at("cpu")));
  cut("system_memory_usage_bytes " + t.value.at("memory") + "\n");
  const auto findings = verdict(text);
  const auto missing = select(findings, {finding_kind::missing_metric});
  ASSERT_EQ(missing.size(), 2u) << format_findings(findings);
  EXPECT_NE(
      missing[0].message.find("system_cpu_usage_percent (gauge, system-wide CPU usage in percent) is not exposed"),
      std::string::npos)
      << missing[0].message;
  EXPECT_NE(missing[1].message.find("system_memory_usage_bytes"), std::string::npos);
  EXPECT_NE(missing[1].message.find("declared but has no samples"), std::string::npos) << missing[1].message;
}

TEST(ExpositionVerdict, NodeFamiliesAreForbiddenOthersUnexpected) {
  exposition_text t;
  t.extra =
      "# HELP node_cpu_seconds_total CPU\n# TYPE node_cpu_seconds_total counter\n"
      "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 5\n"
      "# HELP shield_cache_hits_total Hits\n# TYPE shield_cache_hits_total counter\nshield_cache_hits_total 1\n";
  const auto findings = verdict(t.render());
  const auto forbidden = only(findings, finding_kind::forbidden_metric);
  EXPECT_EQ(forbidden.level, severity::error);
  EXPECT_NE(forbidden.message.find("target exposes node_cpu_seconds_total"), std::string::npos) << forbidden.message;
  const auto unexpected = only(findings, finding_kind::unexpected_metric);
  EXPECT_EQ(unexpected.level, severity::warning);
  EXPECT_EQ(unexpected.subject, "shield_cache_hits_total");
  EXPECT_EQ(error_count(findings), 1u) << format_findings(findings);
}

TEST(ExpositionVerdict, FormatErrorsAndLintsAreErrors) {
  exposition_text t;
  t.extra =
      "# HELP bad_total x\n# TYPE bad_total counter\nbad_total -1\n"
      "# TYPE requestLatency gauge\nrequestLatency 3\n";
  const auto findings = verdict(t.render());
  const auto format = only(findings, finding_kind::format_error);
  EXPECT_NE(format.message.find("[counter-negative]"), std::string::npos) << format.message;
  const auto lints = select(findings, {finding_kind::lint_problem});
  ASSERT_FALSE(lints.empty()) << format_findings(findings);
  for (const auto& f : lints) {
    EXPECT_EQ(f.level, severity::error) << f.message;
    EXPECT_EQ(f.subject, "requestLatency");
  }
}

TEST(ExpositionVerdict, ManyFormatErrorsAreSummedUp) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "bad metric line " + std::to_string(i) + "\n";
  exposition_verdict_options options;
  options.max_format_errors = 5;
  const auto findings =
      verify_exposition(prom::check_metrics(text, prom::exposition_format::prometheus_text), shipped(), options);
  const auto format = select(findings, {finding_kind::format_error});
  ASSERT_EQ(format.size(), 6u) << format_findings(findings);
  EXPECT_NE(format.back().message.find("25 more format errors"), std::string::npos) << format.back().message;
}

TEST(ExpositionVerdict, OpenMetricsCountersAreFoundWithoutTotal) {
  exposition_text counters;
  counters.mapping_type = "counter";  // the tolerated counter form, whose OpenMetrics name drops _total
  std::string om = counters.render();
  // OpenMetrics: counter families are named without _total.
  for (const char* name : {"http_requests", "pii_detection_errors", "deanonymization_failures",
                           "redis_mapping_sessions", "redis_mapping_entries"}) {
    for (const char* kind : {"# HELP ", "# TYPE "}) {
      const std::string from = std::string(kind) + name + "_total ";
      om.replace(om.find(from), from.size(), std::string(kind) + name + " ");
    }
  }
  om += "# EOF\n";
  const auto findings = verdict(om, prom::exposition_format::openmetrics);
  EXPECT_EQ(error_count(findings), 0u) << format_findings(findings);
  EXPECT_EQ(select(findings, {finding_kind::wrong_type}).size(), 2u) << format_findings(findings);
  EXPECT_EQ(findings.size(), 2u) << format_findings(findings);
}

}  // namespace
}  // namespace shield::metrics
