// Template variables resolved as Grafana resolves them on load, against a scripted source: chained
// query variables, regex filters, sort, All, --var overrides, and what stays without a value.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <map>
#include <string>
#include <vector>

#include "support/grafana/template_substitution.hpp"
#include "support/grafana/variable_resolution.hpp"

namespace shield::grafana {
namespace {

// Answers from fixed tables; records what it was asked.
class scripted_source : public variable_source {
 public:
  std::map<std::string, std::vector<std::string>> values;  // "match|label" -> values
  std::map<std::string, std::vector<std::string>> rows;    // expr -> query_result rows
  std::vector<std::string> asked;                          // calls in order

  base::result<std::vector<std::string>> label_values(std::string_view match, std::string_view label) override {
    const std::string key = std::string(match) + "|" + std::string(label);
    asked.push_back("label_values " + key);
    if (auto it = values.find(key); it != values.end()) return it->second;
    return std::vector<std::string>{};
  }
  base::result<std::vector<std::string>> label_names(std::string_view match) override {
    asked.push_back("label_names " + std::string(match));
    return std::vector<std::string>{"instance", "job"};
  }
  base::result<std::vector<std::string>> query_result(std::string_view expr) override {
    asked.push_back("query_result " + std::string(expr));
    if (auto it = rows.find(std::string(expr)); it != rows.end()) return it->second;
    return base::fail("no such query");
  }
};

std::vector<template_variable> read_templating(const std::string& templating) {
  const auto doc = boost::json::parse(R"({"templating": {"list": )" + templating + "}}");
  auto r = read_variables(doc);
  EXPECT_TRUE(r.ok());
  return r.variables;
}

const template_variable& named(const resolution_result& r, std::string_view name) {
  return *find_variable(r.variables, name);
}

const std::string chained = R"json([
  {"name": "job", "type": "query", "query": {"query": "query_result(count by (job) (up))"
}
, "regex" : "/job=\"([^\"]+)\"/", "sort" : 2, "current" : {}, "options" : []
},
  {"name": "instance", "type": "query", "query": "label_values(up{job=\"$job\"}, instance)", "sort": 7,
   "current": {"text": "gone:1", "value": "gone:1"}, "options": []},
  {"name": "handler", "type": "query", "definition": "label_values(http_requests_total{instance=\"$instance\"}, handler)",
   "query": "label_values(http_requests_total{instance=\"$instance\"}, handler)", "includeAll": true, "multi": true,
   "current": {}, "options": []}
])json";

TEST(VariableResolution, ChainedQueriesRegexSortAndAll) {
  scripted_source source;
  source.rows["count by (job) (up)"] = {"{job=\"api\"} 2 1700000000000", "{job=\"web\"} 1 1700000000000"};
  source.values["up{job=\"web\"}|instance"] = {"h10:80", "h9:80"};
  source.values["http_requests_total{instance=\"h9:80\"}|handler"] = {"/b", "/a"};
  const auto r = resolve_variables(read_templating(chained), {}, &source);
  EXPECT_TRUE(r.unresolved.empty()) << r.unresolved.front().reason;
  // sort 2: alphabetical descending; the regex's group is the value.
  EXPECT_EQ(named(r, "job").values, (std::vector<std::string>{"web"}));
  ASSERT_EQ(named(r, "job").options.size(), 2u);
  // sort 7: natural ascending (h9 before h10); the saved value is gone, so the first option is taken.
  EXPECT_EQ(named(r, "instance").values, (std::vector<std::string>{"h9:80"}));
  // include All without a saved value: All, i.e. every option.
  EXPECT_TRUE(named(r, "handler").is_all);
  const template_substituter s(r.variables);
  EXPECT_EQ(*s.substitute("x{handler=~\"$handler\", instance=\"$instance\"}", "q"),
            "x{handler=~\"(/b|/a)\", instance=\"h9:80\"}");
  EXPECT_EQ(r.notes.size(), 3u);
}

TEST(VariableResolution, OverridesWinAndChainFurther) {
  scripted_source source;
  source.values["up{job=\"batch\"}|instance"] = {"b1"};
  const variable_override job{"job", {"batch"}};
  const variable_override handler{"handler", {"/x", "/y"}};
  const std::vector<variable_override> overrides{job, handler};
  const auto r = resolve_variables(read_templating(chained), overrides, &source);
  EXPECT_TRUE(r.unresolved.empty());
  EXPECT_EQ(named(r, "instance").values, (std::vector<std::string>{"b1"}));
  EXPECT_EQ(named(r, "handler").values, (std::vector<std::string>{"/x", "/y"}));
  EXPECT_EQ(std::count(source.asked.begin(), source.asked.end(), "query_result count by (job) (up)"), 0);
}

TEST(VariableResolution, EmptyAnswerLeavesTheVariableAndItsDependentsWithoutValue) {
  scripted_source source;
  source.rows["count by (job) (up)"] = {"{job=\"api\"} 1 1"};
  // A saved value survives an empty answer ...
  const auto saved = resolve_variables(read_templating(chained), {}, &source);
  EXPECT_EQ(named(saved, "instance").values, (std::vector<std::string>{"gone:1"}));
  // ... a variable published without one is left empty, and so are the ones that use it.
  std::string published = chained;
  const std::string current = R"({"text": "gone:1", "value": "gone:1"})";
  published.replace(published.find(current), current.size(), "{}");
  const auto r = resolve_variables(read_templating(published), {}, &source);
  ASSERT_EQ(r.unresolved.size(), 2u);
  EXPECT_EQ(r.unresolved[0].name, "instance");
  EXPECT_NE(r.unresolved[0].reason.find("got no values from its query `label_values(up{job=\"api\"}, instance)`"),
            std::string::npos)
      << r.unresolved[0].reason;
  EXPECT_EQ(r.unresolved[1].name, "handler");
  const template_substituter s(r.variables);
  const auto failed = s.substitute("x{instance=\"$instance\"}", "panel");
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("not checked: variable instance has no value"), std::string::npos)
      << failed.error().message;
}

TEST(VariableResolution, WithoutASourceOnlySavedValuesAndOverrides) {
  const auto r = resolve_variables(read_templating(chained), {}, nullptr);
  ASSERT_EQ(r.unresolved.size(), 1u);  // instance keeps its saved value, handler has All
  EXPECT_EQ(r.unresolved[0].name, "job");
  EXPECT_EQ(r.unresolved[0].reason, "has no value (give --var job=... or --prometheus)");
  const std::vector<variable_override> overrides{{"job", {"api"}}, {"nosuch", {"1"}}};
  const auto given = resolve_variables(read_templating(chained), overrides, nullptr);
  ASSERT_EQ(given.unresolved.size(), 1u);
  EXPECT_NE(given.unresolved[0].reason.find("the dashboard has no variable nosuch"), std::string::npos);
}

TEST(VariableResolution, MetricsAndLabelNames) {
  scripted_source source;
  source.values["|__name__"] = {"node_load1", "node_load5", "up", "node_cpu_seconds_total"};
  const auto r = resolve_variables(read_templating(R"json([
    {"name": "m", "type": "query", "query": "metrics(node_load.*)", "sort": 2, "multi": true, "current": {}},
    {"name": "l", "type": "query", "query": "label_names()", "regex": "/^j/", "current": {}}])json"),
                                   {}, &source);
  EXPECT_TRUE(r.unresolved.empty());
  ASSERT_EQ(named(r, "m").options.size(), 2u);  // cpu_seconds_total does not match node_load
  EXPECT_EQ(named(r, "m").values, (std::vector<std::string>{"node_load5"}));
  EXPECT_EQ(named(r, "l").values, (std::vector<std::string>{"job"}));
}

TEST(VariableResolution, OverrideSyntax) {
  const auto one = parse_variable_override("node=host:9100");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->name, "node");
  EXPECT_EQ(one->values, (std::vector<std::string>{"host:9100"}));
  const auto many = parse_variable_override("$job=a,b\\,c");
  ASSERT_TRUE(many);
  EXPECT_EQ(many->name, "job");
  EXPECT_EQ(many->values, (std::vector<std::string>{"a", "b,c"}));
  EXPECT_FALSE(parse_variable_override("novalue"));
  EXPECT_FALSE(parse_variable_override("=x"));
}

TEST(VariableResolution, DerivedOptions) {
  const auto named_groups =
      derive_options({"id-1 (one)", "id-2 (two)", "other"}, "/id-(?P<value>\\d) \\((?P<text>\\w+)\\)/", 0);
  ASSERT_TRUE(named_groups);
  ASSERT_EQ(named_groups->size(), 2u);
  EXPECT_EQ((*named_groups)[0].value, "1");
  EXPECT_EQ((*named_groups)[0].text, "one");
  const auto numeric = derive_options({"10", "9", "100", "9"}, "", 4);
  ASSERT_TRUE(numeric);
  ASSERT_EQ(numeric->size(), 3u);  // duplicates dropped
  EXPECT_EQ((*numeric)[0].value, "100");
  EXPECT_EQ((*numeric)[2].value, "9");
  const auto ci = derive_options({"b", "A", "c"}, "/^[ab]$/i", 5);
  ASSERT_TRUE(ci);
  ASSERT_EQ(ci->size(), 2u);
  EXPECT_EQ((*ci)[0].value, "A");
  EXPECT_FALSE(derive_options({"x"}, "/(/", 0));
}

}  // namespace
}  // namespace shield::grafana
