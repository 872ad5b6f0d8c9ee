#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/template_variables.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

variables_result read(std::string_view text) {
  const auto document = parse_document(text);
  EXPECT_TRUE(document) << document.error();
  return read_variables(document ? *document : boost::json::value{});
}

std::string errors_of(const variables_result& r) {
  std::string out;
  for (const auto& e : r.errors) out += to_string(e) + "\n";
  return out;
}

TEST(GrafanaTemplateVariables, ReadsEveryKind) {
  const auto r = read(R"json({"templating": {"list": [
      {"name": "endpoint", "type": "query", "multi": true, "includeAll": true, "allValue": null,
       "current": {"text": ["/health", "/anonymize"], "value": ["/health", "/anonymize"]},
       "options": [{"text": "All", "value": "$__all"}, {"text": "/health", "value": "/health"},
                   {"text": "/anonymize", "value": "/anonymize"}]},
      {"name": "env", "type": "custom", "includeAll": true, "allValue": ".+", "query": "prod, dev\\,test ,Staging : stg",
       "current": {"text": "All", "value": "$__all"}},
      {"name": "c", "type": "constant", "query": "const_value", "current": {"value": "ignored"}},
      {"name": "t1", "type": "textbox", "query": "default text"},
      {"name": "t2", "type": "textbox", "query": "default text", "current": {"value": "typed"}},
      {"name": "window", "type": "interval", "auto": true, "auto_count": 50, "auto_min": "30s",
       "query": "1m,5m", "current": {"text": "auto", "value": "$__auto_interval_window"}},
      {"name": "n", "type": "custom", "current": {"value": 5, "text": 5}, "query": "5,10"},
      {"name": "filters", "type": "adhoc"}
    ]}})json");
  ASSERT_TRUE(r.ok()) << errors_of(r);
  ASSERT_EQ(r.variables.size(), 8u);

  const auto* endpoint = find_variable(r.variables, "endpoint");
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->path, "$.templating.list[0]");
  EXPECT_TRUE(endpoint->multi);
  EXPECT_TRUE(endpoint->include_all);
  EXPECT_FALSE(endpoint->all_value.has_value());
  EXPECT_TRUE(endpoint->has_value);
  EXPECT_TRUE(endpoint->value_is_list);
  EXPECT_FALSE(endpoint->is_all);
  EXPECT_EQ(endpoint->values, (std::vector<std::string>{"/health", "/anonymize"}));
  ASSERT_EQ(endpoint->options.size(), 2u);  // the All entry is left out
  EXPECT_EQ(endpoint->options[1].value, "/anonymize");

  const auto* env = find_variable(r.variables, "env");
  ASSERT_NE(env, nullptr);
  EXPECT_TRUE(env->is_all);
  EXPECT_EQ(env->all_value, ".+");
  ASSERT_EQ(env->options.size(), 3u);  // from the query
  EXPECT_EQ(env->options[0].value, "prod");
  EXPECT_EQ(env->options[1].value, "dev,test");
  EXPECT_EQ(env->options[2].text, "Staging");
  EXPECT_EQ(env->options[2].value, "stg");

  EXPECT_EQ(find_variable(r.variables, "c")->values, std::vector<std::string>{"const_value"});
  EXPECT_EQ(find_variable(r.variables, "t1")->values, std::vector<std::string>{"default text"});
  EXPECT_EQ(find_variable(r.variables, "t2")->values, std::vector<std::string>{"typed"});

  const auto* window = find_variable(r.variables, "window");
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(window->type, "interval");
  EXPECT_TRUE(window->auto_interval);
  EXPECT_EQ(window->auto_count, 50);
  EXPECT_EQ(window->auto_min, "30s");
  EXPECT_EQ(window->values, std::vector<std::string>{"$__auto_interval_window"});
  EXPECT_EQ(window->options.size(), 2u);

  EXPECT_EQ(find_variable(r.variables, "n")->values, std::vector<std::string>{"5"});
  EXPECT_EQ(find_variable(r.variables, "filters")->type, "adhoc");
  EXPECT_FALSE(find_variable(r.variables, "filters")->has_value);
  EXPECT_EQ(find_variable(r.variables, "missing"), nullptr);
}

TEST(GrafanaTemplateVariables, ApiWrapperAndNoTemplating) {
  const auto r = read(
      R"json({"meta": {}, "dashboard": {"templating": {"list": [{"name": "x", "type": "constant", "query": "1"}]}}})json");
  ASSERT_TRUE(r.ok()) << errors_of(r);
  ASSERT_EQ(r.variables.size(), 1u);
  EXPECT_EQ(r.variables[0].path, "$.dashboard.templating.list[0]");
  EXPECT_TRUE(read(R"json({"panels": []})json").variables.empty());
}

TEST(GrafanaTemplateVariables, MalformedEntriesNameTheirPath) {
  const auto r = read(R"json({"templating": {"list": [
      {"type": "query"},
      {"name": "a", "current": "x"},
      {"name": "b", "current": {"value": {"k": 1}}},
      {"name": "c", "options": {}},
      {"name": "d", "options": [1]},
      {"name": "e", "current": {"value": ["ok", {}]}},
      3,
      {"name": "good", "type": "constant", "query": "v"}
    ]}})json");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"$.templating.list[0].name", "missing variable name"},
      {"$.templating.list[1].current", "expected an object, got string"},
      {"$.templating.list[2].current.value", "expected a string or an array, got object"},
      {"$.templating.list[3].options", "expected an array, got object"},
      {"$.templating.list[4].options[0]", "expected an option object, got number"},
      {"$.templating.list[5].current.value[1]", "expected a string, got object"},
      {"$.templating.list[6]", "expected a variable object, got number"},
  };
  ASSERT_EQ(r.errors.size(), expected.size()) << errors_of(r);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.errors[i].path, expected[i].first);
    EXPECT_NE(r.errors[i].message.find(expected[i].second), std::string::npos) << r.errors[i].message;
  }
  EXPECT_NE(find_variable(r.variables, "good"), nullptr);
  const auto listed = read(R"json({"templating": {"list": {}}})json");
  ASSERT_EQ(listed.errors.size(), 1u);
  EXPECT_EQ(listed.errors[0].path, "$.templating.list");
}

}  // namespace
}  // namespace shield::grafana
