// The results file: name, JSON content, atomic writes, and the summary table.

#include "support/report/results/results_file.hpp"
#include "support/report/results/results_table.hpp"
#include "support/stats/histogram_json.hpp"

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
  fs::path path =
      fs::temp_directory_path() / ("shield_results_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
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
  c.thresholds = {
      {"success_rate>95", false, 80.0, "threshold failed: case 'anonymize/concurrency:3': success_rate = 80"},
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

TEST(ResultsFile, AShardNamesItsShardRunIdHostAndStart) {
  results_document d;
  d.configuration.host = "loadgen-3";
  d.cases.push_back(sample_case());
  const json::value plain = json::parse(pretty_json(results_to_json(d)));
  EXPECT_EQ(plain.at("configuration").at("host").as_string(), "loadgen-3");
  EXPECT_FALSE(plain.at("configuration").as_object().contains("shard")) << "an ordinary run is not a shard";
  EXPECT_FALSE(plain.at("cases").at(0).as_object().contains("started_unix"));
  d.configuration.shard_index = 2;
  d.configuration.shard_count = 4;
  d.configuration.run_id = "nightly-42";
  d.configuration.start_at = 1'796'284'200.0;
  d.cases[0].started_unix = 1'796'284'200.25;
  const json::value v = json::parse(pretty_json(results_to_json(d)));
  const auto& shard = v.at("configuration").at("shard");
  EXPECT_EQ(shard.at("index").to_number<int>(), 2);
  EXPECT_EQ(shard.at("count").to_number<int>(), 4);
  EXPECT_EQ(shard.at("run_id").as_string(), "nightly-42");
  EXPECT_EQ(shard.at("start_at").to_number<double>(), 1'796'284'200.0);
  EXPECT_EQ(v.at("cases").at(0).at("started_unix").to_number<double>(), 1'796'284'200.25);
  // What shield_merge needs to merge tokens_per_s exactly.
  EXPECT_TRUE(v.at("cases").at(0).at("stream").as_object().contains("rated_tokens"));
  EXPECT_TRUE(v.at("cases").at(0).at("stream").as_object().contains("token_time_ns"));
}

TEST(ResultsFile, NoSuccessWritesNullsNeverNaNAndTheNewCounters) {
  results_document d;
  case_record c = sample_case();
  c.result.config.mode = load::load_mode::open;
  c.result.totals = load::tally(1, true);
  c.result.totals.requests = 200;
  c.result.totals.outcomes[load::index_of(load::outcome::request_timeout)].count = 16;
  c.result.totals.outcomes[load::index_of(load::outcome::not_sent)].count = 184;
  c.result.unsent = 184;
  c.result.totals.retried = 3;
  c.result.totals.connect.record(std::uint64_t{2'000'000});
  d.cases.push_back(std::move(c));
  d.configuration.retry = "idempotent";
  d.configuration.warmup_s = 1.5;
  const std::string text = pretty_json(results_to_json(d));
  EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);  // Boost.JSON is strict: NaN is not JSON
  ASSERT_FALSE(ec) << ec.message();
  const auto& counters = v.at("cases").at(0).at("counters");
  for (const char* k : {"mean_ms", "p50_ms", "p99_ms", "max_ms", "ttft_p50_ms"}) {
    EXPECT_TRUE(counters.at(k).is_null()) << k;
  }
  EXPECT_EQ(counters.at("success_rate").to_number<double>(), 0.0);
  EXPECT_EQ(counters.at("err_not_sent").to_number<double>(), 184.0);
  EXPECT_EQ(counters.at("retried").to_number<double>(), 3.0);
  EXPECT_NEAR(counters.at("connect_p50_ms").to_number<double>(), 2.0, 0.05);
  EXPECT_EQ(counters.at("ok_rps").to_number<double>(), 0.0);
  EXPECT_EQ(v.at("cases").at(0).at("retried").to_number<int>(), 3);
  EXPECT_EQ(v.at("cases").at(0).at("connect_ms").at("count").to_number<int>(), 1);
  EXPECT_EQ(v.at("cases").at(0).at("failures").at("not_sent").at("count").to_number<int>(), 184);
  EXPECT_EQ(v.at("configuration").at("retry").as_string(), "idempotent");
  EXPECT_EQ(v.at("configuration").at("warmup_s").to_number<double>(), 1.5);
  EXPECT_TRUE(v.at("configuration").at("preflight").as_bool());
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
  EXPECT_NE(table.find(" rps  ok rps "), std::string::npos) << "goodput beside rps\n" << table;
}

// Endpoint rows under a mixed case fill every column (ok rps too): the merged table once read past a short row.
TEST(SummaryTable, MixedCaseHasAFullRowPerEndpoint) {
  case_record m = sample_case();
  m.name = "mixed/concurrency:3";
  m.endpoint = "mixed";
  m.result.endpoints = {"health", "anonymize"};
  m.result.totals = load::tally(2, false);
  m.result.totals.requests = 10;
  m.result.totals.ok = 10;
  m.result.totals.endpoints[0].requests = 4;
  m.result.totals.endpoints[0].ok = 4;
  m.result.totals.endpoints[1].requests = 6;
  m.result.totals.endpoints[1].ok = 3;
  m.result.wall = std::chrono::seconds(1);
  m.thresholds.clear();
  const std::string table = summary_table({m});
  EXPECT_TRUE(std::regex_search(table, std::regex(R"(\n  health +4 +100\.0 +4 +4 )"))) << table;
  EXPECT_TRUE(std::regex_search(table, std::regex(R"(\n  anonymize +6 +50\.0 +6 +3 )"))) << table;
}

}  // namespace
}  // namespace shield::report::test
