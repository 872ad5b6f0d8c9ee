#include "support/payloads/rng.hpp"
#include "support/payloads/session_payloads.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <set>

namespace shield::payloads {
namespace {

TEST(PayloadRng, UsesTheEngineTheStandardSpecifies) {
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64 (seed 5489).
  rng r(5489);
  std::uint64_t value = 0;
  for (int i = 0; i < 10000; ++i) value = r.next();
  EXPECT_EQ(value, 9981545732273789042ULL);
}

TEST(PayloadRng, BelowStaysInRange) {
  rng r(7);
  const std::array<std::uint64_t, 7> bounds = {
      1, 2, 3, 7, 1000, (1ULL << 63) + 1, std::numeric_limits<std::uint64_t>::max()};
  for (std::uint64_t bound : bounds)
    for (int i = 0; i < 2000; ++i) ASSERT_LT(r.below(bound), bound) << "bound " << bound;
  EXPECT_EQ(r.below(0), 0U);
}

TEST(PayloadRng, BelowIsRoughlyUniform) {
  rng r(11);
  constexpr int draws = 100000;
  std::array<int, 10> counts{};
  for (int i = 0; i < draws; ++i) ++counts[static_cast<std::size_t>(r.below(10))];
  for (int c : counts) {
    EXPECT_GT(c, draws / 10 * 95 / 100);
    EXPECT_LT(c, draws / 10 * 105 / 100);
  }
}

TEST(PayloadRng, BetweenIncludesBothEnds) {
  rng r(3);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t v = r.between(-5, 5);
    ASSERT_GE(v, -5);
    ASSERT_LE(v, 5);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 11U);
  EXPECT_EQ(r.between(4, 4), 4);
  EXPECT_EQ(r.between(9, 2), 9);
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  std::set<std::int64_t> wide;
  for (int i = 0; i < 100; ++i) wide.insert(r.between(lo, hi));
  EXPECT_GT(wide.size(), 95U);
}

TEST(PayloadRng, ChanceExtremes) {
  rng r(5);
  for (int i = 0; i < 500; ++i) {
    EXPECT_FALSE(r.chance(0, 7));
    EXPECT_TRUE(r.chance(7, 7));
  }
  int hits = 0;
  for (int i = 0; i < 10000; ++i) hits += r.chance(1, 4) ? 1 : 0;
  EXPECT_GT(hits, 2200);
  EXPECT_LT(hits, 2800);
}

TEST(PayloadRng, DigitsAndLettersCoverTheirAlphabets) {
  rng r(9);
  std::set<char> digits;
  std::set<char> letters;
  for (int i = 0; i < 2000; ++i) {
    const char d = r.digit();
    const char l = r.upper_letter();
    ASSERT_TRUE(d >= '0' && d <= '9');
    ASSERT_TRUE(l >= 'A' && l <= 'Z');
    digits.insert(d);
    letters.insert(l);
  }
  EXPECT_EQ(digits.size(), 10U);
  EXPECT_EQ(letters.size(), 26U);
}

TEST(PayloadRng, SameSeedSameSequenceDifferentSeedDifferent) {
  rng a(42);
  rng b(42);
  rng c(43);
  int differ = 0;
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t va = a.next();
    EXPECT_EQ(va, b.next());
    differ += va != c.next() ? 1 : 0;
  }
  EXPECT_EQ(differ, 100);
}

TEST(PayloadRng, SessionSeedsOfNearbyIdsDoNotCollide) {
  std::set<std::uint64_t> seeds;
  constexpr std::size_t ids = 10000;
  for (std::size_t i = 0; i < ids; ++i) seeds.insert(session_seed(1, make_session_id(1, i)));
  EXPECT_EQ(seeds.size(), ids);
  EXPECT_NE(session_seed(1, "a"), session_seed(2, "a"));
  EXPECT_NE(hash_seed("ab"), hash_seed("ba"));
  EXPECT_NE(mix_seed(1, 2), mix_seed(2, 1));
}

TEST(PayloadRng, SessionIdsCarryTheSeedAndIndex) {
  EXPECT_EQ(make_session_id(0x1f, 7), "stress-000000000000001f-7");
  EXPECT_EQ(make_session_id(0xffffffffffffffffULL, 0, "x"), "x-ffffffffffffffff-0");
}

}  // namespace
}  // namespace shield::payloads
