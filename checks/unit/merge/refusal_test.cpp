// shield_merge refuses shards that do not make one run, naming the file, with exit status 2.

#include "checks/unit/merge/shard_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace shield::merge::test {
namespace {

namespace json = boost::json;

struct refusal : ::testing::Test {
  scratch_dir dir;
  shard_spec a, b;
  std::string pa, pb;
  void SetUp() override {
    b.index = 1;
    a.ok_ns = b.ok_ns = {2'000'000, 3'000'000};
    pa = write_shard(dir.path, "shard0.json", shard_document(a));
    pb = write_shard(dir.path, "shard1.json", shard_document(b));
  }
  // shield_merge on `files`: expects exit 2 and `message` in stderr.
  void expect_refused(const std::vector<std::string>& files, const std::string& message) {
    std::vector<std::string> args{"--results_dir=" + (dir.path / "out").string()};
    args.insert(args.end(), files.begin(), files.end());
    const auto r = run_tool(args);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err << "\nwanted: " << message;
    EXPECT_FALSE(std::filesystem::exists(dir.path / "out/stress_test_results_merged_run-1.json"));
  }
  std::string variant(const std::string& name, const std::function<void(json::object&)>& edit) {
    return write_shard(dir.path, name, shard_document(b), edit);
  }
  static json::object& config(json::object& d) { return d["configuration"].as_object(); }
};

TEST_F(refusal, AMissingShard) { expect_refused({pa}, "run 'run-1' has 2 shards; missing shard(s) 1; given: " + pa); }

TEST_F(refusal, ARepeatedShard) {
  const auto again = write_shard(dir.path, "again.json", shard_document(a));
  expect_refused({pa, pb, again}, "again.json: shard 0/2 repeats " + pa);
}

TEST_F(refusal, DifferentRunIds) {
  expect_refused(
      {pa, variant("other_run.json", [](json::object& d) { config(d)["shard"].as_object()["run_id"] = "run-2"; })},
      "other_run.json: run id 'run-2' differs from 'run-1' in " + pa);
}

TEST_F(refusal, DifferentProfiles) {
  expect_refused({pa, variant("p.json", [](json::object& d) { config(d)["profile_name"] = "other"; })},
                 "p.json: profile other differs from shield in " + pa);
}

TEST_F(refusal, DifferentTargets) {
  expect_refused({pa, variant("t.json", [](json::object& d) { config(d)["target"] = "http://10.0.0.9:8000"; })},
                 "t.json: target http://10.0.0.9:8000 differs from http://127.0.0.1:8000 in " + pa);
}

TEST_F(refusal, DifferentLoops) {
  expect_refused({pa, variant("closed.json", [](json::object& d) { config(d)["mode"] = "closed"; })},
                 "closed.json: loop closed differs from open in " + pa);
  expect_refused({pa, variant("rate.json", [](json::object& d) { config(d)["rate"] = 200.0; })},
                 "rate.json: rate 200 differs from 300 in " + pa);
}

TEST_F(refusal, DifferentShardCounts) {
  expect_refused({pa, variant("three.json", [](json::object& d) { config(d)["shard"].as_object()["count"] = 3; })},
                 "three.json: shard count 3 differs from 2 in " + pa);
}

TEST_F(refusal, FilesThatAreNotShards) {
  const auto plain =
      write_shard(dir.path, "plain.json", shard_document(b), [](json::object& d) { config(d).erase("shard"); });
  expect_refused({pa, plain}, "plain.json: not a shard (no configuration.shard");
  const std::string text = (dir.path / "text.json").string();
  std::ofstream(text) << "not json";
  expect_refused({pa, text}, "text.json: not JSON");
  expect_refused({pa, (dir.path / "absent.json").string()}, "absent.json: No such file");
  const auto merged = write_shard(dir.path, "merged.json", shard_document(b),
                                  [](json::object& d) { config(d)["tool"] = "shield_merge"; });
  expect_refused({pa, merged}, "merged.json: is already a merged file");
  report::results_document no_cases = shard_document(b);
  no_cases.cases.clear();
  const auto fewer = write_shard(dir.path, "fewer.json", no_cases);
  expect_refused({pa, fewer}, "fewer.json: its cases differ from those of " + pa);
}

TEST_F(refusal, CommandLineErrors) {
  auto r = run_tool({pa, pb});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--results_dir=DIR is required"), std::string::npos);
  r = run_tool({"--results_dri=x", pa, pb});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown flag --results_dri"), std::string::npos);
  r = run_tool({"--results_dir=x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no shard results files given"), std::string::npos);
}

}  // namespace
}  // namespace shield::merge::test
