#include "support/report/compare/compare_format.hpp"
#include "support/report/compare/compare_json.hpp"
#include "support/report/compare/compare_render.hpp"
#include "support/report/compare/compare_table.hpp"

#include "checks/unit/compare/test_files.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <sstream>

namespace shield::report {
namespace {

using compare_test::benchmark_json;
using compare_test::make_case;
using compare_test::noisy_repetitions;
using compare_test::synthetic_context;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(CompareFormat, Numbers) {
  EXPECT_EQ(format_value(1234.56), "1234.6");
  EXPECT_EQ(format_value(12.345), "12.35");  // rounds half-way on the binary value
  EXPECT_EQ(format_value(0.01234), "0.0123");
  EXPECT_EQ(format_value(0.0), "0");
  EXPECT_EQ(format_value(1e308), "1e+308");  // huge values neither overflow nor sprawl
  EXPECT_EQ(format_value(-12345678.0), "-1.235e+07");
  EXPECT_EQ(format_change(-1e300), "-1e+300%");
  EXPECT_EQ(format_value(-inf), "-inf");
  EXPECT_EQ(format_value(nan), "-");
  EXPECT_EQ(format_change(12.345), "+12.3%");
  EXPECT_EQ(format_change(-0.01), "+0.0%");
  EXPECT_EQ(format_change(inf), "+inf%");
  EXPECT_EQ(format_p(0.00793650793), "0.0079");
  EXPECT_EQ(format_p(0.00001), "<0.0001");
  EXPECT_EQ(format_plain(0.05), "0.05");
  EXPECT_EQ(format_plain(5.0), "5");
}

TEST(CompareTable, ConsoleColumnsAlignAndMarkdownEscapes) {
  text_table t;
  t.headers = {"name", "value"};
  t.aligns = {column_align::left, column_align::right};
  t.rows = {{"a", "1"}, {"longer|name", "12345"}, {"short"}};
  const auto lines = lines_of(render_console_table(t));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "name         value");
  EXPECT_EQ(lines[1], "-----------  -----");
  EXPECT_EQ(lines[2], "a                1");
  EXPECT_EQ(lines[3], "longer|name  12345");
  EXPECT_EQ(lines[4], "short");  // padded short row, trailing blanks trimmed

  const auto md = lines_of(render_markdown_table(t));
  ASSERT_EQ(md.size(), 5u);
  EXPECT_EQ(md[0], "| name | value |");
  EXPECT_EQ(md[1], "|---|---:|");
  EXPECT_EQ(md[3], "| longer\\|name | 12345 |");
  EXPECT_EQ(md[4], "| short |  |");

  EXPECT_EQ(markdown_code("a/b:1"), "`a/b:1`");
  EXPECT_EQ(markdown_code("x`y"), "``x`y``");
  EXPECT_EQ(markdown_code("`x"), "`` `x ``");
}

class CompareOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    synthetic_context other;
    other.host_name = "laptop";
    const auto base = parse_bench_json(
        benchmark_json({}, {make_case("anonymize/concurrency:15", noisy_repetitions(5, 200.0, 40.0, 0.02)),
                            make_case("health/concurrency:3", noisy_repetitions(1, 900.0, 3.0, 0.0)),
                            make_case("gone/concurrency:1", noisy_repetitions(1, 1.0, 1.0, 0.0))}),
        "base.json");
    const auto contender = parse_bench_json(
        benchmark_json(other, {make_case("anonymize/concurrency:15", noisy_repetitions(5, 150.0, 55.0, 0.02)),
                               make_case("health/concurrency:3", noisy_repetitions(1, 900.0, 3.0, 0.0)),
                               make_case("new|case/concurrency:1", noisy_repetitions(1, 1.0, 1.0, 0.0))}),
        "contender.json");
    ASSERT_TRUE(base && contender);
    auto result = compare_runs(*base, *contender, {});
    ASSERT_TRUE(result) << result.error();
    report_ = std::move(result.value());
  }

  comparison_report report_;
};

TEST_F(CompareOutput, ConsoleNamesCasesVerdictsAndOneSidedCases) {
  const std::string text = render_comparison_console(report_);
  EXPECT_NE(text.find("base:      base.json (commit 0123456789ab, preset quick"), std::string::npos) << text;
  EXPECT_NE(text.find("anonymize/concurrency:15  regressed   5/5  rps"), std::string::npos) << text;
  EXPECT_NE(text.find("regressed anonymize/concurrency:15: rps 200.0 -> 150.0 (-25.0%, p=0.0079)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("only in base (not compared): gone/concurrency:1"), std::string::npos) << text;
  EXPECT_NE(text.find("only in contender (not compared): new|case/concurrency:1"), std::string::npos) << text;
  EXPECT_NE(text.find("note: 1 of 2 cases have fewer than 2 repetitions per side"), std::string::npos) << text;
  EXPECT_NE(text.find("result: 1 regressed, 0 improved, 1 same (cases compared: 2)"), std::string::npos) << text;
  EXPECT_EQ(text.find("laptop'"), std::string::npos);  // warnings go to stderr, not here
  EXPECT_EQ(summary_line(report_), "1 regressed, 0 improved, 1 same");
}

TEST_F(CompareOutput, MarkdownHasTitleWarningsReasonsAndTable) {
  const std::string md = render_comparison_markdown(report_);
  EXPECT_EQ(md.rfind("### Benchmark comparison: REGRESSION (1 regressed, 0 improved, 1 same)", 0), 0u) << md;
  EXPECT_NE(md.find("> **Warning:** runs come from different machines: host_name 'ci-runner-1' (base) vs 'laptop'"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- **regressed** `anonymize/concurrency:15`: rps 200.0 -> 150.0"), std::string::npos) << md;
  EXPECT_NE(md.find("| case | verdict | reps | counter | base | contender | change | p-value | effect |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| `anonymize/concurrency:15` | regressed | 5/5 | rps | 200.0 | 150.0 | -25.0% | 0.0079 | worse |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Only in contender (not compared): `new|case/concurrency:1`"), std::string::npos) << md;
  EXPECT_NE(md.find("- note: 1 of 2 cases"), std::string::npos) << md;
}

TEST_F(CompareOutput, JsonCarriesVerdictsTestsAndValues) {
  const auto doc = boost::json::parse(comparison_json_text(report_));
  const auto& o = doc.as_object();
  EXPECT_EQ(o.at("format").as_string(), "shield.compare");
  EXPECT_EQ(o.at("base").at("file").as_string(), "base.json");
  EXPECT_EQ(o.at("contender").at("host_name").as_string(), "laptop");
  EXPECT_EQ(o.at("summary").at("regressed").to_number<int>(), 1);
  EXPECT_EQ(o.at("summary").at("regression").as_bool(), true);
  EXPECT_EQ(o.at("summary").at("non_statistical_cases").to_number<int>(), 1);
  EXPECT_EQ(o.at("options").at("max_rps_drop").to_number<double>(), 5.0);
  EXPECT_EQ(o.at("only_in_base").as_array().at(0).as_string(), "gone/concurrency:1");
  EXPECT_EQ(o.at("warnings").as_array().size(), 1u);

  const auto& c0 = o.at("cases").as_array().at(0).as_object();
  EXPECT_EQ(c0.at("run_name").as_string(), "anonymize/concurrency:15");
  EXPECT_EQ(c0.at("verdict").as_string(), "regressed");
  EXPECT_TRUE(c0.at("statistical").as_bool());
  const auto& rps = c0.at("counters").as_array().at(0).as_object();
  EXPECT_EQ(rps.at("name").as_string(), "rps");
  EXPECT_EQ(rps.at("better").as_string(), "higher");
  EXPECT_EQ(rps.at("effect").as_string(), "worse");
  EXPECT_EQ(rps.at("base_values").as_array().size(), 5u);
  EXPECT_DOUBLE_EQ(rps.at("change_percent").to_number<double>(), -25.0);
  EXPECT_EQ(rps.at("test").at("method").as_string(), "exact");
  EXPECT_NEAR(rps.at("test").at("p_value").to_number<double>(), 2.0 / 252.0, 1e-12);

  const auto& c1 = o.at("cases").as_array().at(1).as_object();
  EXPECT_FALSE(c1.at("statistical").as_bool());
  EXPECT_TRUE(c1.at("counters").as_array().at(0).at("test").is_null());
}

TEST(CompareJson, NonFiniteNumbersBecomeNull) {
  comparison_report r;
  case_comparison c;
  c.run_name = "x";
  counter_row row;
  row.spec = compared_counters[0];
  row.base = 0.0;
  row.contender = inf;
  row.change_percent = inf;
  row.contender_values = {inf};
  c.rows.push_back(row);
  r.cases.push_back(c);
  const auto doc = boost::json::parse(comparison_json_text(r));
  const auto& counter = doc.at("cases").at(0).at("counters").at(0);
  EXPECT_TRUE(counter.at("contender").is_null());
  EXPECT_TRUE(counter.at("change_percent").is_null());
  EXPECT_TRUE(counter.at("contender_values").at(0).is_null());
  EXPECT_DOUBLE_EQ(counter.at("base").to_number<double>(), 0.0);
}

}  // namespace
}  // namespace shield::report
