// The results file: name, JSON content, atomic writes, and the summary table.

#include "report/results_file.hpp"
#include "report/results_table.hpp"
#include "stats/histogram_json.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace shield::report::test {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// A fresh directory removed at the end of the test.
struct scratch_dir {
  fs::path path = fs::temp_directory_path() / ("shield_results_" + std::to_string(::getpid()) + "_" +
                                               std::to_string(counter++));
  scratch_dir() { fs::remove_all(path); }
  ~scratch_dir() { fs::remove_all(path); }
  static inline int counter = 0;
};

case_record sample_case() {
  case_record c;
  c.name = "anonymize/concurrency:3";
  c.endpoint = "anonymize";
  c.result.config.concurrency = 3;
  c.result.config.requests = 10;
  c.result.threads = 1;
  c.result.endpoints = {"anonymize"};
  c.result.totals = load::tally(1, true);
  c.result.totals.requests = 10;
  c.result.totals.ok = 8;
  c.result.totals.outcomes[load::index_of(load::outcome::ok)].count = 8;
  auto& reset = c.result.totals.outcomes[load::index_of(load::outcome::reset)];
  reset.count = 2;
  reset.messages = {"anonymize: connection reset by peer"};
  for (int i = 1; i <= 8; ++i) c.result.totals.latency.record(static_cast<std::uint64_t>(i) * 1'000'000);
  c.result.totals.service = c.result.totals.latency;
  c.result.totals.stream->streams = 8;
  c.result.wall = std::chrono::milliseconds(500);
  c.grade = "problem";
  c.thresholds = {{"success_rate>95", false, 80.0, "threshold failed: case 'anonymize/concurrency:3': success_rate = 80"},
                  {"mean_ms<2000", true, 4.5, ""}};
  return c;
}

TEST(ResultsFile, NameFollowsTheOriginalScripts) {
  const std::string name = results_file_name(std::chrono::system_clock::now());
  EXPECT_TRUE(std::regex_match(name, std::regex(R"(stress_test_results_\d{8}_\d{6}\.json)"))) << name;
}

TEST(ResultsFile, DocumentCarriesConfigurationCasesAndVerdicts) {
  results_document d;
  d.configuration.target = "http://127.0.0.1:8000";
  d.configuration.headers = {"Authorization: Bearer <redacted: $TOKEN>"};
  d.configuration.concurrency = {3};
  d.cases.push_back(sample_case());
  const json::value v = json::parse(pretty_json(results_to_json(d)));
  EXPECT_EQ(v.at("format").as_string(), "shield.stress_test_results");
  EXPECT_EQ(v.at("configuration").at("target").as_string(), "http://127.0.0.1:8000");
  EXPECT_EQ(v.at("configuration").at("headers").at(0).as_string(), "Authorization: Bearer <redacted: $TOKEN>");
  EXPECT_EQ(v.at("summary").at("threshold_failures").to_number<int>(), 1);
  EXPECT_FALSE(v.at("summary").at("passed").as_bool());
  const auto& c = v.at("cases").at(0);
  EXPECT_EQ(c.at("name").as_string(), "anonymize/concurrency:3");
  EXPECT_EQ(c.at("requests").to_number<int>(), 10);
  EXPECT_EQ(c.at("failed").to_number<int>(), 2);
  EXPECT_EQ(c.at("failures").at("reset").at("count").to_number<int>(), 2);
  EXPECT_EQ(c.at("failures").at("reset").at("messages").at(0).as_string(), "anonymize: connection reset by peer");
  EXPECT_EQ(c.at("counters").at("err_reset").to_number<double>(), 2.0);
  EXPECT_EQ(c.at("counters").at("success_rate").to_number<double>(), 80.0);
  EXPECT_NEAR(c.at("latency_ms").at("p50").to_number<double>(), 4.0, 0.01);
  EXPECT_EQ(c.at("grade").as_string(), "problem");
  EXPECT_FALSE(c.at("thresholds_passed").as_bool());
  EXPECT_EQ(c.at("thresholds").at(0).at("rule").as_string(), "success_rate>95");
  EXPECT_TRUE(c.at("counters").at("ttft_p50_ms").is_null()) << "no token was timed: null, not a number";
  EXPECT_TRUE(c.at("stream").is_object());
  // The histogram reads back to exactly what was recorded.
  const auto h = stats::histogram_from_json(c.at("histograms").at("latency"));
  ASSERT_TRUE(h) << h.error();
  EXPECT_EQ(*h, sample_case().result.totals.latency);
}

TEST(ResultsFile, PrettyJsonReadsBackTheSame) {
  const json::value v = json::parse(R"({"a":[1,2,[3,4]],"b":{"c":[{"d":1.5}],"e":[]},"f":0.1,"g":1e-7,"h":"x\"y"})");
  EXPECT_EQ(json::parse(pretty_json(v)), v);
  EXPECT_NE(pretty_json(v).find("\"a\": [1,2,[3,4]]"), std::string::npos) << pretty_json(v);
  EXPECT_NE(pretty_json(v).find("0.1"), std::string::npos);
}

// The atomic write itself is support/base's (tested there); here its failure reaches the caller.
TEST(ResultsFile, WriteResultsReportsAnUnwritableDirectory) {
  results_document d;
  d.cases.push_back(sample_case());
  const auto written = write_results("/proc/self", d, std::chrono::system_clock::now());
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("cannot create /proc/self/stress_test_results_"), std::string::npos)
      << written.error();
}

TEST(ResultsFile, WriteResultsCreatesTheDirectoryAndNeverOverwrites) {
  scratch_dir dir;
  results_document d;
  d.cases.push_back(sample_case());
  const auto when = std::chrono::system_clock::now();
  const auto first = write_results((dir.path / "nested").string(), d, when);
  ASSERT_TRUE(first) << first.error();
  const auto second = write_results((dir.path / "nested").string(), d, when);
  ASSERT_TRUE(second) << second.error();
  EXPECT_NE(*first, *second);
  EXPECT_NE(second->find("_2.json"), std::string::npos) << *second;
  std::ifstream in(*first);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(json::parse(text.str()).at("cases").at(0).at("name").as_string(), "anonymize/concurrency:3");
}

TEST(SummaryTable, ShowsGradesFailuresAndThresholdMessages) {
  case_record ok = sample_case();
  case_record broken;
  broken.name = "mixed/concurrency:3";
  broken.error = "setup: 3 of 3 anonymize requests creating sessions failed";
  const std::string table = summary_table({ok, broken});
  EXPECT_NE(table.find("anonymize/concurrency:3"), std::string::npos) << table;
  EXPECT_NE(table.find("reset 2"), std::string::npos) << table;
  EXPECT_NE(table.find("problem"), std::string::npos) << table;
  EXPECT_NE(table.find("FAIL"), std::string::npos) << table;
  EXPECT_NE(table.find("80.0"), std::string::npos) << table;
  EXPECT_NE(table.find("threshold failed: case 'anonymize/concurrency:3'"), std::string::npos) << table;
  EXPECT_NE(table.find("error: mixed/concurrency:3: setup"), std::string::npos) << table;
}

}  // namespace
}  // namespace shield::report::test
