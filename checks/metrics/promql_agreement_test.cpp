// The offline PromQL analyzer against a real Prometheus (the CTest fixture's): every query of the
// shipped dashboards (after template substitution) and of the PromQL corpus, and every mistyped
// version of each (promql_edits.hpp), gets the same verdict offline as from /api/v1/query.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "checks/metrics/dashboard_verdict.hpp"
#include "checks/metrics/live_endpoints.hpp"
#include "checks/metrics/prometheus_variables.hpp"
#include "checks/metrics/promql_edits.hpp"
#include "support/base/read_file.hpp"
#include "support/prom/prom_api_client.hpp"
#include "support/prom/promql_analyzer.hpp"

namespace shield::metrics {
namespace {

// Queries of the corpus file: one per line, '#' comments, "\n" standing for a line break.
std::vector<std::string> corpus_queries() {
  const auto text = base::read_file(SHIELD_PROMQL_CORPUS);
  EXPECT_TRUE(text) << text.error().message;
  std::vector<std::string> out;
  if (!text) return out;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    for (std::size_t at = line.find("\\n"); at != std::string::npos; at = line.find("\\n", at + 1)) {
      line.replace(at, 2, "\n");
    }
    out.push_back(line);
  }
  return out;
}

// A dashboard's queries, its variables resolved from the Prometheus as Grafana does (the published
// dashboards have no saved values). Every query must be substituted.
std::vector<std::string> dashboard_queries(const std::string& file, prom::prom_api_client& client) {
  prometheus_variable_source source(client);
  const prepared_dashboard d = prepare_dashboard_file(file, {}, {{}, &source});
  EXPECT_EQ(d.not_checked(), 0u) << file << ": " << format_findings(d.problems);
  std::vector<std::string> out;
  for (const prepared_query& q : d.queries) {
    if (q.substituted && !q.promql.empty()) out.push_back(q.promql);
  }
  return out;
}

TEST(LivePromQL, OfflineVerdictEqualsPrometheus) {
  const auto where = live::prometheus_url();
  ASSERT_TRUE(where) << where.error();
  http::client_options options;
  options.request_timeout = std::chrono::seconds(20);
  prom::prom_api_client client(*http::parse_url(*where), options);

  std::vector<std::string> originals = corpus_queries();
  for (const char* file : {"/shield.json", "/faulty.json", "/published.json", "/prometheus_server.json"}) {
    for (std::string& q : dashboard_queries(std::string(SHIELD_DASHBOARDS_DIR) + file, client)) {
      originals.push_back(q);
    }
  }
  ASSERT_GT(originals.size(), 60u);

  // Each original stands as the "none" edit (faulty.json's broken ones included); then every mistyped version.
  std::vector<promql_edit> cases;
  for (const std::string& q : originals) {
    cases.push_back({"none", q});
    for (promql_edit& e : edit_query(q)) cases.push_back(std::move(e));
  }
  std::map<std::string, std::pair<int, int>> per_kind;  // kind -> (cases, Prometheus rejections)
  int disagreements = 0;
  for (const promql_edit& c : cases) {
    const prom::query_response answer = client.query(c.query, 1700000000.0);
    ASSERT_TRUE(answer.status == prom::api_status::success || answer.status == prom::api_status::error)
        << c.query << ": " << answer.describe();
    // A parse or type error is bad_data; an error while evaluating (422 execution) means it parsed.
    const bool prometheus_accepts = answer.ok() || answer.error_type != "bad_data";
    const prom::promql_analysis offline = prom::analyze_promql(c.query);
    auto& [count, rejected] = per_kind[c.kind];
    ++count;
    rejected += prometheus_accepts ? 0 : 1;
    if (offline.ok() != prometheus_accepts) {
      ++disagreements;
      ADD_FAILURE() << c.kind << " `" << c.query << "`: Prometheus " << (prometheus_accepts ? "accepts" : "rejects")
                    << (prometheus_accepts ? std::string() : " (" + answer.error + ")") << ", offline "
                    << (offline.ok() ? "accepts" : "rejects (" + offline.error->message + ")");
    }
  }
  std::size_t total = 0;
  for (const auto& [kind, figures] : per_kind) {
    std::cout << "[ agree    ] " << kind << ": " << figures.first << " queries, " << figures.second
              << " rejected by Prometheus\n";
    total += static_cast<std::size_t>(figures.first);
  }
  std::cout << "[ agree    ] " << originals.size() << " original queries, " << total << " checked, " << disagreements
            << " disagreements\n";
  EXPECT_EQ(disagreements, 0);
}

}  // namespace
}  // namespace shield::metrics
