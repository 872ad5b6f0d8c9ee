// shield_bench's --shard, --run_id, --start_at, and the shard from Slurm's or Kubernetes' environment.

#include "benchmarks/bench/shard_options.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <map>

namespace shield::bench {
namespace {

struct fake_env {
  std::map<std::string, std::string> vars;
  env_reader reader() const {
    return [this](const char* name) -> const char* {
      const auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

base::result<shard_settings> take(std::vector<std::string> args, const fake_env& env = {}) {
  auto r = take_shard_options(args, env.reader());
  if (r) {
    EXPECT_TRUE(args.empty()) << "the shard flags are taken out of the arguments";
  }
  return r;
}

TEST(ShardOptions, NoneGivenIsAnOrdinaryRun) {
  std::vector<std::string> args{"--preset=quick"};
  const auto r = take_shard_options(args, fake_env{}.reader());
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->distributed());
  EXPECT_EQ(r->count, 1u);
  EXPECT_EQ(args, std::vector<std::string>{"--preset=quick"});
}

TEST(ShardOptions, FlagsGiveShardRunIdAndStart) {
  const double at = static_cast<double>(std::time(nullptr)) + 30;
  const auto r = take({"--shard=1/3", "--run_id=nightly-7", "--start_at=" + std::to_string(at)});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->index, 1u);
  EXPECT_EQ(r->count, 3u);
  EXPECT_EQ(r->run_id, "nightly-7");
  ASSERT_TRUE(r->start_at);
  EXPECT_NEAR(*r->start_at, at, 1e-3);
  EXPECT_EQ(r->source, "--shard");
  EXPECT_FALSE(r->host.empty());
}

TEST(ShardOptions, SlurmArrayTaskWithItsOffsetAndJobId) {
  fake_env env{{{"SLURM_ARRAY_TASK_ID", "5"},
                {"SLURM_ARRAY_TASK_COUNT", "4"},
                {"SLURM_ARRAY_TASK_MIN", "3"},
                {"SLURM_ARRAY_JOB_ID", "812"}}};
  const auto r = take({}, env);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->index, 2u);
  EXPECT_EQ(r->count, 4u);
  EXPECT_EQ(r->run_id, "slurm-812");
  EXPECT_EQ(r->source, "SLURM_ARRAY_TASK_ID");
  env.vars["SHIELD_RUN_ID"] = "mine";
  EXPECT_EQ(take({}, env).value().run_id, "mine");
  // The flag wins over the environment.
  const auto flag = take({"--shard=0/2", "--run_id=x"}, env);
  ASSERT_TRUE(flag) << flag.error();
  EXPECT_EQ(flag->count, 2u);
  EXPECT_EQ(flag->index, 0u);
}

TEST(ShardOptions, KubernetesCompletionIndexNeedsTheShardCount) {
  fake_env env{{{"JOB_COMPLETION_INDEX", "3"},
                {"SHIELD_SHARDS", "4"},
                {"SHIELD_RUN_ID", "k8s-run"},
                {"SHIELD_START_AT", "1796284200"}}};
  const auto r = take({}, env);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->index, 3u);
  EXPECT_EQ(r->count, 4u);
  EXPECT_EQ(r->run_id, "k8s-run");
  EXPECT_EQ(r->source, "JOB_COMPLETION_INDEX");
  env.vars.erase("SHIELD_SHARDS");
  EXPECT_NE(take({}, env).error().message.find("JOB_COMPLETION_INDEX=3 with SHIELD_SHARDS=(unset)"), std::string::npos);
  env.vars["SHIELD_SHARDS"] = "3";
  EXPECT_NE(take({}, env).error().message.find("an index below it"), std::string::npos);
}

TEST(ShardOptions, BadValuesAreUsageErrors) {
  EXPECT_NE(take({"--shard=2/2", "--run_id=a"}).error().message.find("--shard=2/2: expected I/N"), std::string::npos);
  EXPECT_NE(take({"--shard=1", "--run_id=a"}).error().message.find("--shard=1: expected I/N"), std::string::npos);
  EXPECT_NE(take({"--shard=0/0", "--run_id=a"}).error().message.find("expected I/N"), std::string::npos);
  EXPECT_NE(take({"--shard=0/2"}).error().message.find("needs a run id shared by every shard"), std::string::npos);
  EXPECT_NE(take({"--shard=0/2", "--run_id=a b"}).error().message.find("--run_id=a b: expected"), std::string::npos);
  EXPECT_NE(take({"--start_at=soon"}).error().message.find("--start_at=soon: expected Unix time"), std::string::npos);
  EXPECT_NE(take({"--start_at=99999999999"}).error().message.find("more than a day ahead"), std::string::npos);
  EXPECT_NE(take({"--shard=0/2", "--shard=1/2", "--run_id=a"}).error().message.find("--shard is given twice"),
            std::string::npos);
  fake_env slurm{{{"SLURM_ARRAY_TASK_ID", "1"}}};
  EXPECT_NE(take({}, slurm).error().message.find("SLURM_ARRAY_TASK_COUNT=(unset)"), std::string::npos);
}

TEST(ShardOptions, ClosedLoopNeedsAConnectionPerShard) {
  shard_settings s;
  s.count = 4;
  EXPECT_TRUE(check_shard_concurrency(s, {4, 8}));
  EXPECT_NE(check_shard_concurrency(s, {8, 3}).error().message.find("--concurrency=3 cannot be split over 4 shards"),
            std::string::npos);
  EXPECT_NE(check_shard_concurrency(s, {8}, 3).error().message.find("--requests=3 cannot be split over 4 shards"),
            std::string::npos);
  EXPECT_TRUE(check_shard_concurrency(s, {8}, 4));
}

}  // namespace
}  // namespace shield::bench
