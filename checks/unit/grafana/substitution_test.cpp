#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/template_substitution.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

constexpr std::string_view dashboard = R"json({"templating": {"list": [
  {"name": "instance", "type": "query", "current": {"text": "host:9100", "value": "host:9100"}},
  {"name": "instances", "type": "query", "multi": true,
   "current": {"text": ["A one", "B two"], "value": ["a.1", "b.2"]}},
  {"name": "job", "type": "custom", "query": "api,worker", "current": {"text": "api", "value": "api"}},
  {"name": "endpoint", "type": "query", "multi": true, "includeAll": true, "allValue": null,
   "current": {"text": "All", "value": ["$__all"]},
   "options": [{"text": "All", "value": "$__all"}, {"text": "/health", "value": "/health"},
               {"text": "/anonymize", "value": "/anonymize"}]},
  {"name": "env", "type": "custom", "includeAll": true, "allValue": ".+", "query": "prod,dev",
   "current": {"text": "All", "value": "$__all"}},
  {"name": "region", "type": "query", "includeAll": true, "current": {"text": "All", "value": "$__all"}, "options": []},
  {"name": "window", "type": "interval", "auto": true, "auto_count": 30, "auto_min": "10s", "query": "1m,5m",
   "current": {"text": "auto", "value": "$__auto_interval_window"}},
  {"name": "step", "type": "interval", "query": "1m,5m", "current": {"text": "5m", "value": "5m"}},
  {"name": "c", "type": "constant", "query": "const_value"},
  {"name": "words", "type": "textbox", "current": {"value": "it's $job"}},
  {"name": "first", "type": "custom", "query": "x,y"},
  {"name": "nothing", "type": "query"},
  {"name": "ds", "type": "datasource", "query": "prometheus", "current": {"text": "Prom", "value": "P1809F7CD0C75ACF3"}},
  {"name": "ds_unsaved", "type": "datasource", "query": "prometheus", "current": {}},
  {"name": "filters", "type": "adhoc"}
]}})json";

substitution_settings fixed_settings() {
  substitution_settings settings;      // 15 s scrape, 1 h range
  settings.to_ms = 1'700'000'000'000;  // 2023-11-14T22:13:20Z
  return settings;
}

template_substituter make(std::string_view text = dashboard, substitution_settings settings = fixed_settings()) {
  const auto document = parse_document(text);
  EXPECT_TRUE(document) << document.error();
  auto variables = read_variables(document ? *document : boost::json::value{});
  EXPECT_TRUE(variables.ok());
  return template_substituter{std::move(variables.variables), std::move(settings)};
}

std::string sub(const template_substituter& s, std::string_view text, std::string_view min_interval = {}) {
  const auto r = s.substitute(text, "test query", min_interval);
  EXPECT_TRUE(r) << text << ": " << r.error();
  return r ? *r : std::string{};
}

std::string error_of(const template_substituter& s, std::string_view text, std::string_view min_interval = {}) {
  const auto r = s.substitute(text, R"(panel "P" (id 1) target A)", min_interval);
  EXPECT_FALSE(r) << text << " -> " << (r ? *r : std::string{});
  return r ? std::string{} : r.error().message;
}

TEST(GrafanaSubstitution, EverySyntax) {
  const auto s = make();
  EXPECT_EQ(sub(s, "up{job=\"$job\"}"), "up{job=\"api\"}");
  EXPECT_EQ(sub(s, "up{job=\"${job}\"}"), "up{job=\"api\"}");
  EXPECT_EQ(sub(s, "up{job=\"${job:raw}\"}"), "up{job=\"api\"}");
  EXPECT_EQ(sub(s, "up{job=\"[[job]]\"}"), "up{job=\"api\"}");
  EXPECT_EQ(sub(s, "up{job=~\"[[instances:pipe]]\"}"), "up{job=~\"a.1|b.2\"}");
  EXPECT_EQ(sub(s, "$job$job${job}[[job]]"), "apiapiapiapi");
  EXPECT_EQ(sub(s, "no variables here"), "no variables here");
}

TEST(GrafanaSubstitution, LongestNameWins) {
  const auto s = make();
  EXPECT_EQ(sub(s, "$instance $instances"), R"(host:9100 (a\\.1|b\\.2))");
  EXPECT_EQ(sub(s, "${instance}s"), "host:9100s");
  // With only $instance defined, $instances is not $instance + "s".
  const auto only =
      make(R"json({"templating": {"list": [{"name": "instance", "type": "constant", "query": "h"}]}})json");
  const std::string error = error_of(only, "up{instance=~\"$instances\"}");
  EXPECT_NE(error.find("undefined variable 'instances'"), std::string::npos) << error;
}

TEST(GrafanaSubstitution, FormatsThroughReferences) {
  const auto s = make();
  EXPECT_EQ(sub(s, "${instances:csv}"), "a.1,b.2");
  EXPECT_EQ(sub(s, "${instances:pipe}"), "a.1|b.2");
  EXPECT_EQ(sub(s, "${instances:regex}"), R"((a\.1|b\.2))");
  EXPECT_EQ(sub(s, "${instances:raw}"), "a.1,b.2");
  EXPECT_EQ(sub(s, "${instances:json}"), R"(["a.1","b.2"])");
  EXPECT_EQ(sub(s, "${instances:doublequote}"), R"("a.1","b.2")");
  EXPECT_EQ(sub(s, "${instances:singlequote}"), "'a.1','b.2'");
  EXPECT_EQ(sub(s, "${instances:glob}"), "{a.1,b.2}");
  EXPECT_EQ(sub(s, "${instances:text}"), "A one + B two");
  EXPECT_EQ(sub(s, "${instances:queryparam}"), "var-instances=a.1&var-instances=b.2");
  EXPECT_EQ(sub(s, "${instances:sqlstring}"), "'a.1','b.2'");
  EXPECT_EQ(sub(s, "${instances:lucene}"), R"(("a.1" OR "b.2"))");
  EXPECT_EQ(sub(s, "${instances:percentencode}"), "%7Ba.1%2Cb.2%7D");
  EXPECT_EQ(sub(s, "[[instance:regex]]"), "host:9100");
  EXPECT_EQ(sub(s, "${instance:json}"), R"("host:9100")");
}

TEST(GrafanaSubstitution, DefaultFormatFollowsThePrometheusDatasource) {
  const auto s = make();
  EXPECT_EQ(sub(s, "$instances"), R"((a\\.1|b\\.2))");  // multi: regex-escaped for a PromQL string
  EXPECT_EQ(sub(s, "$instance"), "host:9100");          // single: as is
  EXPECT_EQ(sub(s, "$words"), R"(it\\'s $job)");        // quote escaped, value not substituted again
}

TEST(GrafanaSubstitution, IncludeAll) {
  const auto s = make();
  EXPECT_EQ(sub(s, "$endpoint"), "(/health|/anonymize)");  // every option
  EXPECT_EQ(sub(s, "${endpoint:regex}"), R"((\/health|\/anonymize))");
  EXPECT_EQ(sub(s, "${endpoint:csv}"), "/health,/anonymize");
  EXPECT_EQ(sub(s, "${endpoint:text}"), "/health + /anonymize");
  EXPECT_EQ(sub(s, "$env"), ".+");  // custom all value, as written
  EXPECT_EQ(sub(s, "${env:csv}"), ".+");
  EXPECT_EQ(sub(s, "${env:text}"), "All");
  EXPECT_EQ(sub(s, "$region"), ".*");  // neither allValue nor options: the settings' fallback
  auto settings = fixed_settings();
  settings.all_fallback = ".+";
  EXPECT_EQ(sub(make(dashboard, settings), "$region"), ".+");
}

TEST(GrafanaSubstitution, BuiltInsWithDefaultSettings) {
  const auto s = make();
  // 1 h / 1000 points = 3.6 s -> 5 s, raised to the 15 s scrape; rate: max(15s+15s, 4*15s).
  EXPECT_EQ(sub(s, "$__interval"), "15s");
  EXPECT_EQ(sub(s, "$__interval_ms"), "15000");
  EXPECT_EQ(sub(s, "$__rate_interval"), "1m");
  EXPECT_EQ(sub(s, "${__rate_interval}"), "1m");
  EXPECT_EQ(sub(s, "$__rate_interval_ms"), "60000");
  EXPECT_EQ(sub(s, "$__range"), "3600s");
  EXPECT_EQ(sub(s, "$__range_s"), "3600");
  EXPECT_EQ(sub(s, "$__range_ms"), "3600000");
  EXPECT_EQ(sub(s, "$__from"), "1699996400000");
  EXPECT_EQ(sub(s, "$__to"), "1700000000000");
  EXPECT_EQ(sub(s, "${__from:date:seconds}"), "1699996400");
  EXPECT_EQ(sub(s, "${__to:date:iso}"), "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(sub(s, "${__to:date}"), "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(sub(s, "${__interval:raw}"), "15s");
  // Auto interval: 1 h / 30 = 2 m (above auto_min 10 s).
  EXPECT_EQ(sub(s, "$__auto_interval_window"), "2m");
  EXPECT_EQ(sub(s, "rate(x_total[$window])"), "rate(x_total[2m])");
  EXPECT_EQ(sub(s, "rate(x_total[$step])"), "rate(x_total[5m])");
  EXPECT_NE(error_of(s, "${__to:date:YYYY}").find("unsupported date format"), std::string::npos);
  EXPECT_NE(error_of(s, "$__auto_interval_step").find("undefined variable '__auto_interval_step'"), std::string::npos);
}

TEST(GrafanaSubstitution, BuiltInsFollowTheSettings) {
  auto settings = fixed_settings();
  settings.scrape_interval_ms = 30'000;
  settings.range_ms = 86'400'000;
  const auto day = make(dashboard, settings);
  // 24 h / 1000 = 86.4 s -> 1 m; rate: max(1m + 30s, 4 * 30s) = 2 m.
  EXPECT_EQ(sub(day, "$__interval"), "1m");
  EXPECT_EQ(sub(day, "$__rate_interval"), "2m");
  EXPECT_EQ(sub(day, "$__range"), "86400s");
  EXPECT_EQ(sub(day, "$window"), "1h");  // 24 h / 30 = 48 m -> 1 h

  settings = fixed_settings();
  settings.interval_ms = 70'000;  // fixed $__interval
  const auto fixed = make(dashboard, settings);
  EXPECT_EQ(sub(fixed, "$__interval"), "1m10s");
  EXPECT_EQ(sub(fixed, "$__rate_interval"), "1m25s");  // 70 s + 15 s beats 60 s
}

TEST(GrafanaSubstitution, QueryMinIntervalRaisesIntervals) {
  const auto s = make();
  // A 1 m min interval is both the floor and the scrape interval of the rate rule.
  EXPECT_EQ(sub(s, "$__interval $__rate_interval", "1m"), "1m 4m");
  EXPECT_EQ(sub(s, "$__interval", "$step"), "5m");
  EXPECT_NE(error_of(s, "$__interval", "fast").find("bad min interval 'fast'"), std::string::npos);
  EXPECT_NE(error_of(s, "$__rate_interval", "116511656y").find("bad min interval '116511656y'"), std::string::npos);
  EXPECT_NE(error_of(s, "$__rate_interval", "116511656y").find("at most 292y"), std::string::npos);
  EXPECT_NE(error_of(s, "$__interval", "$nope").find("'nope'"), std::string::npos);

  dashboard_query query;
  query.name = R"(panel "Q" (id 7) target A)";
  query.expr = "rate(x[$__rate_interval])";
  query.min_interval = "30s";
  const auto r = s.substitute(query);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(*r, "rate(x[2m])");  // max(30s + 30s, 4 * 30s)
}

TEST(GrafanaSubstitution, UndefinedVariableNamesItAndTheQuery) {
  const auto s = make();
  const std::string error = error_of(s, "rate(http_requests_total{endpoint=~\"$endpoints\"}[5m])");
  EXPECT_NE(error.find("undefined variable 'endpoints'"), std::string::npos) << error;
  EXPECT_NE(error.find(R"(panel "P" (id 1) target A)"), std::string::npos) << error;
  EXPECT_NE(error.find("$endpoints"), std::string::npos) << error;
  EXPECT_NE(error_of(s, "[[missing]]").find("'missing'"), std::string::npos);
  EXPECT_NE(error_of(s, "${missing:csv}").find("'missing'"), std::string::npos);
}

TEST(GrafanaSubstitution, OtherErrors) {
  const auto s = make();
  std::string error = error_of(s, "${job:xml}");
  EXPECT_NE(error.find("unknown format 'xml'"), std::string::npos) << error;
  EXPECT_NE(error.find("'job'"), std::string::npos) << error;
  EXPECT_NE(error_of(s, "[[job:xml]]").find("unknown format 'xml'"), std::string::npos);
  EXPECT_NE(error_of(s, "${__interval:xml}").find("unknown format 'xml'"), std::string::npos);
  EXPECT_NE(error_of(s, "${job.name}").find("field paths"), std::string::npos);
  EXPECT_NE(error_of(s, "${job:}").find("empty format"), std::string::npos);
  EXPECT_NE(error_of(s, "$nothing")
                .find("not checked: variable nothing has no value (give --var nothing=... or --prometheus)"),
            std::string::npos);
  EXPECT_NE(error_of(s, "$filters").find("ad hoc"), std::string::npos);
  // A datasource variable's value is a datasource of the Grafana instance: only a saved one (or --var) gives it.
  EXPECT_NE(error_of(s, "up{ds=\"$ds_unsaved\"}").find("not checked: variable ds_unsaved has no value"),
            std::string::npos);
}

TEST(GrafanaSubstitution, TextThatIsNotAReferenceStays) {
  const auto s = make();
  const std::string replace = R"(label_replace(up, "host", "$1", "instance", "(.*):${2}"))";
  EXPECT_EQ(sub(s, replace), replace);
  for (const std::string text : {"up{a=~\"^x.*$\"}", "cost in $", "${", "${ job}", "${job", "[[job", "[[job]",
                                 "[[ job]]", "[[job:]]", "x[[5m]", "$-", "${job!}"})
    EXPECT_EQ(sub(s, text), text);
}

TEST(GrafanaSubstitution, ValuesFromEveryVariableKind) {
  const auto s = make();
  EXPECT_EQ(sub(s, "$c"), "const_value");
  EXPECT_EQ(sub(s, "$first"), "x");  // nothing saved: the first option
  EXPECT_EQ(sub(s, "${job:text}"), "api");
  EXPECT_EQ(sub(s, "up{ds=\"$ds\"}"), "up{ds=\"P1809F7CD0C75ACF3\"}");  // a datasource variable's saved uid
  EXPECT_EQ(sub(s, "${ds:text}"), "Prom");
  EXPECT_EQ(s.variables().size(), 15u);
}

TEST(GrafanaSubstitution, EveryPrefixOfATrickyTextIsHandled) {
  const auto s = make();
  const std::string text =
      R"x(sum(rate(x{a=~"${instances:regex}",b="[[job:csv]]",c="$c"}[$__rate_interval])) $ ${ [[ ${job.f} ${1} $__from)x";
  // Prefixes cut references in half: each either substitutes or names a problem, never crashes.
  for (std::size_t length = 0; length <= text.size(); ++length) {
    const auto r = s.substitute(std::string_view{text}.substr(0, length), "prefix");
    if (!r) {
      EXPECT_NE(r.error().message.find("prefix"), std::string::npos) << r.error();
    }
  }
  EXPECT_NE(s.substitute(text, "whole").error().message.find("field paths"), std::string::npos);
}

}  // namespace
}  // namespace shield::grafana
