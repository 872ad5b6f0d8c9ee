#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/chat_prompts.hpp"
#include "support/payloads/sentence_templates.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace shield::payloads {
namespace {

TEST(PayloadChatPrompts, EveryPromptIsAQuestionMentioningPii) {
  for (language lang : {language::spanish, language::english}) {
    ASSERT_GE(chat_prompt_templates(lang).size(), 5U);
    for (std::string_view tmpl : chat_prompt_templates(lang)) {
      EXPECT_EQ(testing::slot_follower_problem(tmpl), "") << tmpl;
      for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        value_generator gen(seed);
        const pii_text t = fill_template(gen, tmpl, lang);
        ASSERT_EQ(testing::offsets_problem(t), "") << t.text;
        EXPECT_FALSE(pattern_pii(t).empty()) << tmpl;
        EXPECT_NE(t.text.find('?'), std::string::npos) << t.text;
        EXPECT_EQ(t.text.find('{'), std::string::npos) << t.text;
        for (const planted_pii& p : t.pii) EXPECT_TRUE(testing::independently_valid(p.kind, p.value)) << p.value;
      }
    }
  }
}

TEST(PayloadChatPrompts, RandomPromptsUseSeveralTemplates) {
  value_generator gen(77);
  std::set<std::string> openings;
  for (int i = 0; i < 200; ++i) {
    const pii_text t = chat_prompt(gen, i % 2 == 0 ? language::spanish : language::english);
    ASSERT_EQ(testing::offsets_problem(t), "");
    openings.insert(t.text.substr(0, 8));
  }
  EXPECT_GE(openings.size(), 8U);
  EXPECT_EQ(gen.exhausted(), 0U);
}

}  // namespace
}  // namespace shield::payloads
