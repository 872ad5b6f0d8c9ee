// Load shapes through shield_merge: per-stage tallies and histograms merged by stage index (one
// shard's stages come back exactly; two shards' stages are the union's), a capacity search kept
// from one shard, and what cannot be merged refused (other stages, several shards' searches).

#include "checks/unit/merge/shard_files.hpp"
#include "support/report/results/results_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace shield::merge::test {
namespace {

namespace json = boost::json;

// The shard's case split into stages 2s:100, 3s:400 (ramp), 0s:50 (step); latencies spread over them.
report::results_document staged_document(const shard_spec& spec, double second_target = 400) {
  report::results_document d = shard_document(spec);
  load::load_result& r = d.cases.front().result;
  const load::stage shape[] = {
      {std::chrono::seconds(2), 100}, {std::chrono::seconds(3), second_target}, {std::chrono::seconds(0), 50}};
  std::chrono::nanoseconds begin{0};
  double from = 0;
  for (const load::stage& s : shape) {
    load::stage_result& st = r.stages.emplace_back();
    st.spec = s;
    st.from = from;
    st.begin = begin;
    st.end = begin + s.duration;
    st.totals = load::tally(1, false);
    begin = st.end;
    from = s.target;
  }
  // Successes alternate between the first two stages; failures go to the ramp.
  for (std::size_t i = 0; i < spec.ok_ns.size(); ++i) {
    load::tally& t = r.stages[i % 2].totals;
    t.latency.record(spec.ok_ns[i]);
    t.service.record(spec.ok_ns[i] / 2 + 1000);
    ++t.requests;
    ++t.ok;
    ++t.outcomes[load::index_of(load::outcome::ok)].count;
  }
  load::tally& ramp = r.stages[1].totals;
  ramp.requests += spec.resets;
  ramp.outcomes[load::index_of(load::outcome::reset)].count = spec.resets;
  return d;
}

report::capacity_record search() {
  report::capacity_record c;
  c.case_name = "anonymize/concurrency:4";
  c.slo = "p99_ms<500";
  c.step_s = 6;
  c.budget_s = 120;
  c.highest_ok_rps = 160;
  c.lowest_broken_rps = 168;
  c.broken_clause = "p99_ms<500";
  c.stop_reason = "precision reached";
  c.elapsed_s = 42;
  report::capacity_step_record step;
  step.offered_rps = 160;
  step.held = true;
  step.elapsed_s = 6;
  step.counters = {{"p99_ms", 120.5}, {"success_rate", 100}};
  c.steps = {step};
  return c;
}

TEST(StagesMerge, OneShardKeepsItsStagesAndCapacityExactly) {
  scratch_dir dir;
  shard_spec one;
  one.count = 1;
  one.ok_ns = sample_latencies(300, 5);
  one.resets = 4;
  report::results_document doc = staged_document(one);
  doc.capacity = search();
  const std::string path = write_shard(dir.path, "only.json", doc);
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), path});
  ASSERT_NE(r.code, 2) << r.err;
  const json::value merged = read_json((dir.path / "out/stress_test_results_merged_run-1.json").string());
  const json::value single = read_json(path);
  const auto& stages = merged.as_object().at("cases").as_array().at(0).as_object().at("stages");
  EXPECT_EQ(stages, single.as_object().at("cases").as_array().at(0).as_object().at("stages"));
  EXPECT_EQ(stages.as_array().size(), 3u);
  EXPECT_EQ(merged.as_object().at("capacity"), single.as_object().at("capacity"));
}

TEST(StagesMerge, TwoShardsStagesAreTheUnions) {
  scratch_dir dir;
  shard_spec a, b;
  b.index = 1;
  b.host = "host-b";
  a.ok_ns = sample_latencies(200, 1);
  b.ok_ns = sample_latencies(150, 2);
  a.resets = 3;
  b.resets = 5;
  const std::string pa = write_shard(dir.path, "a.json", staged_document(a));
  const std::string pb = write_shard(dir.path, "b.json", staged_document(b));
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), pa, pb});
  ASSERT_NE(r.code, 2) << r.err;
  const auto typed =
      report::results_from_json(read_json((dir.path / "out/stress_test_results_merged_run-1.json").string()));
  ASSERT_TRUE(typed) << typed.error().message;
  const auto& stages = typed->cases.front().result.stages;
  ASSERT_EQ(stages.size(), 3u);
  // The union's stages: one run's tallies over both shards' samples.
  report::results_document sa = staged_document(a), sb = staged_document(b);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    load::tally want = sa.cases.front().result.stages[i].totals;
    want.merge(sb.cases.front().result.stages[i].totals, 8);
    EXPECT_EQ(stages[i].totals.requests, want.requests) << "stage " << i;
    EXPECT_EQ(stages[i].totals.ok, want.ok) << "stage " << i;
    EXPECT_EQ(stages[i].totals.failures(), want.failures()) << "stage " << i;
    EXPECT_EQ(stages[i].totals.latency.count(), want.latency.count()) << "stage " << i;
    EXPECT_EQ(stages[i].totals.latency.value_at_quantile(0.99), want.latency.value_at_quantile(0.99)) << "stage " << i;
    EXPECT_EQ(stages[i].begin, sa.cases.front().result.stages[i].begin);
    EXPECT_EQ(stages[i].spec.target, sa.cases.front().result.stages[i].spec.target);
  }
  EXPECT_EQ(stages[0].totals.requests + stages[1].totals.requests, 200u + 150u + 3u + 5u);
  EXPECT_DOUBLE_EQ(stages[1].requests_per_second(), static_cast<double>(stages[1].totals.requests) / 3.0);
}

TEST(StagesMerge, OtherStagesAreRefused) {
  scratch_dir dir;
  shard_spec a, b;
  b.index = 1;
  a.ok_ns = b.ok_ns = {2'000'000, 3'000'000};
  const std::string pa = write_shard(dir.path, "a.json", staged_document(a));
  const std::string pb = write_shard(dir.path, "b.json", staged_document(b, 800));
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), pa, pb});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("b.json: case 'anonymize/concurrency:4' ran other stages than in " + pa), std::string::npos)
      << r.err;
}

TEST(StagesMerge, SeveralShardsCapacitySearchesAreRefused) {
  scratch_dir dir;
  shard_spec a, b;
  b.index = 1;
  a.ok_ns = b.ok_ns = {2'000'000};
  report::results_document da = shard_document(a), db = shard_document(b);
  db.capacity = search();
  const std::string pa = write_shard(dir.path, "a.json", da);
  const std::string pb = write_shard(dir.path, "b.json", db);
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), pa, pb});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("b.json: holds a capacity search; searches of several shards do not merge"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace shield::merge::test
