// Each hard case has what it claims.
#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/hard_cases.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace shield::payloads {
namespace {

using testing::independently_valid;
using testing::offsets_problem;

bool non_ascii(char c) { return (static_cast<unsigned char>(c) & 0x80U) != 0; }

std::set<pii_kind> kinds_of(const pii_text& t) {
  std::set<pii_kind> kinds;
  for (const planted_pii& p : t.pii) kinds.insert(p.kind);
  return kinds;
}

// Runs `check` on the case for both languages and a few seeds.
template <class Check>
void for_each_variant(hard_case which, Check&& check) {
  for (language lang : {language::spanish, language::english}) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      value_generator gen(seed);
      hard_case_options options;
      options.lang = lang;
      const pii_text t = make_hard_case(gen, which, options);
      SCOPED_TRACE(std::string(to_string(which)) + " seed " + std::to_string(seed));
      check(t);
    }
  }
}

TEST(PayloadHardCases, EveryCaseHasConsistentGroundTruth) {
  std::set<std::string_view> names;
  for (hard_case which : all_hard_cases) {
    names.insert(to_string(which));
    for_each_variant(which, [](const pii_text& t) {
      ASSERT_EQ(offsets_problem(t), "");
      EXPECT_TRUE(testing::valid_utf8(t.text));
      for (const planted_pii& p : t.pii) EXPECT_TRUE(independently_valid(p.kind, p.value)) << p.value;
      for (const planted_pii& d : t.decoys) EXPECT_FALSE(independently_valid(d.kind, d.value)) << d.value;
    });
  }
  EXPECT_EQ(names.size(), all_hard_cases.size());
}

TEST(PayloadHardCases, PiiAtEdges) {
  for_each_variant(hard_case::pii_at_edges, [](const pii_text& t) {
    ASSERT_GE(t.pii.size(), 3U);
    EXPECT_EQ(t.pii.front().begin, 0U);
    EXPECT_EQ(t.pii.back().end, t.text.size());
    EXPECT_TRUE(pattern_pii(t).size() == t.pii.size()) << "names are not edge entities";
  });
}

TEST(PayloadHardCases, AdjacentBySpace) {
  for_each_variant(hard_case::adjacent_space, [](const pii_text& t) {
    ASSERT_GE(t.pii.size(), 4U);
    for (std::size_t i = 1; i < t.pii.size(); ++i) {
      EXPECT_EQ(t.text.substr(t.pii[i - 1].end, t.pii[i].begin - t.pii[i - 1].end), " ");
      const char lead = t.pii[i].value[0];
      EXPECT_TRUE(lead == '+' || (lead >= 'a' && lead <= 'z') || lead == 'X' || lead == 'Y' || lead == 'Z')
          << t.pii[i].value;
    }
  });
}

TEST(PayloadHardCases, AdjacentByCommaWithEveryKind) {
  for_each_variant(hard_case::adjacent_comma, [](const pii_text& t) {
    EXPECT_EQ(kinds_of(t).size(), pattern_pii_kinds.size());
    for (std::size_t i = 1; i < t.pii.size(); ++i)
      EXPECT_EQ(t.text.substr(t.pii[i - 1].end, t.pii[i].begin - t.pii[i - 1].end), ",");
  });
}

TEST(PayloadHardCases, UnicodeDirectlyAroundEveryEntity) {
  for_each_variant(hard_case::unicode_neighbors, [](const pii_text& t) {
    EXPECT_EQ(kinds_of(t).size(), pattern_pii_kinds.size());
    for (const planted_pii& p : t.pii) {
      ASSERT_GT(p.begin, 0U);
      ASSERT_LT(p.end, t.text.size());
      EXPECT_TRUE(non_ascii(t.text[p.begin - 1])) << p.value;
      EXPECT_TRUE(non_ascii(t.text[p.end])) << p.value;
    }
  });
}

TEST(PayloadHardCases, JsonHostileCharactersAroundEveryEntity) {
  const std::string_view hostile = "\"\\\n\t\r'";
  for_each_variant(hard_case::json_hostile, [hostile](const pii_text& t) {
    for (char c : {'"', '\\', '\n', '\t'}) EXPECT_NE(t.text.find(c), std::string::npos) << int(c);
    EXPECT_EQ(kinds_of(t).size(), pattern_pii_kinds.size());
    for (const planted_pii& p : t.pii) {
      ASSERT_GT(p.begin, 0U);
      ASSERT_LT(p.end, t.text.size());
      EXPECT_NE(hostile.find(t.text[p.begin - 1]), std::string_view::npos) << p.value;
      EXPECT_NE(hostile.find(t.text[p.end]), std::string_view::npos) << p.value;
    }
  });
}

TEST(PayloadHardCases, NoneIsEmpty) {
  // Empty text is bad input for some backends (422), so no valid payload may be empty.
  for (hard_case which : all_hard_cases)
    for_each_variant(which, [which](const pii_text& t) { EXPECT_FALSE(t.text.empty()) << to_string(which); });
}

TEST(PayloadHardCases, PlainTexts) {
  for_each_variant(hard_case::no_pii, [](const pii_text& t) {
    EXPECT_FALSE(t.text.empty());
    EXPECT_TRUE(t.pii.empty());
    EXPECT_TRUE(t.decoys.empty());
    EXPECT_EQ(t.text.find_first_of("0123456789@"), std::string::npos) << t.text;
  });
}

TEST(PayloadHardCases, ChecksumDecoysBesideValidValues) {
  for_each_variant(hard_case::checksum_decoys, [](const pii_text& t) {
    std::set<pii_kind> decoy_kinds;
    for (const planted_pii& d : t.decoys) decoy_kinds.insert(d.kind);
    EXPECT_EQ(decoy_kinds, (std::set<pii_kind>{pii_kind::credit_card, pii_kind::dni, pii_kind::nie, pii_kind::iban,
                                               pii_kind::ip_address}));
    EXPECT_GE(t.pii.size(), 2U);
  });
}

// Checks size and spread of long_text for the given options.
void check_long_text(std::uint64_t seed, const hard_case_options& options) {
  value_generator gen(seed);
  const pii_text t = make_hard_case(gen, hard_case::long_text, options);
  ASSERT_GE(t.text.size(), options.long_text_bytes);
  ASSERT_LT(t.text.size(), options.long_text_bytes + options.max_gap_bytes);
  const std::vector<planted_pii> found = pattern_pii(t);
  ASSERT_FALSE(found.empty());
  EXPECT_LE(found.front().begin, options.max_gap_bytes);
  EXPECT_LE(t.text.size() - found.back().end, options.max_gap_bytes);
  for (std::size_t i = 1; i < found.size(); ++i)
    ASSERT_LE(found[i].begin - found[i - 1].end, options.max_gap_bytes) << "at byte " << found[i].begin;
  EXPECT_GE(found.size(), t.text.size() / options.max_gap_bytes);
  EXPECT_EQ(gen.exhausted(), 0U);
}

TEST(PayloadHardCases, LongTextSpreadsPiiThroughout) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) check_long_text(seed, hard_case_options{});
  hard_case_options small;
  small.long_text_bytes = 20000;
  small.max_gap_bytes = 700;
  check_long_text(4, small);
  hard_case_options wide;
  wide.long_text_bytes = 300 * 1024;
  wide.max_gap_bytes = 8192;
  check_long_text(5, wide);
}

}  // namespace
}  // namespace shield::payloads
