// Against the running fixture servers: real expositions captured now (Prometheus' own /metrics and
// the target's) parsed and linted by us and by promtool with the same verdict; the API client and
// the query verdicts on a real Prometheus.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "checks/metrics/live_endpoints.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/lint.hpp"
#include "support/prom/prom_api_client.hpp"
#include "checks/metrics/prometheus_verdict.hpp"
#include "checks/metrics/promtool_check.hpp"

namespace shield::metrics {
namespace {

constexpr std::string_view text_accept = "text/plain; version=0.0.4";

prom::prom_api_client client_for(const live::live_url& where) {
  http::client_options options;
  options.request_timeout = std::chrono::seconds(20);
  return prom::prom_api_client(*http::parse_url(*where), options);
}

// One capture of /metrics.
struct capture {
  std::string body;                  // the exposition text
  prom::exposition_format format{};  // from the Content-Type
  std::string problem;               // why there is no capture
};

capture fetch(const live::live_url& where, std::string_view accept, const std::string& path = "/metrics") {
  capture out;
  if (!where) {
    out.problem = where.error().message;
    return out;
  }
  auto client = client_for(where);
  const http::response res = client.get(path, accept);
  if (!res.ok() || res.status != 200) {
    out.problem = "GET " + *where + path + ": status " + std::to_string(res.status) + " " + res.error_message;
    return out;
  }
  const auto format = prom::format_from_content_type(res.header_value("Content-Type"));
  if (!format) {
    out.problem = "unexpected Content-Type " + std::string(res.header_value("Content-Type"));
    return out;
  }
  out.body = res.body;
  out.format = *format;
  return out;
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Our check_metrics and promtool agree on one real exposition.
void expect_same_verdict(const std::string& what, const std::string& body) {
  SCOPED_TRACE(what);
  const auto promtool = find_promtool();
  ASSERT_TRUE(promtool.has_value()) << "promtool not found (package prometheus) and SHIELD_PROMTOOL not set";
  const prom::metrics_check ours = prom::check_metrics(body, prom::exposition_format::prometheus_text);
  const promtool_result theirs = run_promtool_check_metrics(*promtool, body);
  ASSERT_TRUE(theirs.error.empty()) << theirs.error;
  std::cout << "[ capture  ] " << what << ": " << body.size() << " bytes, " << ours.parsed.families.size()
            << " families; ours " << (ours.ok() ? "clean" : "problems") << ", promtool exit " << theirs.exit_code
            << "\n";
  EXPECT_EQ(ours.ok(), theirs.exit_code == 0) << "promtool:\n"
                                              << theirs.output << "ours:\n"
                                              << prom::format_problems(ours.problems);
  if (theirs.exit_code == 1) {
    ASSERT_FALSE(ours.parsed.ok());
    EXPECT_NE(theirs.output.find("line " + std::to_string(ours.parsed.errors.front().line)), std::string::npos)
        << theirs.output << " vs ours at line " << ours.parsed.errors.front().line;
  } else {
    EXPECT_TRUE(ours.parsed.ok()) << ours.parsed.errors.front().message;
    EXPECT_EQ(sorted_lines(prom::format_problems(ours.problems)), theirs.lines);
  }
}

TEST(LiveExposition, PrometheusOwnMetricsAgreeWithPromtool) {
  // Two captures: counters and histograms move between them, so the inputs differ.
  for (int i = 0; i < 2; ++i) {
    const capture c = fetch(live::prometheus_url(), text_accept);
    ASSERT_TRUE(c.problem.empty()) << c.problem;
    ASSERT_EQ(c.format, prom::exposition_format::prometheus_text);
    const auto parsed = prom::parse_exposition(c.body, c.format);
    // A real, varied input: many families, with histograms and summaries among them.
    EXPECT_GT(parsed.families.size(), 50u);
    const auto has = [&](prom::metric_type t) {
      return std::any_of(parsed.families.begin(), parsed.families.end(), [&](const auto& f) { return f.type == t; });
    };
    EXPECT_TRUE(has(prom::metric_type::histogram) && has(prom::metric_type::summary) &&
                has(prom::metric_type::counter));
    expect_same_verdict("prometheus /metrics capture " + std::to_string(i + 1), c.body);
  }
}

TEST(LiveExposition, PrometheusFederationOutputAgreesWithPromtool) {
  // /federate re-exposes every stored series: untyped, no HELP, with timestamps (promtool exits 3).
  const std::string match = "/federate?match[]=" + prom::form_encode("{job=~\".+\"}");
  const capture c = fetch(live::prometheus_url(), text_accept, match);
  ASSERT_TRUE(c.problem.empty()) << c.problem;
  const auto parsed = prom::parse_exposition(c.body, c.format);
  ASSERT_FALSE(parsed.families.empty());
  EXPECT_TRUE(parsed.families.front().samples.at(0).timestamp_ms.has_value());
  EXPECT_NE(parsed.find("up"), nullptr);
  expect_same_verdict("prometheus /federate", c.body);
}

TEST(LiveExposition, TargetMetricsAgreeWithPromtool) {
  const capture c = fetch(live::target_url(), text_accept);
  ASSERT_TRUE(c.problem.empty()) << c.problem;
  expect_same_verdict("target /metrics", c.body);
}

TEST(LivePromApi, QueriesAndTargetsOnARealServer) {
  const auto where = live::prometheus_url();
  ASSERT_TRUE(where) << where.error();
  auto client = client_for(where);
  const auto up = client.query("up");
  ASSERT_TRUE(up.ok()) << up.describe();
  EXPECT_EQ(up.result_type, "vector");
  EXPECT_FALSE(up.series.empty());
  const auto two = client.query("vector(1) + 1");
  ASSERT_TRUE(two.ok()) << two.describe();
  EXPECT_EQ(two.series.at(0).samples.at(0).value, 2.0);
  const auto at = client.query("time()", 1700000000.0);
  ASSERT_TRUE(at.ok()) << at.describe();
  EXPECT_EQ(at.result_type, "scalar");
  EXPECT_EQ(at.series.at(0).samples.at(0).value, 1700000000.0);
  const auto bad = client.query("sum(rate(up[5m])");
  EXPECT_EQ(bad.status, prom::api_status::error);
  EXPECT_EQ(bad.error_type, "bad_data") << bad.describe();
  const auto targets = client.targets();
  ASSERT_TRUE(targets.ok()) << targets.error;
  ASSERT_FALSE(targets.active.empty());
  EXPECT_GT(targets.active[0].scrape_interval.count(), 0);
  EXPECT_FALSE(targets.active[0].last_scrape.empty());
}

TEST(LivePromApi, WaitsForScrapesOfTheTargetOnly) {
  const auto where = live::prometheus_url();
  const auto target = live::target_url();
  ASSERT_TRUE(where && target) << where.error() << target.error();
  auto client = client_for(where);
  scrape_wait_options options;
  options.scrapes = 2;
  options.limit = std::chrono::seconds(60);
  const auto seen = wait_for_scrapes(client, *http::parse_url(*target), options);
  EXPECT_TRUE(seen.ok()) << format_findings(seen.problems);
  EXPECT_GE(seen.scrapes_seen, 2);
  ASSERT_TRUE(seen.target.has_value());
  EXPECT_EQ(seen.target->health, "up");

  options.limit = std::chrono::seconds(2);
  const auto other = wait_for_scrapes(client, *http::parse_url("http://127.0.0.1:1"), options);
  ASSERT_EQ(other.problems.size(), 1u);
  EXPECT_EQ(other.problems[0].kind, finding_kind::target_not_scraped);
  EXPECT_NE(other.problems[0].message.find("does not scrape http://127.0.0.1:1"), std::string::npos)
      << other.problems[0].message;
  EXPECT_LT(other.waited, std::chrono::seconds(5));
}

// Prometheus scraping the backend under its own job, at an address that is not --target's: named
// by job it is found; a job it does not have fails within one scrape interval, listing its targets.
TEST(LivePromApi, SelectsTheTargetByJobAndFailsFastListingTargets) {
  const auto where = live::prometheus_url();
  ASSERT_TRUE(where) << where.error();
  auto client = client_for(where);
  const auto elsewhere = *http::parse_url("https://shield.staging.example:18443");
  scrape_wait_options options;
  options.scrapes = 1;
  options.limit = std::chrono::seconds(60);
  options.job = "shield";
  const auto by_job = wait_for_scrapes(client, elsewhere, options);
  EXPECT_TRUE(by_job.ok()) << format_findings(by_job.problems);
  ASSERT_TRUE(by_job.target.has_value());
  EXPECT_EQ(by_job.target->labels.at("job"), "shield");

  options.job = "not_a_job";
  const auto missing = wait_for_scrapes(client, elsewhere, options);
  ASSERT_EQ(missing.problems.size(), 1u);
  const auto& message = missing.problems[0].message;
  EXPECT_NE(message.find("has no target with job=\"not_a_job\""), std::string::npos) << message;
  EXPECT_NE(message.find("job=shield instance="), std::string::npos) << "lists the targets it has: " << message;
  EXPECT_LT(missing.waited, std::chrono::seconds(10)) << "one scrape interval (1 s here, at least 2 s), not 60 s";
}

TEST(LivePromApi, EmptyResultsAreExplained) {
  const auto where = live::prometheus_url();
  ASSERT_TRUE(where) << where.error();
  const std::string json = R"json({"panels": [
    {"id": 1, "title": "ok", "type": "timeseries", "targets": [{"refId": "A", "expr": "up"}]},
    {"id": 2, "title": "filtered", "type": "timeseries", "targets": [{"refId": "A", "expr": "sum(up{job=\"no-such-job\"})"}]},
    {"id": 3, "title": "absent", "type": "timeseries", "targets": [{"refId": "A", "expr": "rate(no_such_metric_total[1m])"}]},
    {"id": 4, "title": "dropped", "type": "timeseries", "targets": [{"refId": "A", "expr": "up == -1"}]},
    {"id": 5, "title": "broken", "type": "timeseries", "targets": [{"refId": "A", "expr": "sum(up"}]}],
    "annotations": {"list": [{"name": "event", "enable": true, "datasource": {"type": "prometheus", "uid": "x"},
                              "expr": "up == -1"}]}})json";
  const prepared_dashboard d = prepare_dashboard_text(json, "inline");
  ASSERT_TRUE(d.problems.empty()) << format_findings(d.problems);
  auto client = client_for(where);
  const auto findings = run_dashboard_queries(client, d);
  std::map<std::string, finding> by_query;
  for (const auto& f : findings) EXPECT_TRUE(by_query.emplace(f.subject, f).second) << format_findings(findings);
  EXPECT_FALSE(by_query.contains(R"(panel "ok" (id 1) target A)")) << format_findings(findings);
  const auto& filtered = by_query[R"(panel "filtered" (id 2) target A)"];
  EXPECT_EQ(filtered.level, severity::warning) << filtered.message;
  EXPECT_NE(filtered.message.find(R"(up{job="no-such-job"} matches none of up's)"), std::string::npos)
      << filtered.message;
  const auto& absent = by_query[R"(panel "absent" (id 3) target A)"];
  EXPECT_EQ(absent.level, severity::error);
  EXPECT_EQ(absent.kind, finding_kind::no_data);
  EXPECT_NE(absent.message.find("metric no_such_metric_total has no series"), std::string::npos) << absent.message;
  const auto& dropped = by_query[R"(panel "dropped" (id 4) target A)"];
  EXPECT_EQ(dropped.level, severity::error);
  EXPECT_NE(dropped.message.find("yet the query returns nothing"), std::string::npos) << dropped.message;
  const auto& broken = by_query[R"(panel "broken" (id 5) target A)"];
  EXPECT_EQ(broken.kind, finding_kind::query_rejected);
  EXPECT_NE(broken.message.find("Prometheus rejects `sum(up`"), std::string::npos) << broken.message;
  const auto& event = by_query[R"(annotation "event")"];
  EXPECT_EQ(event.level, severity::warning) << event.message;
  EXPECT_EQ(findings.size(), 5u) << format_findings(findings);
}

}  // namespace
}  // namespace shield::metrics
