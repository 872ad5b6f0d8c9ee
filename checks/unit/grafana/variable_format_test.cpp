#include "support/grafana/variable_format.hpp"

#include <gtest/gtest.h>

namespace shield::grafana {
namespace {

const variable_value single{{"a.b"}, {"A"}, false, false};
const variable_value list{{"a.b", "c|d"}, {"A", "C"}, true, true};
const variable_value list_of_one{{"a.b"}, {"A"}, true, true};

std::string render(std::string_view format, const variable_value& value, std::string_view name = "var") {
  const auto r = format_value(format, name, value);
  EXPECT_TRUE(r) << format << ": " << r.error();
  return r ? *r : std::string{};
}

TEST(GrafanaVariableFormat, Regex) {
  EXPECT_EQ(render("regex", single), R"(a\.b)");
  EXPECT_EQ(render("regex", list), R"((a\.b|c\|d))");
  EXPECT_EQ(render("regex", list_of_one), R"(a\.b)");
  EXPECT_EQ(regex_escape(R"(^$*+?.()|[]{}/\)"), R"(\^\$\*\+\?\.\(\)\|\[\]\{\}\/\\)");
}

TEST(GrafanaVariableFormat, PipeCsvRaw) {
  EXPECT_EQ(render("pipe", single), "a.b");
  EXPECT_EQ(render("pipe", list), "a.b|c|d");
  EXPECT_EQ(render("csv", single), "a.b");
  EXPECT_EQ(render("csv", list), "a.b,c|d");
  EXPECT_EQ(render("raw", single), "a.b");
  EXPECT_EQ(render("raw", list), "a.b,c|d");
}

TEST(GrafanaVariableFormat, Json) {
  EXPECT_EQ(render("json", single), R"("a.b")");
  EXPECT_EQ(render("json", list), R"(["a.b","c|d"])");
  EXPECT_EQ(render("json", list_of_one), R"(["a.b"])");
  EXPECT_EQ(render("json", variable_value{{"q\"\\"}, {}, false, false}), R"("q\"\\")");
}

TEST(GrafanaVariableFormat, Glob) {
  EXPECT_EQ(render("glob", single), "a.b");
  EXPECT_EQ(render("glob", list), "{a.b,c|d}");
  EXPECT_EQ(render("glob", list_of_one), "a.b");
}

TEST(GrafanaVariableFormat, TextUsesDisplayTexts) {
  EXPECT_EQ(render("text", single), "A");
  EXPECT_EQ(render("text", list), "A + C");
  EXPECT_EQ(render("text", variable_value{{"x", "y"}, {}, true, false}), "x + y");
}

TEST(GrafanaVariableFormat, QueryParam) {
  EXPECT_EQ(render("queryparam", single, "ep"), "var-ep=a.b");
  EXPECT_EQ(render("queryparam", list, "ep"), "var-ep=a.b&var-ep=c%7Cd");
}

TEST(GrafanaVariableFormat, Quoting) {
  const variable_value quotes{{R"(say "hi")", "it's"}, {}, true, false};
  EXPECT_EQ(render("doublequote", single), R"("a.b")");
  EXPECT_EQ(render("doublequote", quotes), R"("say \"hi\"","it's")");
  EXPECT_EQ(render("singlequote", quotes), R"('say "hi"','it\'s')");
  EXPECT_EQ(render("sqlstring", quotes), R"('say "hi"','it''s')");
  EXPECT_EQ(render("sqlstring", single), "'a.b'");
}

TEST(GrafanaVariableFormat, Lucene) {
  EXPECT_EQ(render("lucene", variable_value{{"a b:c(d)"}, {}, false, false}), R"(a\ b\:c\(d\))");
  EXPECT_EQ(render("lucene", list), R"(("a.b" OR "c\|d"))");
  EXPECT_EQ(render("lucene", variable_value{{}, {}, true, false}), "__empty__");
}

TEST(GrafanaVariableFormat, PercentEncode) {
  EXPECT_EQ(render("percentencode", variable_value{{"a b/c!*~"}, {}, false, false}), "a%20b%2Fc%21%2A~");
  EXPECT_EQ(render("percentencode", list), "%7Ba.b%2Cc%7Cd%7D");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
}

TEST(GrafanaVariableFormat, Distributed) {
  EXPECT_EQ(render("distributed", variable_value{{"a", "b", "c"}, {}, true, false}, "servers"),
            "a,servers=b,servers=c");
}

TEST(GrafanaVariableFormat, UnknownFormatIsAnError) {
  for (const char* format : {"xml", "Regex", "", "date"}) {
    const auto r = format_value(format, "v", single);
    EXPECT_FALSE(r) << format;
    if (r) continue;
    EXPECT_NE(r.error().message.find("unknown format"), std::string::npos) << r.error();
  }
}

TEST(GrafanaVariableFormat, PrometheusDefault) {
  // Single-value variable: only backslashes and single quotes escaped.
  EXPECT_EQ(format_prometheus_default(variable_value{{R"(C:\dir's.x)"}, {}, false, false}), R"(C:\\dir\\'s.x)");
  // Multi or include-all: regex-escaped for a PromQL string, several values grouped.
  EXPECT_EQ(format_prometheus_default(list), R"((a\\.b|c\\|d))");
  EXPECT_EQ(format_prometheus_default(list_of_one), R"(a\\.b)");
  EXPECT_EQ(format_prometheus_default(variable_value{{R"(a\b)"}, {}, false, true}), R"(a\\\\b)");
}

}  // namespace
}  // namespace shield::grafana
