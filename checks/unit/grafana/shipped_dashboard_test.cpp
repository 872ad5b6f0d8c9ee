// The shipped Shield dashboard and its planted-fault copy, walked and substituted.
#include "support/base/read_file.hpp"
#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/dashboard_walker.hpp"
#include "support/grafana/template_substitution.hpp"

#include "checks/unit/grafana/walker_helpers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace shield::grafana {
namespace {

using testing::errors_text;
using testing::find_query;

const std::string shield_file = std::string{SHIELD_DASHBOARDS_DIR} + "/shield.json";
const std::string faulty_file = std::string{SHIELD_DASHBOARDS_DIR} + "/faulty.json";

// The ten metrics the backend exposes (DESIGN.md).
const std::set<std::string> backend_metrics = {
    "system_cpu_usage_percent",       "system_memory_usage_bytes",
    "redis_connection_status",        "http_requests_total",
    "http_request_duration_seconds",  "pii_detection_errors_total",
    "deanonymization_failures_total", "redis_mapping_sessions_total",
    "redis_mapping_entries_total",    "redis_memory_usage_bytes",
};

// The load client's metrics the "Client side" row reads (shield_bench --metrics_listen).
const std::set<std::string> client_metrics = {"shield_client_requests_total", "shield_client_request_duration_seconds",
                                              "shield_client_in_flight"};

// Every word the shipped queries may use besides the metrics.
const std::set<std::string> promql_words = {"sum",      "by",     "rate", "increase", "histogram_quantile",
                                            "endpoint", "status", "le",   "outcome"};

// Identifiers of a PromQL text outside string literals; number-led tokens (1m, 0.95) skipped.
std::vector<std::string> identifiers(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == ':'; };
    if (c == '"') {
      const auto end = text.find('"', i + 1);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < text.size() && (word(text[i]) || text[i] == '.')) ++i;
    } else if (word(c)) {
      const std::size_t start = i;
      while (i < text.size() && word(text[i])) ++i;
      out.emplace_back(text.substr(start, i - start));
    } else {
      ++i;
    }
  }
  return out;
}

// The histogram's series map back to its family.
std::string family_of(const std::string& name) {
  for (const std::string suffix : {"_bucket", "_sum", "_count"})
    if (name.size() > suffix.size() && name.ends_with(suffix) &&
        (backend_metrics.contains(name.substr(0, name.size() - suffix.size())) ||
         client_metrics.contains(name.substr(0, name.size() - suffix.size()))))
      return name.substr(0, name.size() - suffix.size());
  return name;
}

template_substituter shipped_substituter(const std::string& file) {
  const auto text = base::read_file(file);
  EXPECT_TRUE(text) << text.error();
  const auto document = parse_document(text ? *text : std::string());
  EXPECT_TRUE(document) << document.error();
  auto variables = read_variables(document ? *document : boost::json::value{});
  EXPECT_TRUE(variables.ok());
  substitution_settings settings;
  settings.to_ms = 1'700'000'000'000;
  return template_substituter{std::move(variables.variables), settings};
}

struct expected_query {
  std::string name;
  std::string path;
  std::string metric_fragment;  // a metric the expr must mention
};

const std::vector<expected_query> shield_queries = {
    {R"(row "HTTP traffic" / panel "HTTP request rate" (id 2) target A)", "$.panels[1].targets[0].expr",
     "http_requests_total"},
    {R"(row "HTTP traffic" / panel "Response time p50 / p95" (id 3) target A)", "$.panels[2].targets[0].expr",
     "http_request_duration_seconds_bucket"},
    {R"(row "HTTP traffic" / panel "Response time p50 / p95" (id 3) target B)", "$.panels[2].targets[1].expr",
     "http_request_duration_seconds_bucket"},
    {R"x(row "HTTP traffic" / panel "Error rate (5xx)" (id 4) target A)x", "$.panels[3].targets[0].expr",
     "http_requests_total"},
    {R"(row "System" / panel "CPU usage" (id 6) target A)", "$.panels[5].targets[0].expr", "system_cpu_usage_percent"},
    {R"(row "System" / panel "Memory usage" (id 7) target A)", "$.panels[6].targets[0].expr",
     "system_memory_usage_bytes"},
    {R"(row "PII pipeline" / panel "PII detection errors" (id 9) target A)", "$.panels[8].targets[0].expr",
     "pii_detection_errors_total"},
    {R"(row "PII pipeline" / panel "Deanonymization failures" (id 10) target A)", "$.panels[9].targets[0].expr",
     "deanonymization_failures_total"},
    {R"(row "Redis" / panel "Redis connection" (id 12) target A)", "$.panels[10].panels[0].targets[0].expr",
     "redis_connection_status"},
    {R"(row "Redis" / panel "Mapping sessions and entries" (id 13) target A)", "$.panels[10].panels[1].targets[0].expr",
     "redis_mapping_sessions_total"},
    {R"(row "Redis" / panel "Mapping sessions and entries" (id 13) target B)", "$.panels[10].panels[1].targets[1].expr",
     "redis_mapping_entries_total"},
    {R"(row "Redis" / panel "Redis memory" (id 14) target A)", "$.panels[10].panels[2].targets[0].expr",
     "redis_memory_usage_bytes"},
    {R"(row "Client side" / panel "Client vs server latency p50 / p95" (id 21) target A)",
     "$.panels[12].targets[0].expr", "shield_client_request_duration_seconds_bucket"},
    {R"(row "Client side" / panel "Client vs server latency p50 / p95" (id 21) target B)",
     "$.panels[12].targets[1].expr", "shield_client_request_duration_seconds_bucket"},
    {R"(row "Client side" / panel "Client vs server latency p50 / p95" (id 21) target C)",
     "$.panels[12].targets[2].expr", "http_request_duration_seconds_bucket"},
    {R"(row "Client side" / panel "Client vs server latency p50 / p95" (id 21) target D)",
     "$.panels[12].targets[3].expr", "http_request_duration_seconds_bucket"},
    {R"(row "Client side" / panel "Client failures by kind" (id 22) target A)", "$.panels[13].targets[0].expr",
     "shield_client_requests_total"},
    {R"(row "Client side" / panel "Client requests in flight" (id 23) target A)", "$.panels[14].targets[0].expr",
     "shield_client_in_flight"},
    {R"(variable "endpoint")", "$.templating.list[0].query.query", "http_requests_total"},
    {R"(annotation "Redis disconnected")", "$.annotations.list[1].expr", "redis_connection_status"},
};

TEST(GrafanaShippedDashboard, EveryPanelQueryIsFoundWithItsName) {
  const auto r = walk_dashboard_file(shield_file);
  ASSERT_TRUE(r.ok()) << errors_text(r);
  EXPECT_TRUE(r.skipped.empty());
  ASSERT_EQ(r.queries.size(), shield_queries.size());
  for (std::size_t i = 0; i < shield_queries.size(); ++i) {
    const auto& want = shield_queries[i];
    EXPECT_EQ(r.queries[i].name, want.name);
    EXPECT_EQ(r.queries[i].path, want.path) << want.name;
    EXPECT_NE(r.queries[i].expr.find(want.metric_fragment), std::string::npos) << want.name;
    EXPECT_FALSE(r.queries[i].hidden) << want.name;
  }
  const auto* variable = find_query(r, R"(variable "endpoint")");
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->function, variable_function::label_values);
  EXPECT_EQ(variable->metric, "http_requests_total");
  EXPECT_EQ(variable->label, "endpoint");
}

TEST(GrafanaShippedDashboard, UsesOnlyTheBackendsTenMetricsAndTheClients) {
  const auto r = walk_dashboard_file(shield_file);
  ASSERT_TRUE(r.ok()) << errors_text(r);
  const auto substituter = shipped_substituter(shield_file);
  std::set<std::string> used, used_client;
  for (const auto& query : r.queries) {
    const auto substituted = substituter.substitute(query);
    ASSERT_TRUE(substituted) << substituted.error();
    EXPECT_EQ(substituted->find('$'), std::string::npos) << query.name << ": " << *substituted;
    EXPECT_EQ(substituted->find("node_"), std::string::npos) << query.name;
    for (const auto& word : identifiers(*substituted)) {
      const std::string family = family_of(word);
      if (backend_metrics.contains(family)) {
        used.insert(family);
      } else if (client_metrics.contains(family)) {
        used_client.insert(family);
      } else {
        EXPECT_TRUE(promql_words.contains(word)) << query.name << " uses unexpected '" << word << "'";
      }
    }
  }
  EXPECT_EQ(used, backend_metrics);
  EXPECT_EQ(used_client, client_metrics);
}

TEST(GrafanaShippedDashboard, SubstitutesLikeGrafanaWithDefaultSettings) {
  const auto r = walk_dashboard_file(shield_file);
  ASSERT_TRUE(r.ok()) << errors_text(r);
  const auto substituter = shipped_substituter(shield_file);
  // 15 s scrape, 1 h range: $__interval = 15s, $__rate_interval = max(15s+15s, 4*15s) = 1m;
  // $endpoint is All with allValue ".*"; $interval is auto: 1h/30 = 2m (auto_min 1m).
  const std::vector<std::pair<std::string, std::string>> expected = {
      {R"(row "HTTP traffic" / panel "HTTP request rate" (id 2) target A)",
       R"(sum by (endpoint) (rate(http_requests_total{endpoint=~".*"}[1m])))"},
      {R"(row "HTTP traffic" / panel "Response time p50 / p95" (id 3) target B)",
       R"(histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{endpoint=~".*"}[1m]))))"},
      {R"(row "PII pipeline" / panel "PII detection errors" (id 9) target A)",
       "sum(increase(pii_detection_errors_total[2m]))"},
      {R"(row "Redis" / panel "Redis memory" (id 14) target A)", "redis_memory_usage_bytes"},
  };
  for (const auto& [name, text] : expected) {
    const auto* query = find_query(r, name);
    ASSERT_NE(query, nullptr) << name;
    const auto substituted = substituter.substitute(*query);
    ASSERT_TRUE(substituted) << substituted.error();
    EXPECT_EQ(*substituted, text) << name;
  }
}

TEST(GrafanaShippedDashboard, FaultyCopyAddsOneNamedPanelPerFault) {
  const auto shield = walk_dashboard_file(shield_file);
  const auto faulty = walk_dashboard_file(faulty_file);
  ASSERT_TRUE(shield.ok()) << errors_text(shield);
  ASSERT_TRUE(faulty.ok()) << errors_text(faulty);

  // Everything of shield.json is there unchanged.
  for (const auto& query : shield.queries) {
    const auto* copy = find_query(faulty, query.name);
    ASSERT_NE(copy, nullptr) << query.name;
    EXPECT_EQ(copy->expr, query.expr);
  }
  ASSERT_EQ(faulty.queries.size(), shield.queries.size() + 4);

  // Each fault sits in its own panel of the "Planted faults" row, found by title.
  auto fault = [&](const std::string& title) -> std::string {
    const dashboard_query* found = nullptr;
    for (const auto& query : faulty.queries)
      if (query.title == title && query.row_title == "Planted faults") found = &query;
    EXPECT_NE(found, nullptr) << title;
    if (found == nullptr) return {};
    EXPECT_EQ(found->name, "row \"Planted faults\" / panel \"" + title + "\" (id " +
                               std::to_string(found->panel_id.value_or(-1)) + ") target A");
    EXPECT_EQ(find_query(shield, found->name), nullptr);
    return found->expr;
  };
  EXPECT_NE(fault("Fault: node exporter metric").find("node_cpu_seconds_total"), std::string::npos);

  const auto misspelled = identifiers(fault("Fault: misspelled metric"));
  EXPECT_NE(std::find(misspelled.begin(), misspelled.end(), "http_request_total"), misspelled.end());
  EXPECT_FALSE(backend_metrics.contains("http_request_total"));

  const auto bare = identifiers(fault("Fault: counter without rate"));
  EXPECT_NE(std::find(bare.begin(), bare.end(), "http_requests_total"), bare.end());
  EXPECT_EQ(std::find(bare.begin(), bare.end(), "rate"), bare.end());
  EXPECT_EQ(std::find(bare.begin(), bare.end(), "increase"), bare.end());

  const std::string unbalanced = fault("Fault: unbalanced parenthesis");
  EXPECT_NE(std::count(unbalanced.begin(), unbalanced.end(), '('),
            std::count(unbalanced.begin(), unbalanced.end(), ')'));

  // Only the node exporter panel mentions node_*.
  for (const auto& query : faulty.queries) {
    if (query.title != "Fault: node exporter metric") {
      EXPECT_EQ(query.expr.find("node_"), std::string::npos) << query.name;
    }
  }
}

}  // namespace
}  // namespace shield::grafana
