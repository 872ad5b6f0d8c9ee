#include "benchmarks/compare/cli_options.hpp"
#include "benchmarks/compare/compare_tool.hpp"

#include "checks/unit/compare/test_files.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace shield::compare {
namespace {

using compare_test::benchmark_json;
using compare_test::make_case;
using compare_test::noisy_repetitions;
using compare_test::read_text;
using compare_test::synthetic_context;
using compare_test::temp_dir;

base::result<tool_options> parse(std::initializer_list<std::string_view> args) {
  const std::vector<std::string_view> v(args);
  return parse_command_line(v);
}

TEST(CompareCliOptions, DefaultsAndEveryFlag) {
  const auto plain = parse({"base.json", "new.json"});
  ASSERT_TRUE(plain) << plain.error();
  EXPECT_EQ(plain->mode, tool_mode::compare);
  EXPECT_EQ(plain->files, (std::vector<std::string>{"base.json", "new.json"}));
  EXPECT_DOUBLE_EQ(plain->rules.alpha, 0.05);
  EXPECT_DOUBLE_EQ(plain->rules.max_rps_drop, 5.0);
  EXPECT_DOUBLE_EQ(plain->rules.max_latency_rise, 10.0);
  EXPECT_DOUBLE_EQ(plain->rules.min_success_rate, 95.0);
  EXPECT_TRUE(plain->markdown_path.empty() && plain->json_path.empty());

  const auto all = parse({"--alpha=0.01", "a.json", "--max_rps_drop=2.5", "--max_latency_rise=20",
                          "--min_success_rate=99.9", "--markdown=out.md", "--json=out.json", "b.json"});
  ASSERT_TRUE(all) << all.error();
  EXPECT_DOUBLE_EQ(all->rules.alpha, 0.01);
  EXPECT_DOUBLE_EQ(all->rules.max_rps_drop, 2.5);
  EXPECT_DOUBLE_EQ(all->rules.max_latency_rise, 20.0);
  EXPECT_DOUBLE_EQ(all->rules.min_success_rate, 99.9);
  EXPECT_EQ(all->markdown_path, "out.md");
  EXPECT_EQ(all->json_path, "out.json");
  EXPECT_EQ(all->files, (std::vector<std::string>{"a.json", "b.json"}));

  const auto spaced = parse({"a.json", "--alpha", "0.2", "b.json"});  // the flag module's `--name value`
  ASSERT_TRUE(spaced) << spaced.error();
  EXPECT_DOUBLE_EQ(spaced->rules.alpha, 0.2);
  EXPECT_EQ(spaced->files, (std::vector<std::string>{"a.json", "b.json"}));

  const auto dashed = parse({"--", "-base.json", "--odd.json"});
  ASSERT_TRUE(dashed) << dashed.error();
  EXPECT_EQ(dashed->files, (std::vector<std::string>{"-base.json", "--odd.json"}));

  EXPECT_EQ(parse({"--help"})->mode, tool_mode::help);
  EXPECT_EQ(parse({"a", "-h"})->mode, tool_mode::help);
  EXPECT_NE(usage_text().find("--max_rps_drop"), std::string::npos);
}

TEST(CompareCliOptions, Trend) {
  const auto t = parse({"trend", "r1.json", "r2.json", "--counter=rps,mean_ms", "--json=t.json"});
  ASSERT_TRUE(t) << t.error();
  EXPECT_EQ(t->mode, tool_mode::trend);
  EXPECT_EQ(t->files.size(), 2u);
  EXPECT_EQ(t->counters, (std::vector<std::string>{"rps", "mean_ms"}));
  EXPECT_TRUE(parse({"trend", "only.json"}));
}

struct bad_args {
  std::vector<std::string_view> args;  // command line after the program name
  const char* expect;                  // substring of the error
};

class CompareCliRejects : public ::testing::TestWithParam<bad_args> {};

TEST_P(CompareCliRejects, WithReason) {
  const auto r = parse_command_line(GetParam().args);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(GetParam().expect), std::string::npos) << r.error();
}

INSTANTIATE_TEST_SUITE_P(
    Arguments, CompareCliRejects,
    ::testing::Values(
        bad_args{{"a", "b", "--max_rps_dorp=5"}, "unknown flag '--max_rps_dorp' (did you mean --max_rps_drop?)"},
        bad_args{{"a", "b", "--aplha=0.1"}, "did you mean --alpha?"},
        bad_args{{"a", "b", "--benchmark_filter=x"}, "unknown flag '--benchmark_filter'"},
        bad_args{{"a", "b", "--alpha"}, "--alpha needs a value: --alpha=P"},
        bad_args{{"a", "b", "--alpha=0"}, "out of range: must be > 0 and < 1"},
        bad_args{{"a", "b", "--alpha=1.5"}, "out of range"},
        bad_args{{"a", "b", "--alpha=abc"}, "--alpha='abc' is not a number"},
        bad_args{{"a", "b", "--alpha=0.05x"}, "is not a number"}, bad_args{{"a", "b", "--alpha="}, "is not a number"},
        bad_args{{"a", "b", "--max_rps_drop=-1"}, "out of range: must be >= 0"},
        bad_args{{"a", "b", "--max_latency_rise=inf"}, "is not a number"},
        bad_args{{"a", "b", "--min_success_rate=101"}, "out of range"},
        bad_args{{"a", "b", "--markdown="}, "needs a file name"},
        bad_args{{"a", "b", "--json=x", "--json=y"}, "--json is given twice"},
        bad_args{{"a", "b", "--help=yes"}, "--help takes no value"}, bad_args{{"a", "b", "-v"}, "unknown option '-v'"},
        bad_args{{"a", "b", "--counter=rps"}, "--counter does not apply to shield_compare BASE CONTENDER"},
        bad_args{{"trend", "a", "--alpha=0.1"}, "--alpha does not apply to shield_compare trend"},
        bad_args{{"trend", "a", "--counter=rps,"}, "empty counter name"},
        bad_args{{"a"}, "expected two files, BASE.json and CONTENDER.json; got 1"}, bad_args{{"a", "b", "c"}, "got 3"},
        bad_args{{}, "got 0"}, bad_args{{"trend"}, "trend needs at least one benchmark JSON file"}));

// The tool in-process: same exit codes and texts as the binary.
class CompareTool : public ::testing::Test {
 protected:
  int run(std::initializer_list<std::string> args) {
    out_.str("");
    err_.str("");
    std::vector<std::string> owned(args);
    std::vector<std::string_view> views(owned.begin(), owned.end());
    return run_compare_tool(views, out_, err_);
  }

  std::string file(const std::string& name, double rps, double mean_ms, const synthetic_context& ctx = {}) {
    return dir_.write(
        name, benchmark_json(ctx, {make_case("anonymize/concurrency:15", noisy_repetitions(5, rps, mean_ms, 0.02)),
                                   make_case("health/concurrency:3", noisy_repetitions(5, 900.0, 3.0, 0.02))}));
  }

  temp_dir dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

// shield_bench marks the benchmark JSON of an interrupted run; shield_compare refuses it (exit 2).
TEST_F(CompareTool, RefusesInterruptedRuns) {
  const auto base = file("base.json", 200.0, 40.0);
  boost::json::value doc = boost::json::parse(read_text(base));
  doc.at("context").as_object()["shield_interrupted"] = "true";
  const auto cut = dir_.write("cut.json", boost::json::serialize(doc));
  EXPECT_EQ(run({base, cut}), exit_bad_input);
  EXPECT_NE(err_.str().find("contender file: " + cut + " is an interrupted run"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"trend", cut, base}), exit_bad_input);
}

TEST_F(CompareTool, ExitCodesFollowVerdicts) {
  const auto base = file("base.json", 200.0, 40.0);
  EXPECT_EQ(run({base, base}), exit_no_regression) << err_.str();
  EXPECT_NE(out_.str().find("result: 0 regressed, 0 improved, 2 same"), std::string::npos) << out_.str();
  EXPECT_EQ(err_.str(), "");

  EXPECT_EQ(run({base, file("slow.json", 150.0, 55.0)}), exit_regression);
  EXPECT_NE(out_.str().find("regressed anonymize/concurrency:15: rps 200.0 -> 150.0"), std::string::npos) << out_.str();

  EXPECT_EQ(run({base, file("fast.json", 260.0, 30.0)}), exit_no_regression);
  EXPECT_NE(out_.str().find("improved anonymize/concurrency:15: rps 200.0 -> 260.0"), std::string::npos) << out_.str();

  // A looser rule turns the regression into "same".
  EXPECT_EQ(run({"--max_rps_drop=30", "--max_latency_rise=50", base, dir_.path("slow.json")}), exit_no_regression);
}

TEST_F(CompareTool, BadInputExitsTwoWithReason) {
  const auto base = file("base.json", 200.0, 40.0);
  const auto text = dir_.write("notes.txt", "this is not json\n");
  EXPECT_EQ(run({text, base}), exit_bad_input);
  EXPECT_NE(err_.str().find("shield_compare: base file: '" + text + "' is not JSON"), std::string::npos) << err_.str();
  EXPECT_EQ(out_.str(), "");

  const auto shape = dir_.write("shape.json", R"({"benchmarks": 3, "context": {}})");
  EXPECT_EQ(run({base, shape}), exit_bad_input);
  EXPECT_NE(err_.str().find("contender file: '" + shape + "' is not Google Benchmark output"), std::string::npos)
      << err_.str();

  const auto other =
      dir_.write("other.json", benchmark_json({}, {make_case("x/concurrency:1", noisy_repetitions(1, 1, 1, 0))}));
  EXPECT_EQ(run({base, other}), exit_bad_input);
  EXPECT_NE(err_.str().find("no case in common"), std::string::npos) << err_.str();

  EXPECT_EQ(run({base, dir_.path("missing.json")}), exit_bad_input);
  EXPECT_NE(err_.str().find("cannot read"), std::string::npos) << err_.str();

  EXPECT_EQ(run({base, base, "--min_sucess_rate=90"}), exit_bad_input);
  EXPECT_NE(err_.str().find("did you mean --min_success_rate?"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("see shield_compare --help"), std::string::npos) << err_.str();
}

TEST_F(CompareTool, WarningsOutputsAndTrend) {
  synthetic_context laptop;
  laptop.host_name = "laptop";
  const auto base = file("base.json", 200.0, 40.0);
  const auto moved = file("laptop.json", 200.0, 40.0, laptop);
  const auto md = dir_.path("report.md");
  const auto js = dir_.path("report.json");
  EXPECT_EQ(run({base, moved, "--markdown=" + md, "--json=" + js}), exit_no_regression) << err_.str();
  EXPECT_NE(err_.str().find("shield_compare: warning: runs come from different machines"), std::string::npos)
      << err_.str();
  EXPECT_NE(read_text(md).find("### Benchmark comparison: no regression"), std::string::npos);
  EXPECT_NE(read_text(md).find("> **Warning:** runs come from different machines"), std::string::npos);
  const auto doc = boost::json::parse(read_text(js));
  EXPECT_EQ(doc.at("summary").at("same").to_number<int>(), 2);

  // An output that cannot be written is an error, not a silent pass.
  EXPECT_EQ(run({base, base, "--json=" + dir_.path("no/such/dir/x.json")}), exit_bad_input);
  EXPECT_NE(err_.str().find("cannot write"), std::string::npos) << err_.str();

  EXPECT_EQ(run({"trend", base, moved, "--counter=rps", "--markdown=" + dir_.path("trend.md")}), exit_no_regression)
      << err_.str();
  EXPECT_NE(out_.str().find("rps (median over repetitions) by run:"), std::string::npos) << out_.str();
  EXPECT_EQ(out_.str().find("p95_ms"), std::string::npos);
  EXPECT_NE(read_text(dir_.path("trend.md")).find("### rps by run"), std::string::npos);
  EXPECT_EQ(run({"trend", base, "--counter=nope"}), exit_bad_input);
  EXPECT_NE(err_.str().find("counter 'nope' appears in none of the files"), std::string::npos) << err_.str();

  EXPECT_EQ(run({"--help"}), exit_no_regression);
  EXPECT_NE(out_.str().find("usage: shield_compare"), std::string::npos);
  EXPECT_NE(out_.str().find("--html=FILE"), std::string::npos);
}

// --html writes the comparison as one self-contained page: no script, nothing loaded from a
// network, the case names escaped; trend does not take it.
TEST_F(CompareTool, HtmlReport) {
  const auto base = file("base.json", 200.0, 40.0);
  const auto slow = file("slow.json", 150.0, 60.0);
  const auto html = dir_.path("compare.html");
  EXPECT_EQ(run({base, slow, "--html=" + html}), exit_regression) << err_.str();
  const std::string page = read_text(html);
  ASSERT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u) << page.substr(0, 200);
  // The target URL is text in the runs table, not a resource; nothing else has a scheme.
  std::string rest = page;
  for (auto at = rest.find("http://127.0.0.1:8000"); at != std::string::npos; at = rest.find("http://127.0.0.1:8000"))
    rest.erase(at, 21);
  for (const char* banned : {"<script", "src=", "href=", "url(", "@import", "<link", "<img", "://"})
    EXPECT_EQ(rest.find(banned), std::string::npos) << banned;
  EXPECT_NE(page.find("REGRESSION"), std::string::npos);
  EXPECT_NE(page.find("regressed"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("anonymize/concurrency:15"), std::string::npos);
  EXPECT_NE(page.find("<td>rps</td>"), std::string::npos);
  EXPECT_EQ(run({base, base, "--html=" + dir_.path("no/such/dir/c.html")}), exit_bad_input);
  EXPECT_NE(err_.str().find("cannot write"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"trend", base, slow, "--html=" + html}), exit_bad_input);
}

}  // namespace
}  // namespace shield::compare
