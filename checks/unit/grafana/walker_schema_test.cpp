#include "support/grafana/dashboard_walker.hpp"

#include "checks/unit/grafana/walker_helpers.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

using testing::errors_text;
using testing::find_query;
using testing::find_skipped;
using testing::query_names;

TEST(GrafanaWalkerSchema, PanelsAndRowsNameTheirQueries) {
  const auto r = walk_dashboard_text(R"json({
      "panels": [
        {"id": 1, "title": "Up", "type": "stat", "targets": [{"refId": "A", "expr": "up"}]},
        {"id": 2, "title": "Traffic", "type": "row", "collapsed": false, "panels": []},
        {"id": 3, "title": "Request rate", "type": "timeseries", "interval": "30s",
         "targets": [{"refId": "A", "expr": "rate(a_total[5m])"},
                     {"refId": "B", "expr": "rate(b_total[5m])", "hide": true, "interval": "1m"}]},
        {"id": 4, "title": "Storage", "type": "row", "collapsed": true, "panels": [
          {"id": 5, "title": "Disk", "type": "timeseries", "targets": [{"refId": "C", "expr": "disk_bytes"}]}
        ]}
      ]})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  const std::vector<std::string> expected = {
      R"(panel "Up" (id 1) target A)",
      R"(row "Traffic" / panel "Request rate" (id 3) target A)",
      R"(row "Traffic" / panel "Request rate" (id 3) target B)",
      R"(row "Storage" / panel "Disk" (id 5) target C)",
  };
  EXPECT_EQ(query_names(r), expected);

  const auto* up = find_query(r, expected[0]);
  ASSERT_NE(up, nullptr);
  EXPECT_EQ(up->origin, query_origin::panel_target);
  EXPECT_EQ(up->path, "$.panels[0].targets[0].expr");
  EXPECT_EQ(up->expr, "up");
  EXPECT_EQ(up->row_title, "");
  EXPECT_EQ(up->title, "Up");
  EXPECT_EQ(up->panel_id, 1);
  EXPECT_FALSE(up->hidden);

  const auto* a = find_query(r, expected[1]);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->row_title, "Traffic");
  EXPECT_EQ(a->min_interval, "30s");  // the panel's
  EXPECT_FALSE(a->hidden);

  const auto* b = find_query(r, expected[2]);
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->hidden);
  EXPECT_EQ(b->ref_id, "B");
  EXPECT_EQ(b->min_interval, "1m");  // the target's wins
  EXPECT_EQ(b->path, "$.panels[2].targets[1].expr");

  const auto* disk = find_query(r, expected[3]);
  ASSERT_NE(disk, nullptr);
  EXPECT_EQ(disk->path, "$.panels[3].panels[0].targets[0].expr");
  EXPECT_EQ(disk->row_title, "Storage");
  EXPECT_EQ(disk->panel_id, 5);
  EXPECT_TRUE(r.skipped.empty());
}

TEST(GrafanaWalkerSchema, OldRowsSchema) {
  const auto r = walk_dashboard_text(R"json({
      "schemaVersion": 14,
      "rows": [
        {"title": "Overview", "panels": [
          {"id": 1, "title": "QPS", "targets": [{"refId": "A", "expr": "sum(rate(q_total[1m]))"}]}]},
        {"title": "", "panels": [
          {"id": 2, "title": "Errors", "targets": [{"expr": "errors"}]}]}
      ]})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  ASSERT_EQ(r.queries.size(), 2u);
  EXPECT_EQ(r.queries[0].name, R"(row "Overview" / panel "QPS" (id 1) target A)");
  EXPECT_EQ(r.queries[0].path, "$.rows[0].panels[0].targets[0].expr");
  EXPECT_EQ(r.queries[0].row_title, "Overview");
  // No title and no refId: named by position.
  EXPECT_EQ(r.queries[1].name, R"(panel "Errors" (id 2) target #0)");
  EXPECT_EQ(r.queries[1].path, "$.rows[1].panels[0].targets[0].expr");
}

TEST(GrafanaWalkerSchema, ApiWrapperPrefixesPaths) {
  const auto r = walk_dashboard_text(R"json({
      "meta": {"type": "db", "slug": "x"},
      "dashboard": {
        "panels": [{"title": "No id", "targets": [{"refId": "A", "expr": "up"}]}],
        "templating": {"list": [{"name": "job", "type": "query", "query": "label_values(up, job)"}]},
        "annotations": {"list": [{"name": "Restarts", "expr": "changes(start_time[5m]) > 0"}]}
      }})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  ASSERT_EQ(r.queries.size(), 3u);
  EXPECT_EQ(r.queries[0].name, R"(panel "No id" target A)");
  EXPECT_FALSE(r.queries[0].panel_id.has_value());
  EXPECT_EQ(r.queries[0].path, "$.dashboard.panels[0].targets[0].expr");
  EXPECT_EQ(r.queries[1].path, "$.dashboard.templating.list[0].query");
  EXPECT_EQ(r.queries[2].path, "$.dashboard.annotations.list[0].expr");
}

TEST(GrafanaWalkerSchema, TemplatingStringAndObjectQueries) {
  const auto r = walk_dashboard_text(R"json({
      "templating": {"list": [
        {"name": "endpoint", "type": "query", "query": "label_values(http_requests_total{job=\"a,b\"}, endpoint)"},
        {"name": "job", "type": "query",
         "query": {"query": "label_values(job)", "refId": "PrometheusVariableQueryEditor-VariableQuery"}},
        {"name": "top", "type": "query", "query": "query_result(topk(3, sum by (endpoint) (rate(x_total[$__range]))))"},
        {"name": "names", "type": "query", "query": "metrics(redis_.*)"},
        {"name": "series", "type": "query", "query": "up{job=\"shield\"}"},
        {"name": "old", "type": "query", "query": "", "definition": "label_values(up, instance)"},
        {"name": "labels", "type": "query", "query": "label_names()"},
        {"name": "logs", "type": "query", "datasource": {"type": "loki", "uid": "l"}, "query": "label_values(app)"},
        {"name": "window", "type": "interval", "query": "1m,5m"},
        {"name": "env", "type": "custom", "query": "prod,dev"}
      ]}})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  const std::vector<std::string> expected = {
      R"(variable "endpoint")", R"(variable "job")", R"(variable "top")",    R"(variable "names")",
      R"(variable "series")",   R"(variable "old")", R"(variable "labels")",
  };
  EXPECT_EQ(query_names(r), expected);

  const auto* endpoint = find_query(r, expected[0]);
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->origin, query_origin::template_variable);
  EXPECT_EQ(endpoint->function, variable_function::label_values);
  EXPECT_EQ(endpoint->expr, R"(http_requests_total{job="a,b"})");
  EXPECT_EQ(endpoint->metric, "http_requests_total");
  EXPECT_EQ(endpoint->label, "endpoint");
  EXPECT_EQ(endpoint->path, "$.templating.list[0].query");
  EXPECT_EQ(endpoint->title, "endpoint");

  const auto* job = find_query(r, expected[1]);
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->function, variable_function::label_values);
  EXPECT_EQ(job->expr, "");  // reads a label across all series
  EXPECT_EQ(job->label, "job");
  EXPECT_EQ(job->path, "$.templating.list[1].query.query");
  EXPECT_EQ(job->ref_id, "PrometheusVariableQueryEditor-VariableQuery");
  EXPECT_EQ(job->raw, "label_values(job)");

  const auto* top = find_query(r, expected[2]);
  ASSERT_NE(top, nullptr);
  EXPECT_EQ(top->function, variable_function::query_result);
  EXPECT_EQ(top->expr, "topk(3, sum by (endpoint) (rate(x_total[$__range])))");

  const auto* names = find_query(r, expected[3]);
  ASSERT_NE(names, nullptr);
  EXPECT_EQ(names->function, variable_function::metrics);
  EXPECT_EQ(names->metric_regex, "redis_.*");
  EXPECT_EQ(names->expr, R"json({__name__=~"redis_.*"})json");

  const auto* series = find_query(r, expected[4]);
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(series->function, variable_function::series);
  EXPECT_EQ(series->expr, R"(up{job="shield"})");
  EXPECT_EQ(series->metric, "up");

  const auto* old = find_query(r, expected[5]);
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->path, "$.templating.list[5].definition");
  EXPECT_EQ(old->expr, "up");

  const auto* labels = find_query(r, expected[6]);
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(labels->function, variable_function::label_names);
  EXPECT_EQ(labels->expr, "");

  const auto* logs = find_skipped(r, R"(variable "logs")");
  ASSERT_NE(logs, nullptr);
  EXPECT_NE(logs->reason.find("loki"), std::string::npos);
  EXPECT_EQ(logs->path, "$.templating.list[7]");
}

TEST(GrafanaWalkerSchema, Annotations) {
  const auto r = walk_dashboard_text(R"json({
      "annotations": {"list": [
        {"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": true, "name": "Annotations & Alerts"},
        {"name": "Deploys", "enable": true, "expr": "changes(build_info[1m]) > 0", "step": "30s"},
        {"name": "Old", "enable": false, "datasource": "Prometheus", "expr": "up == 0"},
        {"name": "Nested", "target": {"refId": "Anno", "expr": "resets(x_total[5m]) > 0"}},
        {"name": "Logs", "datasource": {"type": "loki", "uid": "l"}, "expr": "{app=\"x\"}"},
        {"name": "Tags", "datasource": {"type": "prometheus", "uid": "p"}}
      ]}})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  const std::vector<std::string> expected = {R"(annotation "Deploys")", R"(annotation "Old")",
                                             R"(annotation "Nested")"};
  EXPECT_EQ(query_names(r), expected);
  EXPECT_EQ(r.queries[0].origin, query_origin::annotation);
  EXPECT_EQ(r.queries[0].path, "$.annotations.list[1].expr");
  EXPECT_EQ(r.queries[0].min_interval, "30s");
  EXPECT_FALSE(r.queries[0].hidden);
  EXPECT_TRUE(r.queries[1].hidden);  // disabled, still reported
  EXPECT_EQ(r.queries[2].path, "$.annotations.list[3].target.expr");
  EXPECT_EQ(r.queries[2].ref_id, "Anno");
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(r.skipped[0].name, R"(annotation "Logs")");
  EXPECT_EQ(r.skipped[1].name, R"(annotation "Tags")");
  EXPECT_EQ(r.skipped[1].reason, "annotation has no expr");
}

TEST(GrafanaWalkerSchema, NonPrometheusTargetsAreSkippedWithAReason) {
  const auto r = walk_dashboard_text(R"json({
      "panels": [
        {"id": 1, "title": "Mixed", "datasource": {"type": "datasource", "uid": "-- Mixed --"},
         "targets": [
           {"refId": "A", "datasource": {"type": "prometheus", "uid": "p"}, "expr": "up"},
           {"refId": "B", "datasource": {"type": "loki", "uid": "l"}, "expr": "{app=\"shield\"}"},
           {"refId": "C", "datasource": {"type": "postgres", "uid": "s"}, "rawSql": "select 1"},
           {"refId": "D", "datasource": {"type": "prometheus", "uid": "p"}},
           {"refId": "E", "datasource": {"type": "prometheus", "uid": "p"}, "expr": "  "}
         ]},
        {"id": 2, "title": "Logs", "datasource": {"type": "loki", "uid": "l"},
         "targets": [{"refId": "A", "expr": "{app=\"shield\"}"}, {"refId": "B", "datasource": null, "expr": "x"}]},
        {"id": 3, "title": "Reuse", "datasource": {"type": "datasource", "uid": "-- Dashboard --"},
         "targets": [{"refId": "A", "panelId": 1}]},
        {"id": 4, "title": "Shared", "libraryPanel": {"uid": "lib", "name": "Shared latency"}},
        {"id": 5, "title": "Legacy", "datasource": "${DS_PROMETHEUS}", "targets": [{"refId": "A", "expr": "legacy"}]},
        {"id": 6, "title": "Notes", "type": "text"}
      ]})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  const std::vector<std::string> expected = {R"(panel "Mixed" (id 1) target A)", R"(panel "Legacy" (id 5) target A)"};
  EXPECT_EQ(query_names(r), expected);

  struct expectation {
    std::string name;
    std::string reason_fragment;
  };
  const std::vector<expectation> skipped = {
      {R"(panel "Mixed" (id 1) target B)", "'loki'"},
      {R"(panel "Mixed" (id 1) target C)", "'postgres'"},
      {R"(panel "Mixed" (id 1) target D)", "no expr"},
      {R"(panel "Mixed" (id 1) target E)", "empty expr"},
      {R"(panel "Logs" (id 2) target A)", "'loki'"},
      {R"(panel "Logs" (id 2) target B)", "'loki'"},  // null inherits the panel's
      {R"(panel "Reuse" (id 3) target A)", "-- Dashboard --"},
      {R"(panel "Shared" (id 4))", "library panel \"Shared latency\""},
  };
  ASSERT_EQ(r.skipped.size(), skipped.size());
  for (std::size_t i = 0; i < skipped.size(); ++i) {
    EXPECT_EQ(r.skipped[i].name, skipped[i].name);
    EXPECT_NE(r.skipped[i].reason.find(skipped[i].reason_fragment), std::string::npos)
        << r.skipped[i].name << ": " << r.skipped[i].reason;
  }
  EXPECT_EQ(r.skipped[0].path, "$.panels[0].targets[1]");
  EXPECT_EQ(r.skipped[7].path, "$.panels[3].libraryPanel");
}

TEST(GrafanaWalkerSchema, QuotesInTitlesAreEscapedInNames) {
  const auto r = walk_dashboard_text(R"json({"panels": [{"id": 9, "title": "The \"best\" panel",
                                          "targets": [{"refId": "A", "expr": "up"}]}]})json");
  ASSERT_TRUE(r.ok()) << errors_text(r);
  ASSERT_EQ(r.queries.size(), 1u);
  EXPECT_EQ(r.queries[0].name, R"(panel "The \"best\" panel" (id 9) target A)");
  EXPECT_EQ(r.queries[0].title, R"(The "best" panel)");
}

TEST(GrafanaWalkerSchema, EmptyDashboardHasNothing) {
  const auto r = walk_dashboard_text(R"json({"title": "empty"})json");
  EXPECT_TRUE(r.ok()) << errors_text(r);
  EXPECT_TRUE(r.queries.empty());
  EXPECT_TRUE(r.skipped.empty());
}

}  // namespace
}  // namespace shield::grafana
