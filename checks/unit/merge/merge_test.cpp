// shield_merge on shard files written by the suite's own writer: counts, percentiles from the
// merged histograms, rps over the union of windows, grades and thresholds recomputed, unknown
// fields summed or refused as inexact, start skew, and JSON that shield_compare reads.

#include "support/report/compare/bench_json.hpp"
#include "checks/unit/merge/shard_files.hpp"
#include "support/report/results/results_reader.hpp"
#include "support/report/results/results_table.hpp"
#include "support/stats/histogram_json.hpp"
#include "support/stats/latency_histogram.hpp"

#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace shield::merge::test {
namespace {

namespace json = boost::json;

struct two_shards {
  scratch_dir dir;
  std::vector<std::uint64_t> all = sample_latencies(1'400, 5);
  shard_spec a, b;
  std::string pa, pb;

  explicit two_shards(const std::function<void(json::object&)>& edit_b = {}) {
    a.index = 0;
    b.index = 1;
    b.host = "host-b";
    for (std::size_t i = 0; i < all.size(); ++i) (i % 2 == 0 ? a.ok_ns : b.ok_ns).push_back(all[i]);
    a.resets = 60;
    b.resets = 40;  // 1,500 requests in all, 100 failed
    b.started_unix = a.started_unix + 0.25;
    pa = write_shard(dir.path, "shard0.json", shard_document(a));
    pb = write_shard(dir.path, "shard1.json", shard_document(b), edit_b);
  }
  std::string out() const { return (dir.path / "out").string(); }
  json::object merged_case() const {
    return read_json(out() + "/stress_test_results_merged_run-1.json").at("cases").at(0).as_object();
  }
};

TEST(Merge, CountsAndPercentilesAreThoseOfAllRequests) {
  two_shards s;
  const auto r = run_tool({"--results_dir=" + s.out(), "--thresholds=none", s.pb, s.pa});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("merged 2 shards of run 'run-1' (hosts: host-a, host-b)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("start skew 0.250 s: anonymize/concurrency:4"), std::string::npos) << r.out;
  const json::object c = s.merged_case();
  EXPECT_EQ(c.at("requests").to_number<std::uint64_t>(), 1'500u);
  EXPECT_EQ(c.at("ok").to_number<std::uint64_t>(), 1'400u);
  EXPECT_EQ(c.at("failures").at("reset").at("count").to_number<std::uint64_t>(), 100u);
  EXPECT_EQ(c.at("failures").at("reset").at("messages").as_array().size(), 2u);
  const auto& counters = c.at("counters").as_object();
  EXPECT_EQ(counters.at("requests").to_number<double>(), 1'500.0);
  EXPECT_EQ(counters.at("err_reset").to_number<double>(), 100.0);
  EXPECT_DOUBLE_EQ(counters.at("success_rate").to_number<double>(), 100.0 * 1400 / 1500);
  stats::latency_histogram whole;
  for (auto v : s.all) whole.record(v);
  EXPECT_DOUBLE_EQ(counters.at("p95_ms").to_number<double>(), static_cast<double>(whole.value_at_quantile(0.95)) / 1e6);
  EXPECT_DOUBLE_EQ(counters.at("p99_ms").to_number<double>(), static_cast<double>(whole.value_at_quantile(0.99)) / 1e6);
  EXPECT_DOUBLE_EQ(counters.at("mean_ms").to_number<double>(), whole.mean() / 1e6);
  EXPECT_DOUBLE_EQ(counters.at("max_ms").to_number<double>(), static_cast<double>(whole.max()) / 1e6);
  // Windows [t, t+5] and [t+0.25, t+5.25]: the union is 5.25 s.
  EXPECT_DOUBLE_EQ(c.at("wall_s").to_number<double>(), 5.25);
  EXPECT_DOUBLE_EQ(counters.at("rps").to_number<double>(), 1'500 / 5.25);
  EXPECT_EQ(c.at("grade"), json::value("moderate"));  // 93.3% success (90..95), whatever the shards said
  const auto& rows = c.at("shards").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("host"), json::value("host-a"));
  EXPECT_EQ(rows[1].at("file"), json::value(s.pb));
  EXPECT_EQ(rows[1].at("requests").to_number<std::uint64_t>(), 740u);
  const auto doc = read_json(s.out() + "/stress_test_results_merged_run-1.json").as_object();
  EXPECT_EQ(doc.at("configuration").at("tool"), json::value("shield_merge"));
  EXPECT_EQ(doc.at("distributed").at("files").as_array().size(), 2u);
  EXPECT_EQ(doc.at("configuration").at("host"), json::value("host-a,host-b"));
  EXPECT_FALSE(doc.at("configuration").as_object().contains("shard")) << "the merged run is not a shard";
  EXPECT_EQ(doc.at("summary").at("cases").to_number<int>(), 1);
  EXPECT_TRUE(doc.at("distributed").at("not_merged").as_array().empty()) << json::serialize(doc.at("distributed"));
  // The console summary is shield_bench's table of the merged file's figures.
  const auto typed = report::results_from_json(json::value(doc));
  ASSERT_TRUE(typed) << typed.error().message;
  const std::string table = report::summary_table(typed->cases);
  EXPECT_NE(r.out.find(table), std::string::npos) << r.out << "\nwanted:\n" << table;
  EXPECT_NE(table.find("93.3"), std::string::npos) << table;
}

TEST(Merge, WritesTheHtmlReportOfTheMergedRun) {
  two_shards s;
  const auto r = run_tool({"--results_dir=" + s.out(), "--thresholds=none", s.pa, s.pb});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const std::string path = s.out() + "/stress_test_report_merged_run-1.html";
  EXPECT_NE(r.out.find("merged report: " + path), std::string::npos) << r.out;
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream page;
  page << in.rdbuf();
  EXPECT_NE(page.str().find("anonymize/concurrency:4"), std::string::npos);
  EXPECT_NE(page.str().find("1500"), std::string::npos) << "the merged request count is on the page";
  EXPECT_EQ(page.str().find("<script"), std::string::npos);
}

TEST(Merge, ThresholdsAreJudgedOnTheMergedFigures) {
  two_shards s;
  // Shards alone: 700/760 = 92.1% and 700/740 = 94.6%; merged 1400/1500 = 93.3%, so "> 93" passes only
  // on the merged figure (not an average of the shards' verdicts) and "> 95" fails.
  auto pass = run_tool({"--results_dir=" + s.out(), "--thresholds=success_rate>93", s.pa, s.pb});
  EXPECT_EQ(pass.code, 0) << pass.err;
  auto fail = run_tool({"--results_dir=" + s.out(), "--thresholds=success_rate>95", s.pa, s.pb});
  EXPECT_EQ(fail.code, 1) << fail.err;
  EXPECT_NE(fail.err.find("threshold failed: case 'anonymize/concurrency:4': success_rate = 93.3"), std::string::npos)
      << fail.err;
  auto bad = run_tool({"--results_dir=" + s.out(), "--thresholds=p97_ms<5", s.pa, s.pb});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("p97_ms"), std::string::npos) << bad.err;
}

TEST(Merge, CountsOfEveryKindMergeAndUnknownKeysAreRefused) {
  // Every count the model has merges exactly (retried, not_sent, the connect histogram); a key the
  // model does not have is refused, naming the file and key, rather than merged by guesswork.
  auto with_counts = [](report::results_document d, std::uint64_t not_sent, double connect_ms) {
    load::tally& t = d.cases[0].result.totals;
    t.retried = not_sent * 2;
    t.outcomes[load::index_of(load::outcome::not_sent)].count = not_sent;
    t.requests += not_sent;
    t.connect.record(static_cast<std::uint64_t>(connect_ms * 1e6));
    d.cases[0].result.unsent = not_sent;
    return d;
  };
  scratch_dir dir;
  shard_spec a, b;
  b.index = 1;
  a.ok_ns = {2'000'000, 3'000'000};
  b.ok_ns = {4'000'000};
  const auto pa = write_shard(dir.path, "a.json", with_counts(shard_document(a), 3, 1.5));
  const auto pb = write_shard(dir.path, "b.json", with_counts(shard_document(b), 4, 2.5));
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), "--thresholds=none", pa, pb});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc = read_json((dir.path / "out/stress_test_results_merged_run-1.json").string()).as_object();
  const auto& c = doc.at("cases").at(0).as_object();
  const auto& counters = c.at("counters").as_object();
  EXPECT_EQ(c.at("retried").to_number<std::uint64_t>(), 14u);
  EXPECT_EQ(c.at("unsent").to_number<std::uint64_t>(), 7u);
  EXPECT_EQ(c.at("failures").at("not_sent").at("count").to_number<std::uint64_t>(), 7u);
  EXPECT_EQ(counters.at("err_not_sent").to_number<double>(), 7.0);
  EXPECT_EQ(counters.at("retried").to_number<double>(), 14.0);
  EXPECT_NEAR(counters.at("connect_p50_ms").to_number<double>(), 1.5, 0.002);  // from the merged histogram
  EXPECT_TRUE(doc.at("distributed").at("not_merged").as_array().empty());

  const auto pc = write_shard(dir.path, "c.json", shard_document(b), [](json::object& d) {
    d["cases"].as_array()[0].as_object()["counters"].as_object()["reconnects"] = 3.0;
  });
  const auto refused = run_tool({"--results_dir=" + (dir.path / "out2").string(), pa, pc});
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("c.json: cases[0].counters.reconnects: unknown key"), std::string::npos) << refused.err;
}

TEST(Merge, StartSkewAboveOneSecondIsWarned) {
  scratch_dir dir;
  shard_spec a, b;
  b.index = 1;
  a.ok_ns = b.ok_ns = {2'000'000};
  b.started_unix = a.started_unix + 1.5;
  const auto pa = write_shard(dir.path, "a.json", shard_document(a));
  const auto pb = write_shard(dir.path, "b.json", shard_document(b));
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), "--thresholds=none", pa, pb});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("start skew 1.500 s"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("warning: shards of case 'anonymize/concurrency:4' started 1.500 s apart (above 1 s)"),
            std::string::npos)
      << r.err;
  // Below 1 s: reported, not warned.
  b.started_unix = a.started_unix + 0.5;
  const auto pc = write_shard(dir.path, "c.json", shard_document(b));
  const auto quiet = run_tool({"--results_dir=" + (dir.path / "out").string(), "--thresholds=none", pa, pc});
  EXPECT_NE(quiet.out.find("start skew 0.500 s"), std::string::npos);
  EXPECT_EQ(quiet.err.find("warning"), std::string::npos) << quiet.err;
}

TEST(Merge, BenchmarkJsonIsReadByShieldCompare) {
  two_shards s;
  const std::string bench = s.out() + "/merged_bench.json";
  const auto r = run_tool({"--results_dir=" + s.out(), "--benchmark_out=" + bench, "--thresholds=none", s.pa, s.pb});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto read = report::read_bench_file(bench);
  ASSERT_TRUE(read) << read.error().message;
  const auto* c = read->find("anonymize/concurrency:4");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->repetitions.size(), 1u);
  EXPECT_EQ(c->repetitions[0].counters.at("requests"), 1'500.0);
  // As shield_bench's open loop: real_time the mean latency of the successful requests (not the window
  // per request), cpu_time the client CPU of both shards per request.
  const double mean_ms = s.merged_case().at("latency_ms").at("mean").to_number<double>();
  EXPECT_DOUBLE_EQ(c->repetitions[0].counters.at("real_time"), mean_ms * 1e3);
  EXPECT_NE(c->repetitions[0].counters.at("real_time"), 5.25 / 1'500 * 1e6);
  EXPECT_DOUBLE_EQ(c->repetitions[0].counters.at("cpu_time"), (0.75 + 0.75) / 1'500 * 1e6);
  EXPECT_DOUBLE_EQ(s.merged_case().at("client_cpu_s").to_number<double>(), 1.5);
  EXPECT_EQ(c->repetitions[0].label, "moderate");
  EXPECT_EQ(read->context.host_name, "host-a,host-b");
}

}  // namespace
}  // namespace shield::merge::test
