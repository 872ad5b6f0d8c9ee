// Narrowing texts to a backend's PII kinds keeps exactly those values, with correct offsets.
#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/hard_cases.hpp"
#include "support/payloads/kind_scope.hpp"
#include "support/payloads/sentence_templates.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace shield::payloads {
namespace {

TEST(PayloadKindScope, KeepsOnlyTheListedKinds) {
  const std::array<pii_kind, 2> scope = {pii_kind::email, pii_kind::phone};
  std::size_t kept_total = 0;
  std::size_t dropped_total = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    value_generator gen(seed);
    std::vector<pii_text> texts;
    for (language lang : {language::spanish, language::english}) texts.push_back(random_paragraph(gen, lang, 4));
    for (hard_case which : all_hard_cases) texts.push_back(make_hard_case(gen, which));
    for (const pii_text& original : texts) {
      const pii_text t = keep_kinds(original, scope);
      SCOPED_TRACE(original.text.substr(0, 80));
      EXPECT_EQ(testing::offsets_problem(t), "");
      EXPECT_FALSE(t.text.empty());
      for (const planted_pii& p : t.pii)
        EXPECT_TRUE(p.kind == pii_kind::email || p.kind == pii_kind::phone || p.kind == pii_kind::name)
            << to_string(p.kind);
      std::size_t in_scope = 0;
      for (const planted_pii& p : original.pii) {
        const bool keep = p.kind == pii_kind::email || p.kind == pii_kind::phone || p.kind == pii_kind::name;
        in_scope += keep ? 1 : 0;
        if (!keep) {
          ++dropped_total;
          EXPECT_EQ(t.text.find(p.value), std::string::npos) << "dropped value still in the text: " << p.value;
        }
      }
      EXPECT_EQ(t.pii.size(), in_scope);
      kept_total += in_scope;
      for (const planted_pii& d : t.decoys)
        EXPECT_TRUE(d.kind == pii_kind::email || d.kind == pii_kind::phone) << to_string(d.kind);
    }
  }
  EXPECT_GT(kept_total, 20u);
  EXPECT_GT(dropped_total, 20u);
}

TEST(PayloadKindScope, AllKindsLeaveTheTextAsItWas) {
  value_generator gen(7);
  const pii_text original = make_hard_case(gen, hard_case::adjacent_comma);
  const pii_text same = keep_kinds(original, pattern_pii_kinds);
  EXPECT_EQ(same.text, original.text);
  EXPECT_EQ(same.pii.size(), original.pii.size());
}

TEST(PayloadKindScope, KindNamesParseBack) {
  for (pii_kind kind : all_pii_kinds) EXPECT_EQ(parse_pii_kind(to_string(kind)), kind);
  EXPECT_FALSE(parse_pii_kind("passport").has_value());
}

}  // namespace
}  // namespace shield::payloads
