// Round trip: the anonymized text plus the session's mapping gives back the original text exactly,
// and every reported entity points at the original it replaced.
#include <algorithm>

#include "checks/functional/check_test.hpp"
#include "checks/functional/pii_scope.hpp"
#include "support/payloads/hard_cases.hpp"
#include "support/payloads/sentence_templates.hpp"
#include "checks/functional/pii_search.hpp"

namespace shield::functional {
namespace {

class RoundTrip : public CheckTest {
 protected:
  // One text sent and what came back for it.
  struct trip {
    std::string original;     // the text sent
    exchange anonymize_ex;    // the anonymizer call
    anonymize_answer answer;  // its answer
    exchange read_back_ex;    // the read-back call
    read_back_answer back;    // its answer
  };

  // Anonymizes every text in its own session and reads each session back; failures are reported.
  std::vector<trip> run_trips(std::string_view concern) {
    const auto& anon = *roles().anonymizer;
    const auto& rb = *roles().read_back;
    payloads::value_generator gen(concern_seed(concern));
    std::vector<std::string> texts;
    for (auto lang : {payloads::language::spanish, payloads::language::english}) {
      for (int i = 0; i < 2; ++i) texts.push_back(in_scope(payloads::random_paragraph(gen, lang, 3)).text);
    }
    for (auto which : payloads::all_hard_cases) texts.push_back(in_scope(payloads::make_hard_case(gen, which)).text);
    auto client = make_client();
    std::vector<trip> out;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      trip t;
      t.original = texts[i];
      const auto session = session_name(concern, i);
      t.anonymize_ex = call(client, anon, session, t.original);
      if (t.anonymize_ex.response.status != anon.expect_status) {
        ADD_FAILURE() << broke("the anonymizer answers valid text", t.anonymize_ex);
        continue;
      }
      auto answer = read_anonymize(t.anonymize_ex, anon);
      if (!answer) {
        ADD_FAILURE() << broke("the anonymizer answer is readable: " + answer.error().message, t.anonymize_ex);
        continue;
      }
      t.answer = std::move(*answer);
      t.read_back_ex = call(client, rb, session, "");
      if (t.read_back_ex.response.status != rb.expect_status) {
        ADD_FAILURE() << broke("the read-back answers for a live session", t.read_back_ex);
        continue;
      }
      auto back = read_read_back(t.read_back_ex, rb);
      if (!back) {
        ADD_FAILURE() << broke("the read-back answer is readable: " + back.error().message, t.read_back_ex);
        continue;
      }
      t.back = std::move(*back);
      out.push_back(std::move(t));
    }
    return out;
  }
};

TEST_F(RoundTrip, MappingRestoresTheOriginalTextExactly) {
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  SHIELD_REQUIRE_ROLE(roles().read_back, "read-back (requires the anonymizer, answers a mapping)");
  for (const auto& t : run_trips("roundtrip")) {
    const auto restored = restore(t.answer.anonymized_text, t.back.mapping);
    EXPECT_EQ(restored, t.original) << broke(
                                           "anonymized_text with the session mapping restores the original exactly; "
                                           "restored: " +
                                               truncated(restored),
                                           t.anonymize_ex)
                                    << "\n  read-back: " << t.read_back_ex.describe();
    if (t.back.anonymized_text) {
      EXPECT_EQ(*t.back.anonymized_text, t.answer.anonymized_text)
          << broke("the read-back returns the text the anonymizer answered", t.read_back_ex);
    }
  }
}

TEST_F(RoundTrip, EntitiesPointAtTheOriginals) {
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  SHIELD_REQUIRE_ROLE(roles().read_back, "read-back (requires the anonymizer, answers a mapping)");
  const auto& anon = *roles().anonymizer;
  if (!anon.field("entities") || !anon.field("entity_placeholder") || !anon.field("entity_start") ||
      !anon.field("entity_end"))
    GTEST_SKIP() << missing_role(profile(), "entity placeholder and offsets");
  for (const auto& t : run_trips("entities")) {
    for (const auto& e : t.answer.entities) {
      const auto it = std::find_if(t.back.mapping.begin(), t.back.mapping.end(),
                                   [&](const auto& pair) { return pair.first == e.placeholder; });
      ASSERT_NE(it, t.back.mapping.end())
          << broke("every entity's placeholder is in the session mapping; missing " + e.placeholder, t.read_back_ex);
      const auto slice = codepoint_slice(t.original, e.start, e.end);
      EXPECT_EQ(slice, it->second) << broke("the original text at the entity's code point offsets [" +
                                                std::to_string(e.start) + ", " + std::to_string(e.end) +
                                                ") is what the mapping restores for " + e.placeholder,
                                            t.anonymize_ex);
    }
  }
}

}  // namespace
}  // namespace shield::functional
