// Merge parity: merging the one shard of a run reproduces that shard's results document exactly,
// apart from what only a merge has (the shard fields, the distributed block, per-shard rows).

#include "checks/unit/merge/shard_files.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_reader.hpp"

#include <gtest/gtest.h>

namespace shield::merge::test {
namespace {

namespace json = boost::json;

// The document without what only a shard or only a merge writes (a merged case's error names the
// shard file it came from: `prefix` is taken off).
json::value comparable(json::value v, const std::string& prefix = "") {
  auto& o = v.as_object();
  auto& config = o["configuration"].as_object();
  for (const char* k : {"tool", "shard", "host"}) config.erase(k);
  o.erase("distributed");
  for (auto& c : o["cases"].as_array()) {
    auto& co = c.as_object();
    for (const char* k : {"shards", "start_skew_s"}) co.erase(k);
    co["run"].as_object().erase("shards");
    if (auto* e = co.if_contains("error"); e != nullptr && !prefix.empty() && e->as_string().starts_with(prefix))
      *e = std::string(e->as_string()).substr(prefix.size());
  }
  return v;
}

TEST(MergeParity, OneShardMergesIntoItsOwnDocument) {
  scratch_dir dir;
  shard_spec one;
  one.count = 1;
  one.ok_ns = sample_latencies(300, 11);
  one.resets = 7;
  report::results_document doc = shard_document(one);
  doc.configuration.thresholds = "none";  // verdicts: the merge judges with the shard's expression
  doc.configuration.concurrency = {1, 2, 4};
  for (std::uint32_t n : {1u, 2u}) {  // three concurrencies: the run has a scalability fit
    report::case_record c = doc.cases.front();
    c.name = "anonymize/concurrency:" + std::to_string(n);
    c.result.config.concurrency = n;
    c.result.wall = c.result.wall * static_cast<int>(4 / n);
    doc.cases.push_back(std::move(c));
  }
  report::case_record skipped;
  skipped.name = "health/concurrency:4";
  skipped.endpoint = "health";
  skipped.skipped = true;
  skipped.error = "skipped: the run was interrupted (Ctrl-C)";
  skipped.result.totals = load::tally(1, false);
  doc.cases.push_back(std::move(skipped));
  const std::string path = write_shard(dir.path, "only.json", doc);
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), path});
  ASSERT_NE(r.code, 2) << r.err;
  const json::value merged = read_json((dir.path / "out/stress_test_results_merged_run-1.json").string());
  const json::value single = read_json(path);
  const auto same = report::detail::same_document(comparable(merged, path + ": "), comparable(single), "");
  EXPECT_TRUE(same) << same.error().message;
  // The merged file is a results document like any other: the typed reader takes it whole.
  const auto typed = report::results_from_json(merged);
  ASSERT_TRUE(typed) << typed.error().message;
  ASSERT_TRUE(typed->distributed.has_value());
  EXPECT_EQ(typed->cases.front().merged_shards, 1u);
  EXPECT_EQ(typed->cases.front().shard_rows.size(), 1u);
}

}  // namespace
}  // namespace shield::merge::test
