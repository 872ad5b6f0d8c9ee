// The client's exposition after real load runs against in-process servers: counts equal what
// the servers recorded, histograms agree with the tallies, and the text passes the strict parser,
// the promtool-equivalent lints and `promtool check metrics` itself.
#include "support/export/client_exposition.hpp"
#include "support/export/client_metrics.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/load/engine.hpp"
#include "support/prom/lint.hpp"
#include "checks/metrics/promtool_check.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace shield::live {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

load::workload get_workload(const std::string& name, bool stream = false) {
  load::workload w;
  w.name = name;
  load::workload_endpoint ep;
  ep.name = name;
  ep.stream = stream;
  w.endpoints.push_back(ep);
  for (int i = 0; i < 4; ++i) {
    load::planned_request p;
    p.request.target = "/item/" + std::to_string(i);
    p.request.expected_status = 200;
    w.pool.push_back(std::move(p));
  }
  return w;
}

load::load_result run(client_metrics& metrics, const std::string& case_name, const misbehaving_server& server,
                      std::uint64_t requests, bool stream = false) {
  load::load_config config;
  config.concurrency = 2;
  config.requests = requests;
  config.interval = std::chrono::milliseconds(20);  // several interval reports per run
  http::client_options options;
  options.connect_timeout = std::chrono::milliseconds(3000);
  options.request_timeout = std::chrono::milliseconds(5000);
  const load::load_target target{*http::parse_url(server.url()), options, nullptr, nullptr, {}};
  auto observer = metrics.observe(case_shape{case_name, {"probe"}, stream ? "probe" : ""});
  return load::run_load(config, get_workload("probe", stream), target, observer.get());
}

// Sample value by name and label set ("k=v,k=v" in input order); NaN when absent.
double value_of(const prom::exposition& e, std::string_view name, const std::string& labels) {
  for (const auto& f : e.families) {
    for (const auto& s : f.samples) {
      if (s.name != name) continue;
      std::string got;
      for (const auto& l : s.labels) got += (got.empty() ? "" : ",") + std::string(l.name) + "=" + std::string(l.value);
      if (got == labels) return s.value;
    }
  }
  return std::nan("");
}

std::string check_text(const std::string& text) {
  const auto checked = prom::check_metrics(text, prom::exposition_format::prometheus_text);
  std::string out;
  for (const auto& e : checked.parsed.errors) out += "line " + std::to_string(e.line) + ": " + e.message + "\n";
  out += prom::format_problems(checked.problems);
  return out;
}

TEST(ClientExposition, CountsEqualWhatTheServersRecorded) {
  misbehaving_server good;
  server_options failing_options;
  failing_options.mode = server_mode::unexpected_status;
  misbehaving_server failing(failing_options);
  client_metrics metrics;
  const auto ok_run = run(metrics, "probe/concurrency:2", good, 40);
  const auto bad_run = run(metrics, "probe/concurrency:2 (503)", failing, 12);
  ASSERT_TRUE(ok_run.error.empty() && bad_run.error.empty());

  const std::string text = metrics.render();
  EXPECT_EQ(check_text(text), "") << text;
  const auto parsed = prom::check_metrics(text, prom::exposition_format::prometheus_text).parsed;
  const std::string a = "case=probe/concurrency:2,endpoint=probe";
  const std::string b = "case=probe/concurrency:2 (503),endpoint=probe";
  EXPECT_EQ(value_of(parsed, "shield_client_requests_total", a + ",outcome=ok"),
            static_cast<double>(good.requests_received()));
  EXPECT_EQ(value_of(parsed, "shield_client_requests_total", a + ",outcome=ok"), 40.0);
  EXPECT_EQ(value_of(parsed, "shield_client_requests_total", a + ",outcome=reset"), 0.0)
      << "every outcome has a series";
  EXPECT_EQ(value_of(parsed, "shield_client_requests_total", b + ",outcome=unexpected_status"),
            static_cast<double>(failing.requests_received()));
  EXPECT_EQ(value_of(parsed, "shield_client_requests_total", b + ",outcome=ok"), 0.0);
  // The histogram holds the successful requests' latencies, as the tally does.
  EXPECT_EQ(value_of(parsed, "shield_client_request_duration_seconds_count", a), 40.0);
  EXPECT_EQ(value_of(parsed, "shield_client_request_duration_seconds_bucket", a + ",le=+Inf"), 40.0);
  EXPECT_NEAR(value_of(parsed, "shield_client_request_duration_seconds_sum", a),
              static_cast<double>(ok_run.totals.latency.sum()) / 1e9, 1e-9);
  EXPECT_EQ(value_of(parsed, "shield_client_request_duration_seconds_count", b), 0.0);
  // Loopback answers come well under 10 s; the buckets are the backend's.
  EXPECT_EQ(value_of(parsed, "shield_client_request_duration_seconds_bucket", a + ",le=10"), 40.0);
  EXPECT_FALSE(std::isnan(value_of(parsed, "shield_client_request_duration_seconds_bucket", a + ",le=0.005")));
  EXPECT_EQ(value_of(parsed, "shield_client_in_flight", ""), 0.0) << "the run is over";
  EXPECT_EQ(parsed.find("shield_client_ttft_seconds"), nullptr) << "no case streams";
}

TEST(ClientExposition, StreamsGetTimeToFirstToken) {
  server_options o;
  o.mode = server_mode::sse;
  o.sse_events = 3;
  o.interval = std::chrono::milliseconds(2);
  misbehaving_server server(o);
  client_metrics metrics;
  const auto r = run(metrics, "chat/concurrency:2", server, 10, true);
  ASSERT_TRUE(r.error.empty());
  ASSERT_TRUE(r.totals.stream.has_value());
  const std::string text = metrics.render();
  EXPECT_EQ(check_text(text), "") << text;
  const auto parsed = prom::check_metrics(text, prom::exposition_format::prometheus_text).parsed;
  ASSERT_NE(parsed.find("shield_client_ttft_seconds"), nullptr);
  EXPECT_EQ(value_of(parsed, "shield_client_ttft_seconds_count", "case=chat/concurrency:2,endpoint=probe"),
            static_cast<double>(r.totals.stream->ttft.count()));
  EXPECT_GT(r.totals.stream->ttft.count(), 0u);
}

TEST(ClientExposition, InFlightFollowsTheLatestInterval) {
  client_metrics metrics;
  auto observer = metrics.observe(case_shape{"x/concurrency:3", {"x"}, ""});
  load::tally interval;
  load::interval_report report;
  report.interval = &interval;
  report.total = &interval;
  report.in_flight = 3;
  observer->on_interval(report);
  EXPECT_NE(metrics.render().find("\nshield_client_in_flight 3\n"), std::string::npos);
  report.final = true;
  observer->on_interval(report);
  EXPECT_NE(metrics.render().find("\nshield_client_in_flight 0\n"), std::string::npos);
}

TEST(ClientExposition, HostileLabelValuesAreEscaped) {
  client_metrics metrics;
  auto observer = metrics.observe(case_shape{"a\"b\\c\nd", {"e\"p"}, ""});
  const std::string text = metrics.render();
  EXPECT_EQ(check_text(text), "") << text;
  const auto parsed = prom::check_metrics(text, prom::exposition_format::prometheus_text).parsed;
  EXPECT_EQ(value_of(parsed, "shield_client_requests_total", "case=a\"b\\c\nd,endpoint=e\"p,outcome=ok"), 0.0);
  EXPECT_EQ(escape_label_value("q\"\\\n"), "q\\\"\\\\\\n");
}

TEST(ClientExposition, PromtoolFindsNothing) {
  const auto promtool = metrics::find_promtool();
  ASSERT_TRUE(promtool.has_value()) << "promtool not found: it comes with the prometheus package (ctest/setup.sh)";
  misbehaving_server good;
  server_options so;
  so.mode = server_mode::sse;
  so.sse_events = 2;
  so.interval = std::chrono::milliseconds(1);
  misbehaving_server streams(so);
  client_metrics metrics;
  (void)run(metrics, "probe/concurrency:2", good, 10);
  (void)run(metrics, "chat/concurrency:2", streams, 6, true);
  const std::string text = metrics.render();
  const auto result = metrics::run_promtool_check_metrics(*promtool, text);
  EXPECT_EQ(result.exit_code, 0) << result.output << result.error << "\n" << text;
  EXPECT_EQ(result.output, "");
  // And promtool does complain about a broken one, so the check can fail.
  const auto broken = metrics::run_promtool_check_metrics(
      *promtool, "# TYPE shield_client_requests counter\nshield_client_requests 1\n");
  EXPECT_NE(broken.exit_code, 0);
}

}  // namespace
}  // namespace shield::live
