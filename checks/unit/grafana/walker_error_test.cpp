#include "support/base/read_file.hpp"
#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/dashboard_walker.hpp"

#include "checks/unit/grafana/walker_helpers.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

using testing::errors_text;
using testing::has_error;

TEST(GrafanaWalkerErrors, NotJsonNamesTheLine) {
  const auto r = walk_dashboard_text("{\n  \"panels\": [\n    {\"title\": oops}\n  ]\n}");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, "$");
  EXPECT_NE(r.errors[0].message.find("not JSON"), std::string::npos) << r.errors[0].message;
  EXPECT_NE(r.errors[0].message.find("line 3"), std::string::npos) << r.errors[0].message;
  EXPECT_TRUE(r.queries.empty());
}

TEST(GrafanaWalkerErrors, TruncatedAndTrailingText) {
  EXPECT_TRUE(has_error(walk_dashboard_text(R"json({"panels": [)json"), "$", "not JSON"));
  EXPECT_TRUE(has_error(walk_dashboard_text(R"json({"panels": []} {"x": 1})json"), "$", "not JSON"));
  EXPECT_TRUE(has_error(walk_dashboard_text(""), "$", "not JSON"));
}

TEST(GrafanaWalkerErrors, RootMustBeAnObject) {
  EXPECT_TRUE(has_error(walk_dashboard_text("[1, 2]"), "$", "expected a dashboard object, got array"));
  EXPECT_TRUE(has_error(walk_dashboard_text(R"json({"dashboard": "x", "meta": {}})json"), "$.dashboard",
                        "expected a dashboard object, got string"));
}

TEST(GrafanaWalkerErrors, PanelsNotAnArray) {
  const auto r = walk_dashboard_text(R"json({"panels": {"title": "x"}})json");
  EXPECT_TRUE(has_error(r, "$.panels", "expected an array, got object")) << errors_text(r);
}

TEST(GrafanaWalkerErrors, EveryProblemIsReportedAndGoodQueriesStillFound) {
  const auto r = walk_dashboard_text(R"json({
      "panels": [
        {"id": 1, "title": "Good", "targets": [{"refId": "A", "expr": "up"}, {"refId": "B", "expr": 42}]},
        7,
        {"id": 3, "title": "Bad targets", "targets": {"refId": "A"}},
        {"id": 4, "title": "Row", "type": "row", "collapsed": true, "panels": "nope"},
        {"id": 5, "title": "Bad target", "targets": ["up"]}
      ],
      "rows": [ "not a row", {"title": "r", "panels": [{"title": "p", "targets": [{"expr": null}]}]} ],
      "templating": {"list": [
        {"name": "a", "type": "query", "query": 17},
        {"name": "b", "type": "query", "query": {"query": ["x"]}},
        {"name": "c", "type": "query", "query": "label_values(up, job, extra)"},
        {"name": "d", "type": "query", "query": "label_values(up{job=\"x\", job)"},
        "not a variable"
      ]},
      "annotations": {"list": [{"name": "n", "expr": {"x": 1}}]}
    })json");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.queries.size(), 1u) << errors_text(r);
  EXPECT_EQ(r.queries[0].name, R"(panel "Good" (id 1) target A)");

  const std::vector<std::pair<std::string, std::string>> expected = {
      {"$.panels[0].targets[1].expr", "expected a string, got number"},
      {"$.panels[1]", "expected a panel object, got number"},
      {"$.panels[2].targets", "expected an array, got object"},
      {"$.panels[3].panels", "expected an array, got string"},
      {"$.panels[4].targets[0]", "expected a target object, got string"},
      {"$.rows[0]", "expected a row object, got string"},
      {"$.rows[1].panels[0].targets[0].expr", "expected a string, got null"},
      {"$.templating.list[0].query", "expected a string or an object, got number"},
      {"$.templating.list[1].query.query", "expected a string, got array"},
      {"$.templating.list[2].query", "label_values takes (label) or (metric, label)"},
      {"$.templating.list[3].query", "unbalanced"},
      {"$.templating.list[4]", "expected a variable object, got string"},
      {"$.annotations.list[0].expr", "expected a string, got object"},
  };
  for (const auto& [path, fragment] : expected)
    EXPECT_TRUE(has_error(r, path, fragment)) << "missing " << path << ": " << fragment << "\ngot:\n" << errors_text(r);
  EXPECT_EQ(r.errors.size(), expected.size()) << errors_text(r);
}

TEST(GrafanaWalkerErrors, SectionsOfTheWrongKind) {
  const auto r = walk_dashboard_text(R"json({"templating": [], "annotations": {"list": {}}, "rows": 3})json");
  EXPECT_TRUE(has_error(r, "$.templating", "expected an object, got array")) << errors_text(r);
  EXPECT_TRUE(has_error(r, "$.annotations.list", "expected an array, got object")) << errors_text(r);
  EXPECT_TRUE(has_error(r, "$.rows", "expected an array, got number")) << errors_text(r);
  EXPECT_EQ(r.errors.size(), 3u);
}

TEST(GrafanaWalkerErrors, UnreadableFile) {
  const auto r = walk_dashboard_file("/nonexistent/dir/dashboard.json");
  EXPECT_TRUE(has_error(r, "$", "cannot read /nonexistent/dir/dashboard.json: No such file")) << errors_text(r);
}

TEST(GrafanaWalkerErrors, EveryTruncationOfTheShippedDashboardIsRejected) {
  const auto file = base::read_file(std::string{SHIELD_DASHBOARDS_DIR} + "/shield.json");
  ASSERT_TRUE(file) << file.error();
  const std::string& text = *file;
  const std::size_t end = text.find_last_not_of(" \r\n");
  ASSERT_NE(end, std::string::npos);
  // Cuts across every kind of token; each must give one error at `$` and no queries.
  for (std::size_t length = 0; length <= end; length += 53) {
    const auto r = walk_dashboard_text(std::string_view{text}.substr(0, length));
    ASSERT_EQ(r.errors.size(), 1u) << "length " << length;
    EXPECT_EQ(r.errors[0].path, "$");
    EXPECT_TRUE(r.queries.empty());
  }
  EXPECT_TRUE(walk_dashboard_text(text).ok());
}

}  // namespace
}  // namespace shield::grafana
