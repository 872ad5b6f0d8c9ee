// Anonymization: no planted PII value comes back in anonymized text, placeholders are stable
// within a session, and nothing of one session shows up in what another session gets back.
#include <map>
#include <set>

#include "checks/functional/check_test.hpp"
#include "support/payloads/chat_prompts.hpp"
#include "support/payloads/hard_cases.hpp"
#include "support/payloads/sentence_templates.hpp"
#include "checks/functional/pii_scope.hpp"
#include "checks/functional/pii_search.hpp"

namespace shield::functional {
namespace {

class Anonymization : public CheckTest {
 protected:
  // Anonymizes text in session; the answer, or a test failure and nullopt.
  std::optional<anonymize_answer> anonymize(http::blocking_client& client, const std::string& session,
                                            const std::string& text, exchange* out = nullptr) {
    const auto& ep = *roles().anonymizer;
    auto ex = call(client, ep, session, text);
    if (out) *out = ex;
    if (ex.response.status != ep.expect_status) {
      ADD_FAILURE() << broke("the anonymizer answers " + std::to_string(ep.expect_status) + " to valid text", ex);
      return std::nullopt;
    }
    auto answer = read_anonymize(ex, ep);
    if (!answer) {
      ADD_FAILURE() << broke("the anonymizer answer is readable: " + answer.error().message, ex);
      return std::nullopt;
    }
    return std::move(*answer);
  }
};

// The texts the leak check sends: template paragraphs in both languages and every hard case.
std::vector<payloads::pii_text> leak_texts() {
  payloads::value_generator gen(concern_seed("anonymization/leak"));
  std::vector<payloads::pii_text> texts;
  for (auto lang : {payloads::language::spanish, payloads::language::english}) {
    for (int i = 0; i < 3; ++i) texts.push_back(in_scope(payloads::random_paragraph(gen, lang, 3)));
  }
  for (auto which : payloads::all_hard_cases) texts.push_back(in_scope(payloads::make_hard_case(gen, which)));
  return texts;
}

TEST_F(Anonymization, NoPlantedValueRemainsInAnonymizedText) {
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  auto client = make_client();
  const auto texts = leak_texts();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto values = pattern_values(texts[i]);
    // The search must see every value in the original, or it could not see a leak either.
    ASSERT_EQ(values_in(texts[i].text, values).size(), values.size()) << "value search misses a planted value";
    exchange ex;
    const auto answer = anonymize(client, session_name("leak", i), texts[i].text, &ex);
    if (!answer) continue;
    const auto leaked = values_in(answer->anonymized_text, values);
    EXPECT_TRUE(leaked.empty()) << broke(
        "no planted PII value may remain in anonymized_text; found: " + join_some(leaked), ex);
  }
}

TEST_F(Anonymization, PlaceholdersAreConsistentWithinASession) {
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  payloads::value_generator gen(concern_seed("anonymization/consistency"));
  // Only the profile's kinds are planted; a narrow scope may take a few paragraphs to give two values.
  auto first = in_scope(payloads::random_paragraph(gen, payloads::language::spanish, 4));
  for (int tries = 0; tries < 20 && payloads::pattern_pii(first).size() < 2; ++tries)
    first = in_scope(payloads::random_paragraph(gen, payloads::language::spanish, 4));
  const auto planted = payloads::pattern_pii(first);
  const auto again = payloads::recall_sentence(planted, payloads::language::spanish);
  ASSERT_GE(planted.size(), 2u) << "the generator planted too few values";
  const auto session = session_name("consistency", 0);
  const auto& anon = *roles().anonymizer;
  // Entities tie values to placeholders only when the profile names their placeholder and offsets.
  const bool entity_offsets = anon.field("entities") && anon.field("entity_placeholder") &&
                              anon.field("entity_start") && anon.field("entity_end");
  if (!entity_offsets && !roles().read_back) GTEST_SKIP() << missing_role(profile(), "entity offsets or read-back");
  auto client = make_client();

  // Placeholder of each planted value, from the entities of both answers.
  std::vector<std::map<std::string, std::string>> placeholders(2);
  const payloads::pii_text* texts[2] = {&first, &again};
  exchange sent[2];  // both anonymizer calls, for the messages
  for (int round = 0; round < 2; ++round) {
    exchange& ex = sent[round];
    const auto answer = anonymize(client, session, texts[round]->text, &ex);
    ASSERT_TRUE(answer);
    if (!entity_offsets) continue;
    for (const auto& p : payloads::pattern_pii(*texts[round])) {
      const auto start = static_cast<std::int64_t>(payloads::codepoint_offset(texts[round]->text, p.begin));
      const auto end = static_cast<std::int64_t>(payloads::codepoint_offset(texts[round]->text, p.end));
      for (const auto& e : answer->entities) {
        if (e.start == start && e.end == end) placeholders[round][p.value] = e.placeholder;
      }
      EXPECT_TRUE(placeholders[round].count(p.value))
          << broke("every planted value is reported as an entity; missing: " + p.value, ex);
    }
  }
  std::map<std::string, std::string> owner;  // placeholder -> value, to catch one placeholder for two values
  for (const auto& [value, ph] : placeholders[0]) {
    if (placeholders[1].count(value)) {
      EXPECT_EQ(placeholders[1][value], ph)
          << broke("the same value in the same session keeps its placeholder; " + value + " was " + ph +
                       " in the first request and " + placeholders[1][value] + " in this one",
                   sent[1])
          << "\n  first request: " << sent[0].describe();
    }
    auto [it, fresh] = owner.emplace(ph, value);
    EXPECT_TRUE(fresh || it->second == value) << broke(
        "distinct values get distinct placeholders; " + ph + " stands for both " + it->second + " and " + value,
        sent[0]);
  }

  // The session's mapping (when the profile can read it back) names each value exactly once.
  if (const auto* rb = roles().read_back) {
    const auto ex = call(client, *rb, session, "");
    ASSERT_EQ(ex.response.status, rb->expect_status) << broke("the read-back answers for a live session", ex);
    const auto back = read_read_back(ex, *rb);
    ASSERT_TRUE(back) << broke("the read-back answer is readable: " + back.error().message, ex);
    for (const auto& p : planted) {
      std::vector<std::string> names;
      for (const auto& [ph, original] : back->mapping) {
        if (original == p.value) names.push_back(ph);
      }
      EXPECT_EQ(names.size(), 1u) << broke("the session mapping holds each value under exactly one placeholder; " +
                                               p.value + " has: " + join_some(names),
                                           ex);
    }
  }
}

TEST_F(Anonymization, NothingOfOneSessionReachesAnother) {
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  payloads::session_batch_options opt;
  opt.base_seed = concern_seed("anonymization/cross");
  opt.sessions = 2;
  opt.texts_per_session = 2;
  opt.sentences_per_text = 2;
  opt.id_prefix = "chk-cross";
  const auto batch = in_scope(payloads::generate_sessions(opt));
  ASSERT_EQ(batch.exhausted, 0u);
  auto client = make_client();
  std::vector<std::string> values[2] = {pattern_values(batch.sessions[0]), pattern_values(batch.sessions[1])};

  // Session A first, then B; each answer of B must hold nothing of A.
  for (int s = 0; s < 2; ++s) {
    for (const auto& t : batch.sessions[s].texts) {
      exchange ex;
      const auto answer = anonymize(client, batch.sessions[s].session_id, t.text, &ex);
      if (!answer) continue;
      const auto foreign = values_in(ex.response.body, values[1 - s]);
      EXPECT_TRUE(foreign.empty()) << broke(
          "an answer for one session holds no PII of another; found: " + join_some(foreign), ex);
    }
  }
  // Each session's read-back and stream hold nothing of the other session.
  for (int s = 0; s < 2; ++s) {
    const auto& id = batch.sessions[s].session_id;
    if (const auto* rb = roles().read_back) {
      const auto ex = call(client, *rb, id, "");
      EXPECT_EQ(ex.response.status, rb->expect_status) << broke("the read-back answers for a live session", ex);
      const auto back = read_read_back(ex, *rb);
      ASSERT_TRUE(back) << broke("the read-back answer is readable: " + back.error().message, ex);
      std::string seen = back->anonymized_text.value_or("");
      for (const auto& [ph, original] : back->mapping) seen += "\n" + ph + "\n" + original;
      const auto foreign = values_in(seen, values[1 - s]);
      EXPECT_TRUE(foreign.empty()) << broke(
          "the read-back of one session holds no PII of another; found: " + join_some(foreign), ex);
    }
    if (const auto* st = roles().stream) {
      const auto ex = call(client, *st, id, batch.sessions[s].texts.front().text);
      EXPECT_EQ(ex.response.status, st->expect_status) << broke("the stream answers valid text", ex);
      const auto foreign = values_in(read_stream(ex, *st).text, values[1 - s]);
      EXPECT_TRUE(foreign.empty()) << broke(
          "the stream of one session holds no PII of another; found: " + join_some(foreign), ex);
    }
  }
}

}  // namespace
}  // namespace shield::functional
