// prom_api_client: decoding of the API envelope, durations, form encoding, and the request it
// sends (checked against an in-process loopback server).
#include <gtest/gtest.h>

#include <cmath>

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/prom/prom_api_client.hpp"
#include "checks/metrics/prometheus_verdict.hpp"

namespace shield::prom {
namespace {

TEST(PromApiDecode, VectorResult) {
  const auto r = parse_query_response(200, R"({"status":"success","data":{"resultType":"vector","result":[
      {"metric":{"__name__":"up","job":"shield"},"value":[1700000000.5,"1"]},
      {"metric":{},"value":[1700000000.5,"NaN"]}]}})");
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_FALSE(r.empty());
  EXPECT_EQ(r.result_type, "vector");
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(r.series[0].labels.at("job"), "shield");
  EXPECT_EQ(r.series[0].samples.at(0).value, 1.0);
  EXPECT_DOUBLE_EQ(r.series[0].samples.at(0).timestamp, 1700000000.5);
  EXPECT_TRUE(std::isnan(r.series[1].samples.at(0).value));
  EXPECT_EQ(r.describe(), "success: vector, 2 series");
}

TEST(PromApiDecode, EmptyMatrixScalarAndString) {
  const auto empty = parse_query_response(200, R"({"status":"success","data":{"resultType":"vector","result":[]}})");
  EXPECT_TRUE(empty.ok() && empty.empty());
  const auto matrix = parse_query_response(200, R"({"status":"success","data":{"resultType":"matrix","result":[
      {"metric":{"a":"b"},"values":[[1,"1"],[2,"+Inf"],[3,"-Inf"]]}]}})");
  ASSERT_TRUE(matrix.ok()) << matrix.describe();
  ASSERT_EQ(matrix.series.at(0).samples.size(), 3u);
  EXPECT_TRUE(std::isinf(matrix.series[0].samples[1].value) && matrix.series[0].samples[1].value > 0);
  EXPECT_TRUE(std::isinf(matrix.series[0].samples[2].value) && matrix.series[0].samples[2].value < 0);
  const auto scalar =
      parse_query_response(200, R"({"status":"success","data":{"resultType":"scalar","result":[5,"2.5"]}})");
  ASSERT_TRUE(scalar.ok());
  EXPECT_EQ(scalar.series.at(0).samples.at(0).value, 2.5);
  const auto text =
      parse_query_response(200, R"({"status":"success","data":{"resultType":"string","result":[5,"hi"]}})");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.series.at(0).samples.at(0).text, "hi");
}

TEST(PromApiDecode, ErrorsAndWarnings) {
  const auto bad =
      parse_query_response(400, R"({"status":"error","errorType":"bad_data","error":"parse error at char 5"})");
  EXPECT_EQ(bad.status, api_status::error);
  EXPECT_EQ(bad.error_type, "bad_data");
  EXPECT_EQ(bad.describe(), "error bad_data (HTTP 400): parse error at char 5");
  const auto warned = parse_query_response(
      200, R"({"status":"success","warnings":["too many samples"],"data":{"resultType":"vector","result":[]}})");
  EXPECT_EQ(warned.warnings, std::vector<std::string>{"too many samples"});
  for (const char* body :
       {"<html>", "[]", R"({"status":"success"})", R"({"status":"success","data":{"resultType":"vector"}})",
        R"({"status":"success","data":{"resultType":"tensor","result":[]}})",
        R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]}]}})",
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,1]}]}})",
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1]]}]}})"}) {
    const auto r = parse_query_response(200, body);
    EXPECT_EQ(r.status, api_status::bad_response) << body;
    EXPECT_TRUE(r.series.empty()) << body;
    EXPECT_FALSE(r.error.empty()) << body;
  }
}

TEST(PromApiDecode, Targets) {
  const auto r = parse_targets_response(200, R"({"status":"success","data":{"activeTargets":[
      {"scrapeUrl":"http://127.0.0.1:8000/metrics","scrapePool":"shield","labels":{"job":"shield","instance":"127.0.0.1:8000"},
       "health":"up","lastError":"","lastScrape":"2024-01-01T00:00:01Z","lastScrapeDuration":0.002,"scrapeInterval":"1m30s"}],
      "droppedTargets":[]}})");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.active.size(), 1u);
  const auto& t = r.active[0];
  EXPECT_EQ(t.scrape_url, "http://127.0.0.1:8000/metrics");
  EXPECT_EQ(t.labels.at("job"), "shield");
  EXPECT_EQ(t.health, "up");
  EXPECT_EQ(t.scrape_interval, std::chrono::seconds(90));
  EXPECT_DOUBLE_EQ(t.last_scrape_duration_s, 0.002);
  EXPECT_EQ(parse_targets_response(503, "unavailable").status, api_status::bad_response);
  EXPECT_EQ(parse_targets_response(200, R"({"status":"success","data":{}})").status, api_status::bad_response);
  const auto err = parse_targets_response(422, R"({"status":"error","errorType":"execution","error":"boom"})");
  EXPECT_EQ(err.status, api_status::error);
  EXPECT_EQ(err.error, "execution: boom");
}

TEST(PromApiDecode, Durations) {
  using std::chrono::milliseconds;
  EXPECT_EQ(parse_prometheus_duration("1s"), milliseconds(1000));
  EXPECT_EQ(parse_prometheus_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_prometheus_duration("1m30s"), milliseconds(90'000));
  EXPECT_EQ(parse_prometheus_duration("2h"), milliseconds(7'200'000));
  EXPECT_EQ(parse_prometheus_duration("1d1ms"), milliseconds(86'400'001));
  for (const char* bad : {"", "s", "10", "1x", "-1s", "1.5s"}) EXPECT_FALSE(parse_prometheus_duration(bad)) << bad;
}

TEST(PromApiDecode, FormEncoding) {
  EXPECT_EQ(form_encode("sum(rate(x{a=~\"b.*\"}[5m]))"), "sum%28rate%28x%7Ba%3D~%22b.%2A%22%7D%5B5m%5D%29%29");
  EXPECT_EQ(form_encode("a b+c&d"), "a+b%2Bc%26d");
  EXPECT_EQ(form_encode("\xc3\xa9"), "%C3%A9");
}

TEST(PromApiClient, PostsTheQueryAsAForm) {
  fixtures::server_options options;
  options.body =
      R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"x"},"value":[1,"3"]}]}})";
  fixtures::misbehaving_server server(options);
  prom_api_client client(*http::parse_url(server.url()));
  const auto r = client.query("up{job=\"x\"} + 1", 1700000000.25);
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.series.at(0).samples.at(0).value, 3.0);
  const auto sent = server.last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/api/v1/query");
  EXPECT_EQ(sent.body, "query=up%7Bjob%3D%22x%22%7D+%2B+1&time=1700000000.250");
  bool form = false;
  for (const auto& [name, value] : sent.fields)
    form |= http::iequals(name, "Content-Type") && value == "application/x-www-form-urlencoded";
  EXPECT_TRUE(form);
}

TEST(PromApiClient, TransportAndStatusFailuresAreData) {
  fixtures::server_options refused;
  refused.mode = fixtures::server_mode::reset;
  fixtures::misbehaving_server server(refused);
  http::client_options options;
  options.request_timeout = std::chrono::seconds(5);
  prom_api_client client(*http::parse_url(server.url()), options);
  const auto r = client.query("up");
  EXPECT_EQ(r.status, api_status::transport);
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(client.targets().status, api_status::transport);

  fixtures::server_options html;
  html.mode = fixtures::server_mode::unexpected_status;
  html.status = 502;
  html.body = "<html>bad gateway</html>";
  fixtures::misbehaving_server proxy(html);
  prom_api_client via_proxy(*http::parse_url(proxy.url()));
  const auto p = via_proxy.query("up");
  EXPECT_EQ(p.status, api_status::bad_response);
  EXPECT_EQ(p.http_status, 502);
  EXPECT_NE(p.error.find("bad gateway"), std::string::npos) << p.error;
}

TEST(ScrapeUrlMatch, HostPortAndLoopbackSpellings) {
  const auto target = *http::parse_url("http://127.0.0.1:8000");
  EXPECT_TRUE(metrics::scrape_url_matches("http://127.0.0.1:8000/metrics", target));
  EXPECT_TRUE(metrics::scrape_url_matches("http://localhost:8000/metrics?x=1", target));
  EXPECT_FALSE(metrics::scrape_url_matches("http://127.0.0.1:8001/metrics", target));
  EXPECT_FALSE(metrics::scrape_url_matches("http://10.0.0.1:8000/metrics", target));
  EXPECT_FALSE(metrics::scrape_url_matches("127.0.0.1:8000", target));
  EXPECT_TRUE(metrics::scrape_url_matches("http://[::1]:8000/metrics", target));
  const auto https = *http::parse_url("https://shield.example");
  EXPECT_TRUE(metrics::scrape_url_matches("https://shield.example/metrics", https));
  EXPECT_FALSE(metrics::scrape_url_matches("http://shield.example/metrics", https));
}

}  // namespace
}  // namespace shield::prom
