// shield_merge on shard files written by the suite's own writer: counts, percentiles from the
// merged histograms, rps over the union of windows, grades and thresholds recomputed, unknown
// fields summed or refused as inexact, start skew, and JSON that shield_compare reads.

#include "support/report/compare/bench_json.hpp"
#include "checks/unit/merge/shard_files.hpp"
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

TEST(Merge, UnknownCountsAreSummedAndInexactFiguresNulled) {
  // A newer shield_bench may write fields this merge does not know: a failure kind, a count, a
  // counter that is a count, one that is not, and a histogram with a percentile counter.
  auto add = [](json::object& doc, std::uint64_t not_sent, double connect_ms) {
    auto& c = doc["cases"].as_array()[0].as_object();
    c["retried"] = not_sent * 2;
    c["failures"].as_object()["not_sent"] = json::object{{"count", not_sent}, {"messages", json::array{}}};
    auto& counters = c["counters"].as_object();
    counters["err_not_sent"] = static_cast<double>(not_sent);
    counters["retried"] = static_cast<double>(not_sent * 2);
    counters["reconnects"] = 3.0;
    counters["odd_ratio"] = connect_ms / 7;
    stats::latency_histogram h;
    h.record(static_cast<std::uint64_t>(connect_ms * 1e6));
    c["histograms"].as_object()["connect"] = stats::histogram_to_json(h);
    counters["connect_p50_ms"] = connect_ms;
  };
  scratch_dir dir;
  shard_spec a, b;
  b.index = 1;
  a.ok_ns = {2'000'000, 3'000'000};
  b.ok_ns = {4'000'000};
  const auto pa = write_shard(dir.path, "a.json", shard_document(a), [&](json::object& d) { add(d, 3, 1.5); });
  const auto pb = write_shard(dir.path, "b.json", shard_document(b), [&](json::object& d) { add(d, 4, 2.5); });
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), "--thresholds=none", pa, pb});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc = read_json((dir.path / "out/stress_test_results_merged_run-1.json").string()).as_object();
  const auto& c = doc.at("cases").at(0).as_object();
  const auto& counters = c.at("counters").as_object();
  EXPECT_EQ(c.at("retried").to_number<std::uint64_t>(), 14u);
  EXPECT_EQ(c.at("failures").at("not_sent").at("count").to_number<std::uint64_t>(), 7u);
  EXPECT_EQ(counters.at("err_not_sent").to_number<double>(), 7.0);
  EXPECT_EQ(counters.at("retried").to_number<double>(), 14.0);
  EXPECT_EQ(counters.at("reconnects").to_number<double>(), 6.0);
  EXPECT_NEAR(counters.at("connect_p50_ms").to_number<double>(), 1.5, 0.002);  // from the merged histogram
  EXPECT_TRUE(counters.at("odd_ratio").is_null());
  EXPECT_NE(r.err.find("cases[0].counters.odd_ratio could not be merged exactly"), std::string::npos) << r.err;
  const auto& lost = doc.at("distributed").at("not_merged").as_array();
  ASSERT_EQ(lost.size(), 1u) << json::serialize(lost);
  EXPECT_EQ(lost[0], json::value("cases[0].counters.odd_ratio"));
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
  EXPECT_DOUBLE_EQ(c->repetitions[0].counters.at("real_time"), 5.25 / 1'500 * 1e6);
  EXPECT_EQ(c->repetitions[0].label, "moderate");
  EXPECT_EQ(read->context.host_name, "host-a,host-b");
}

}  // namespace
}  // namespace shield::merge::test
