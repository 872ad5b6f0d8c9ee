// Shards of a distributed run: the open-loop schedule of N shards is exactly the one-process
// schedule (arrival k to shard k mod N), closed loop splits connections and requests.

#include "checks/unit/load/engine_test_util.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/load/detail/arrival_schedule.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace shield::load::test {
namespace {

using detail::arrival_schedule;
using fixtures::misbehaving_server;
using fixtures::server_options;

// (sequence, offset) of every arrival of one process (or shard) with `threads` I/O threads, built
// as the worker builds its schedule.
std::map<std::uint64_t, std::int64_t> arrivals(double rate, std::uint32_t threads, std::uint32_t shard,
                                               std::uint32_t shards, std::uint64_t limit,
                                               std::chrono::nanoseconds duration) {
  std::map<std::uint64_t, std::int64_t> out;
  for (std::uint32_t t = 0; t < threads; ++t) {
    arrival_schedule s(rate, threads * shards, t * shards + shard, limit, duration);
    for (std::uint64_t j = 0; j < s.size(); ++j) {
      EXPECT_TRUE(out.emplace(s.sequence(j), s.offset(j).count()).second) << "sequence " << s.sequence(j) << " twice";
    }
  }
  return out;
}

TEST(Shards, OpenLoopShardsTogetherAreTheOneProcessSchedule) {
  for (const std::uint32_t shards : {2u, 3u, 5u}) {
    for (const std::uint32_t threads : {1u, 2u, 3u}) {
      SCOPED_TRACE("shards " + std::to_string(shards) + " threads " + std::to_string(threads));
      for (const auto& [limit, duration] : std::vector<std::pair<std::uint64_t, std::chrono::nanoseconds>>{
               {1000, std::chrono::nanoseconds(0)}, {0, std::chrono::seconds(5)}, {777, std::chrono::seconds(2)}}) {
        const auto one = arrivals(300.0, threads, 0, 1, limit, duration);
        std::map<std::uint64_t, std::int64_t> all;
        for (std::uint32_t s = 0; s < shards; ++s) {
          const auto part = arrivals(300.0, threads, s, shards, limit, duration);
          for (const auto& [k, at] : part) {
            EXPECT_EQ(k % shards, s) << "arrival " << k << " belongs to shard " << k % shards;
            EXPECT_TRUE(all.emplace(k, at).second);
          }
        }
        EXPECT_EQ(all, one);
      }
    }
  }
  // 300/s for 5 s: 1,500 arrivals in all, 750 a shard.
  EXPECT_EQ(arrivals(300.0, 1, 0, 1, 0, std::chrono::seconds(5)).size(), 1500u);
  EXPECT_EQ(arrivals(300.0, 2, 1, 2, 0, std::chrono::seconds(5)).size(), 750u);
}

TEST(Shards, ClosedLoopSplitsConnectionsAndRequestsRemaindersFirst) {
  load_config c = closed(5, 101);
  c.shard_count = 2;
  c.shard_index = 0;
  EXPECT_EQ(shard_share(c, c.concurrency), 3u);
  EXPECT_EQ(shard_share(c, c.requests), 51u);
  c.shard_index = 1;
  EXPECT_EQ(shard_share(c, c.concurrency), 2u);
  EXPECT_EQ(shard_share(c, c.requests), 50u);
  c.shard_index = 2;
  EXPECT_NE(validate(c).error().message.find("shard index"), std::string::npos);
  c.shard_index = 0;
  c.concurrency = 1;
  EXPECT_NE(validate(c).error().message.find("at least the shard count"), std::string::npos);
}

TEST(Shards, EachShardSendsItsShareAndTheServerSeesTheWhole) {
  misbehaving_server server{server_options{}};
  std::uint64_t total = 0;
  for (std::uint32_t s = 0; s < 2; ++s) {
    load_config c = closed(3, 101, 2);
    c.shard_index = s;
    c.shard_count = 2;
    const load_result r = run_load(c, get_workload(), target_at(server.url(), relaxed_timeouts()));
    ASSERT_TRUE(r.error.empty()) << r.error;
    expect_exact_counts(r);
    EXPECT_EQ(r.totals.ok, s == 0 ? 51u : 50u);
    total += r.totals.ok;
  }
  EXPECT_EQ(total, 101u);
  EXPECT_EQ(server.requests_received(), 101u);

  // Open loop: 60 arrivals at 300/s split 30/30.
  misbehaving_server open_server{server_options{}};
  for (std::uint32_t s = 0; s < 2; ++s) {
    load_config c = closed(4, 60, 1);
    c.mode = load_mode::open;
    c.rate = 300;
    c.shard_index = s;
    c.shard_count = 2;
    const load_result r = run_load(c, get_workload(), target_at(open_server.url(), relaxed_timeouts()));
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(r.totals.ok, 30u);
  }
  EXPECT_EQ(open_server.requests_received(), 60u);
}

}  // namespace
}  // namespace shield::load::test
