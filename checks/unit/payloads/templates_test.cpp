// Filled templates: offsets match the text, kinds follow the slots, values are valid.
#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/sentence_templates.hpp"
#include "support/payloads/text_builder.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace shield::payloads {
namespace {

using testing::independently_valid;
using testing::offsets_problem;

// Slot names of a template in order, parsed here without the library.
std::vector<std::string> slot_names(std::string_view tmpl) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while ((at = tmpl.find('{', at)) != std::string_view::npos) {
    const std::size_t close = tmpl.find('}', at);
    names.emplace_back(tmpl.substr(at + 1, close - at - 1));
    at = close + 1;
  }
  return names;
}

TEST(PayloadTemplates, FilledTemplatesPlantWhatTheSlotsSay) {
  const std::map<std::string, pii_kind> expected = {{"name", pii_kind::name},   {"email", pii_kind::email},
                                                    {"phone", pii_kind::phone}, {"card", pii_kind::credit_card},
                                                    {"iban", pii_kind::iban},   {"ip", pii_kind::ip_address},
                                                    {"dni", pii_kind::dni},     {"nie", pii_kind::nie}};
  for (language lang : {language::spanish, language::english}) {
    ASSERT_GE(sentence_templates(lang).size(), 10U);
    for (std::string_view tmpl : sentence_templates(lang)) {
      const std::vector<std::string> names = slot_names(tmpl);
      ASSERT_GE(names.size(), 2U) << tmpl;
      for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        value_generator gen(seed);
        const pii_text t = fill_template(gen, tmpl, lang);
        ASSERT_EQ(offsets_problem(t), "") << t.text;
        ASSERT_EQ(t.pii.size(), names.size()) << t.text;
        EXPECT_TRUE(t.decoys.empty());
        EXPECT_EQ(t.text.find('{'), std::string::npos) << t.text;
        EXPECT_FALSE(pattern_pii(t).empty()) << tmpl;
        for (std::size_t i = 0; i < names.size(); ++i) {
          EXPECT_EQ(t.pii[i].kind, expected.at(names[i])) << tmpl;
          EXPECT_TRUE(independently_valid(t.pii[i].kind, t.pii[i].value)) << t.pii[i].value;
        }
        EXPECT_TRUE(testing::valid_utf8(t.text));
      }
    }
  }
}

TEST(PayloadTemplates, NumbersAreNeverFollowedByWordsThatCouldExtendThem) {
  for (language lang : {language::spanish, language::english})
    for (std::string_view tmpl : sentence_templates(lang)) EXPECT_EQ(testing::slot_follower_problem(tmpl), "") << tmpl;
  EXPECT_NE(testing::slot_follower_problem("a {iban} b"), "");
  EXPECT_NE(testing::slot_follower_problem("a {phone} 12"), "");
  EXPECT_NE(testing::slot_follower_problem("a {card}"), "");
  EXPECT_EQ(testing::slot_follower_problem("a {card} b {iban}."), "");
}

TEST(PayloadTemplates, FillerHasNoPii) {
  for (language lang : {language::spanish, language::english}) {
    for (std::string_view s : filler_sentences(lang)) {
      EXPECT_EQ(s.find('@'), std::string_view::npos) << s;
      EXPECT_EQ(s.find_first_of("0123456789{}"), std::string_view::npos) << s;
      EXPECT_TRUE(testing::valid_utf8(s));
    }
  }
}

TEST(PayloadTemplates, UnknownSlotsAndBracesStayText) {
  value_generator gen(1);
  const pii_text t = fill_template(gen, "a {foo} b {email} c {", language::english);
  ASSERT_EQ(t.pii.size(), 1U);
  EXPECT_EQ(t.text.substr(0, 10), "a {foo} b ");
  EXPECT_EQ(t.text.substr(t.text.size() - 4), " c {");
  EXPECT_EQ(offsets_problem(t), "");
  EXPECT_EQ(slot_kind("ip"), pii_kind::ip_address);
  EXPECT_FALSE(slot_kind("ipv4").has_value());
}

TEST(PayloadTemplates, ParagraphsKeepOffsetsAcrossSentences) {
  value_generator gen(2);
  for (std::size_t count : {0U, 1U, 5U, 20U}) {
    const pii_text t = random_paragraph(gen, language::spanish, count);
    EXPECT_EQ(offsets_problem(t), "");
    EXPECT_GE(t.pii.size(), 2 * count);
    if (count == 0) {
      EXPECT_TRUE(t.text.empty());
    }
  }
}

TEST(PayloadTemplates, RecallRepeatsTheSameBytes) {
  value_generator gen(3);
  const pii_text first = random_paragraph(gen, language::english, 3);
  for (language lang : {language::spanish, language::english}) {
    const pii_text again = recall_sentence(first.pii, lang);
    ASSERT_EQ(offsets_problem(again), "");
    ASSERT_EQ(again.pii.size(), first.pii.size());
    for (std::size_t i = 0; i < first.pii.size(); ++i) {
      EXPECT_EQ(again.pii[i].value, first.pii[i].value);
      EXPECT_EQ(again.pii[i].kind, first.pii[i].kind);
    }
    EXPECT_TRUE(recall_sentence({}, lang).pii.empty());
  }
}

TEST(PayloadTemplates, BuilderShiftsAppendedPieces) {
  text_builder inner;
  inner.add("x ").plant(pii_kind::dni, "12345678Z").add(" ").decoy(pii_kind::dni, "12345678A");
  const pii_text piece = inner.take();
  EXPECT_TRUE(inner.take().text.empty());
  text_builder outer;
  outer.add("ñ😀 ").add(piece).add(" ").add(piece);
  const pii_text t = outer.take();
  EXPECT_EQ(offsets_problem(t), "");
  ASSERT_EQ(t.pii.size(), 2U);
  ASSERT_EQ(t.decoys.size(), 2U);
  EXPECT_EQ(t.pii[1].begin, t.pii[0].begin + piece.text.size() + 1);
}

TEST(PayloadTemplates, KindNamesAndCodepointOffsets) {
  std::set<std::string_view> names;
  std::set<std::string_view> types;
  for (pii_kind kind : all_pii_kinds) {
    names.insert(to_string(kind));
    types.insert(entity_type(kind));
  }
  EXPECT_EQ(names.size(), all_pii_kinds.size());
  EXPECT_EQ(types.size(), all_pii_kinds.size());
  EXPECT_FALSE(pattern_detectable(pii_kind::name));
  for (pii_kind kind : pattern_pii_kinds) EXPECT_TRUE(pattern_detectable(kind));
  // "a" 1 byte, "ñ" 2, "b" 1, "😀" 4, "c" 1.
  const std::string text =
      "a\xc3\xb1"
      "b\xf0\x9f\x98\x80"
      "c";
  EXPECT_EQ(codepoint_offset(text, 0), 0U);
  EXPECT_EQ(codepoint_offset(text, 3), 2U);
  EXPECT_EQ(codepoint_offset(text, 4), 3U);
  EXPECT_EQ(codepoint_offset(text, 8), 4U);
  EXPECT_EQ(codepoint_offset(text, 9), 5U);
  EXPECT_EQ(codepoint_offset(text, 100), 5U);
}

}  // namespace
}  // namespace shield::payloads
