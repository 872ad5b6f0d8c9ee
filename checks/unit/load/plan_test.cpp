// Presets, concurrency lists, the open-loop schedule, counter names, the open-file limit, source addresses.

#include "support/load/case_counters.hpp"
#include "support/load/detail/arrival_schedule.hpp"
#include "support/load/fd_limit.hpp"
#include "support/load/presets.hpp"
#include "support/load/source_addresses.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cmath>
#include <map>
#include <set>

namespace shield::load::test {
namespace {

using std::chrono::milliseconds;

TEST(Presets, MatchTheOriginalScripts) {
  ASSERT_EQ(presets().size(), 5u);
  const auto quick = find_preset("quick");
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->concurrency, 3u);
  EXPECT_EQ(quick->requests, 15u);
  EXPECT_EQ(find_preset("light")->concurrency, 5u);
  EXPECT_EQ(find_preset("medium")->requests, 200u);
  EXPECT_EQ(find_preset("heavy")->concurrency, 25u);
  EXPECT_EQ(find_preset("extreme")->requests, 1000u);
  EXPECT_FALSE(find_preset("Quick"));
  EXPECT_EQ(preset_names(), "quick, light, medium, heavy, extreme");
}

TEST(ConcurrencyList, ParsesListsAndRejectsNonsense) {
  EXPECT_EQ(parse_concurrency_list("1,5,15,25,50").value(), (std::vector<std::uint32_t>{1, 5, 15, 25, 50}));
  EXPECT_EQ(parse_concurrency_list(" 3 , 3,1").value(), (std::vector<std::uint32_t>{3, 1}));
  EXPECT_NE(parse_concurrency_list("1,,2").error().message.find("empty item"), std::string::npos);
  EXPECT_NE(parse_concurrency_list("0").error().message.find("outside"), std::string::npos);
  EXPECT_NE(parse_concurrency_list("5x").error().message.find("not a whole number"), std::string::npos);
  EXPECT_NE(parse_concurrency_list("").error().message.find("empty"), std::string::npos);
  EXPECT_NE(parse_concurrency_list("100001").error().message.find("outside"), std::string::npos);
  EXPECT_TRUE(parse_concurrency_list("7").value() == std::vector<std::uint32_t>{7});
}

TEST(ArrivalSchedule, ThreadsInterleaveEvenly) {
  // 1000/s over 2 threads: thread 0 at 0, 2, 4 ms; thread 1 at 1, 3, 5 ms.
  detail::arrival_schedule t0(1000, 2, 0, 7, {});
  detail::arrival_schedule t1(1000, 2, 1, 7, {});
  EXPECT_EQ(t0.size(), 4u);
  EXPECT_EQ(t1.size(), 3u);
  EXPECT_EQ(t0.offset(0), milliseconds(0));
  EXPECT_EQ(t0.offset(2), milliseconds(4));
  EXPECT_EQ(t1.offset(0), milliseconds(1));
  EXPECT_EQ(t1.offset(2), milliseconds(5));
  std::set<std::uint64_t> seqs;
  for (std::uint64_t j = 0; j < t0.size(); ++j) seqs.insert(t0.sequence(j));
  for (std::uint64_t j = 0; j < t1.size(); ++j) seqs.insert(t1.sequence(j));
  EXPECT_EQ(seqs, (std::set<std::uint64_t>{0, 1, 2, 3, 4, 5, 6})) << "every sequence number exactly once";
}

TEST(ArrivalSchedule, DurationCutsStrictlyBeforeTheEnd) {
  detail::arrival_schedule s(100, 1, 0, 0, milliseconds(1000));  // 0, 10, ..., 990 ms
  EXPECT_EQ(s.size(), 100u);
  EXPECT_LT(s.offset(s.size() - 1), milliseconds(1000));
  detail::arrival_schedule limited(100, 1, 0, 30, milliseconds(1000));
  EXPECT_EQ(limited.size(), 30u);
  detail::arrival_schedule odd(3, 2, 1, 0, milliseconds(1000));  // thread 1 of 3/s: 333 ms, 1000 ms (cut)
  EXPECT_EQ(odd.size(), 1u);
  detail::arrival_schedule unbounded(10, 1, 0, 0, {});
  EXPECT_EQ(unbounded.size(), detail::arrival_schedule::unbounded);
}

TEST(ArrivalSchedule, SharesSplitTheRemainderToTheFirstThreads) {
  EXPECT_EQ(detail::share_of(10, 3, 0), 4u);
  EXPECT_EQ(detail::share_of(10, 3, 1), 3u);
  EXPECT_EQ(detail::share_of(10, 3, 2), 3u);
  EXPECT_EQ(detail::share_of(2, 4, 3), 0u);
}

TEST(Counters, NamesMatchTheBenchmarkJson) {
  const auto& names = known_counter_names();
  for (const char* n : {"requests", "ok", "success_rate", "rps", "mean_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms",
                        "p999_ms", "max_ms", "err_reset", "err_incomplete_stream", "ttfb_p50_ms", "ttft_p50_ms",
                        "ttft_p95_ms", "gap_p95_ms", "tokens_per_s", "incomplete_streams"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  }
  EXPECT_EQ(names.size(), 15u + all_failures.size() + stream_counter_names().size());
  EXPECT_EQ(error_counter_name(outcome::connect_refused), "err_connect_refused");
}

TEST(Counters, ComeFromTheResultAndAreNanWithoutTimings) {
  load_result r;
  r.totals = tally(1, false);
  r.totals.requests = 4;
  r.totals.ok = 0;
  r.totals.outcomes[index_of(outcome::reset)].count = 4;
  r.wall = std::chrono::seconds(2);
  std::map<std::string, double> c;
  for (const auto& k : case_counters(r)) c[k.name] = k.value;
  EXPECT_EQ(c["requests"], 4.0);
  EXPECT_EQ(c["err_reset"], 4.0);
  EXPECT_EQ(c["success_rate"], 0.0);
  EXPECT_EQ(c["rps"], 2.0);
  EXPECT_TRUE(std::isnan(c["p95_ms"]));
  EXPECT_EQ(c.count("ttft_p50_ms"), 0u) << "no stream counters for a non-streaming case";
  r.totals.latency.record(std::uint64_t{2'000'000});
  r.totals.ok = 1;
  c.clear();
  for (const auto& k : case_counters(r)) c[k.name] = k.value;
  EXPECT_NEAR(c["p50_ms"], 2.0, 0.002);
  EXPECT_EQ(c["success_rate"], 25.0);
}

TEST(FdLimit, RaisesWithinTheHardLimitAndExplainsOtherwise) {
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &before), 0);
  EXPECT_EQ(files_needed(100), 164u);
  EXPECT_TRUE(ensure_open_files(16));
  if (before.rlim_max != RLIM_INFINITY) {
    const std::string why = ensure_open_files(before.rlim_max + 1).error().message;
    EXPECT_NE(why.find("hard limit is " + std::to_string(before.rlim_max)), std::string::npos) << why;
    EXPECT_NE(why.find("--concurrency"), std::string::npos) << why;
    EXPECT_TRUE(ensure_open_files(before.rlim_max));
    rlimit after{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &after), 0);
    EXPECT_EQ(after.rlim_cur, before.rlim_max);
    setrlimit(RLIMIT_NOFILE, &before);
  }
}

TEST(FdLimit, NamesTheLimitAndBothWaysOut) {
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &before), 0);
  if (before.rlim_max == RLIM_INFINITY) GTEST_SKIP() << "no hard open-file limit";
  const std::string why = ensure_open_files(before.rlim_max + 1).error().message;
  EXPECT_NE(why.find("--shard"), std::string::npos) << why;
  EXPECT_NE(why.find("ulimit -Hn"), std::string::npos) << why;
}

TEST(SourceAddresses, RangesAndListsInOrder) {
  auto r = parse_source_addresses("127.0.0.2-127.0.0.4, 10.0.0.1,::1");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, (std::vector<std::string>{"127.0.0.2", "127.0.0.3", "127.0.0.4", "10.0.0.1", "::1"}));
  auto across = parse_source_addresses("10.0.0.255-10.0.1.0");
  ASSERT_TRUE(across);
  EXPECT_EQ(across->size(), 2u);
}

TEST(SourceAddresses, BadInputNamesTheItem) {
  auto bad = parse_source_addresses("127.0.0.2,127.0.0.x");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("'127.0.0.x' is not an IP address"), std::string::npos) << bad.error().message;
  auto reversed = parse_source_addresses("127.0.0.9-127.0.0.2");
  ASSERT_FALSE(reversed);
  EXPECT_NE(reversed.error().message.find("lowest first"), std::string::npos) << reversed.error().message;
  EXPECT_FALSE(parse_source_addresses("::1-::2"));
  EXPECT_FALSE(parse_source_addresses("10.0.0.0-10.2.0.0")) << "131,073 addresses is a typo";
  EXPECT_FALSE(parse_source_addresses(" , "));
}

}  // namespace
}  // namespace shield::load::test
