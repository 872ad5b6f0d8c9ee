// Every endpoint's answer from the reference backend, with a real Redis behind it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "checks/backend/backend_harness.hpp"

namespace shield::backend_checks {
namespace {

namespace json = boost::json;

class BackendEndpoints : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { harness_ = start_shared({"--ttft_ms=20", "--token_ms=5", "--tokens=12"}); }
  static void TearDownTestSuite() { harness_.reset(); }
  void SetUp() override { ASSERT_NE(harness_, nullptr) << "backend did not start"; }

  static std::unique_ptr<backend_harness> harness_;
};
std::unique_ptr<backend_harness> BackendEndpoints::harness_;

TEST_F(BackendEndpoints, HealthReportsHealthyWithRedisConnected) {
  auto client = harness_->client();
  const auto res = client.get("/health");
  ASSERT_EQ(res.status, 200) << describe(res);
  EXPECT_NE(res.header_value("Content-Type").find("application/json"), std::string_view::npos);
  const auto body = json_body(res);
  EXPECT_EQ(body.at("status"), "healthy") << res.body;
  EXPECT_EQ(body.at("redis"), "connected") << res.body;
}

TEST_F(BackendEndpoints, MetricsExposeTheTenShieldMetrics) {
  auto client = harness_->client();
  ASSERT_EQ(client.get("/health").status, 200);  // so the request families have a series
  const auto res = client.get("/metrics");
  ASSERT_EQ(res.status, 200) << describe(res);
  EXPECT_NE(res.header_value("Content-Type").find("version=0.0.4"), std::string_view::npos)
      << res.header_value("Content-Type");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"system_cpu_usage_percent", "gauge"},          {"system_memory_usage_bytes", "gauge"},
      {"redis_connection_status", "gauge"},           {"http_requests_total", "counter"},
      {"http_request_duration_seconds", "histogram"}, {"pii_detection_errors_total", "counter"},
      {"deanonymization_failures_total", "counter"},  {"redis_mapping_sessions_total", "untyped"},
      {"redis_mapping_entries_total", "untyped"},     {"redis_memory_usage_bytes", "gauge"}};
  for (const auto& [name, type] : expected) {
    const std::string type_line = "# TYPE " + name + " " + type + "\n";
    EXPECT_NE(res.body.find(type_line), std::string::npos) << "missing: " << type_line;
  }
  EXPECT_EQ(metric_value(res.body, "redis_connection_status"), 1.0);
  const auto cpu = metric_value(res.body, "system_cpu_usage_percent");
  ASSERT_TRUE(cpu.has_value());
  EXPECT_GE(*cpu, 0.0);
  EXPECT_LE(*cpu, 100.0);
  EXPECT_GT(metric_value(res.body, "system_memory_usage_bytes").value_or(0), 0.0);
}

TEST_F(BackendEndpoints, AnonymizeReplacesPiiWithNumberedPlaceholders) {
  auto client = harness_->client();
  const std::string text = "Escribe a ana@example.com o a luis@example.org; ana@example.com otra vez.";
  const auto body = anonymize(client, text, "endpoints-anon-1");
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body.at("session_id"), "endpoints-anon-1");
  const std::string anonymized(body.at("anonymized_text").as_string());
  EXPECT_EQ(anonymized, "Escribe a <EMAIL_1> o a <EMAIL_2>; <EMAIL_1> otra vez.");
  const auto& entities = body.at("entities").as_array();
  ASSERT_EQ(entities.size(), 3u) << json::serialize(body);
  EXPECT_EQ(entities[0].at("type"), "EMAIL");
  EXPECT_EQ(entities[0].at("placeholder"), "<EMAIL_1>");
  EXPECT_EQ(entities[0].at("start").to_number<int>(), 10);
  EXPECT_EQ(entities[0].at("end").to_number<int>(), 25);
}

TEST_F(BackendEndpoints, ReadBackRestoresTheOriginalTextExactly) {
  auto client = harness_->client();
  const std::string text = "Mi DNI es 12345678Z, mi tarjeta 4111 1111 1111 1111 y mi IP 10.0.0.7 — ¡gracias!";
  const auto anon = anonymize(client, text, "endpoints-roundtrip");
  const auto res = client.get("/anonymize/session/endpoints-roundtrip/anonymized-request");
  ASSERT_EQ(res.status, 200) << describe(res);
  const auto body = json_body(res);
  EXPECT_EQ(body.at("session_id"), "endpoints-roundtrip");
  std::string restored(body.at("anonymized_text").as_string());
  EXPECT_EQ(restored, anon.at("anonymized_text").as_string());
  for (const auto& [placeholder, original] : body.at("mapping").as_object()) {
    for (auto pos = restored.find(placeholder); pos != std::string::npos; pos = restored.find(placeholder)) {
      restored.replace(pos, placeholder.size(), original.as_string());
    }
  }
  EXPECT_EQ(restored, text);
}

TEST_F(BackendEndpoints, ReadBackOfUnknownSessionIs404WithJsonError) {
  auto client = harness_->client();
  const auto res = client.get("/anonymize/session/never-created-session/anonymized-request");
  EXPECT_EQ(res.status, 404) << describe(res);
  EXPECT_TRUE(json_body(res).as_object().contains("error")) << res.body;
}

TEST_F(BackendEndpoints, StreamingSendsTokensThenDoneWithPiiRestored) {
  auto client = harness_->client();
  http::request req;
  req.method = "POST";
  req.target = "/chat/streaming";
  req.body = R"({"message":"Mi correo es marta@example.net, ¿me ayudas?","session_id":"endpoints-stream"})";
  const auto res = client.send(req);
  ASSERT_EQ(res.status, 200) << describe(res);
  EXPECT_NE(res.header_value("Content-Type").find("text/event-stream"), std::string_view::npos);
  ASSERT_GE(res.events.size(), 2u) << res.body;
  EXPECT_EQ(res.events.back().data, "[DONE]");
  std::string reply;
  for (std::size_t i = 0; i + 1 < res.events.size(); ++i) {
    const auto event = json::parse(res.events[i].data);
    reply += event.at("token").as_string();
    EXPECT_LE(res.events[i].at, res.events[i + 1].at) << "event timestamps out of order";
  }
  EXPECT_EQ(res.events.size() - 1, 12u) << "--tokens=12";
  EXPECT_NE(reply.find("marta@example.net"), std::string::npos) << "placeholder not restored: " << reply;
  EXPECT_EQ(reply.find("<EMAIL_"), std::string::npos) << "placeholder leaked into the reply: " << reply;
  // First token after --ttft_ms=20.
  const std::chrono::duration<double, std::milli> first_token = res.events.front().at - res.times.start;
  EXPECT_GE(first_token.count(), 19.0);
}

TEST_F(BackendEndpoints, RequestsAreCountedPerRouteTemplate) {
  auto client = harness_->client();
  const std::vector<std::pair<std::string, std::string>> labels = {
      {"method", "GET"}, {"endpoint", "/anonymize/session/{id}/anonymized-request"}, {"status", "404"}};
  const double before = scrape_metric(client, "http_requests_total", labels).value_or(0);
  for (int i = 0; i < 3; ++i) client.get("/anonymize/session/counting-" + std::to_string(i) + "/anonymized-request");
  EXPECT_EQ(scrape_metric(client, "http_requests_total", labels).value_or(-1), before + 3);
}

}  // namespace
}  // namespace shield::backend_checks
