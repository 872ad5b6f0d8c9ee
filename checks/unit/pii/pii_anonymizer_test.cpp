// Placeholders per session, restore() round trips, code-point offsets, reload from Redis pairs.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "fixtures/reference_backend/pii/pii_anonymizer.hpp"
#include "checks/unit/pii/pii_test_values.hpp"

namespace shield::backend {
namespace {

using namespace shield::backend::testing;

const pii_detector& anonymizer_detector() {
  static const pii_detector instance;
  return instance;
}

anonymize_result run(std::string_view text, session_mapping& mapping) {
  return anonymize(text, anonymizer_detector().find(text), mapping);
}

// Decodes UTF-8 to code points (test-side, independent of count_code_points).
std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

TEST(PiiAnonymizer, ReplacesEveryKindWithNumberedPlaceholders) {
  session_mapping mapping;
  const std::string text =
      "Soy Ana (ana@example.com, 612 345 678), tarjeta 4111111111111111, cuenta ES9121000418450200051332, "
      "IP 10.0.0.1, DNI 12345678Z, NIE X1234567L.";
  const anonymize_result r = run(text, mapping);
  EXPECT_EQ(r.anonymized_text,
            "Soy Ana (<EMAIL_1>, <PHONE_1>), tarjeta <CREDIT_CARD_1>, cuenta <IBAN_1>, IP <IP_ADDRESS_1>, "
            "DNI <DNI_1>, NIE <NIE_1>.");
  ASSERT_EQ(r.entities.size(), 7u);
  const std::vector<std::string> types = {"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "DNI", "NIE"};
  for (std::size_t i = 0; i < types.size(); ++i) {
    EXPECT_EQ(r.entities[i].type, types[i]);
    EXPECT_EQ(r.entities[i].placeholder, "<" + types[i] + "_1>");
    // ASCII text: code points equal bytes, so the entity span is the original value.
    EXPECT_EQ(mapping.placeholder_to_original.at(r.entities[i].placeholder),
              text.substr(r.entities[i].start, r.entities[i].end - r.entities[i].start));
  }
  EXPECT_EQ(r.new_entries.size(), 7u);
  EXPECT_EQ(r.skipped_matches, 0u);
  EXPECT_EQ(restore(r.anonymized_text, mapping), text);
}

TEST(PiiAnonymizer, SameValueSamePlaceholderNewValueNextNumber) {
  session_mapping mapping;
  const anonymize_result r = run("a@x.es, b@x.es, a@x.es y 612345678, 612345678, 712345678", mapping);
  EXPECT_EQ(r.anonymized_text, "<EMAIL_1>, <EMAIL_2>, <EMAIL_1> y <PHONE_1>, <PHONE_1>, <PHONE_2>");
  ASSERT_EQ(r.entities.size(), 6u);
  EXPECT_EQ(r.entities[0].placeholder, r.entities[2].placeholder);
  EXPECT_EQ(r.entities[3].placeholder, r.entities[4].placeholder);
  const std::vector<std::pair<std::string, std::string>> expected_new = {
      {"<EMAIL_1>", "a@x.es"}, {"<EMAIL_2>", "b@x.es"}, {"<PHONE_1>", "612345678"}, {"<PHONE_2>", "712345678"}};
  EXPECT_EQ(r.new_entries, expected_new);
}

TEST(PiiAnonymizer, NumberingContinuesAcrossCallsInOneSession) {
  session_mapping mapping;
  const anonymize_result first = run("escribe a a@x.es", mapping);
  const anonymize_result second = run("ahora b@x.es y otra vez a@x.es", mapping);
  EXPECT_EQ(first.anonymized_text, "escribe a <EMAIL_1>");
  EXPECT_EQ(second.anonymized_text, "ahora <EMAIL_2> y otra vez <EMAIL_1>");
  EXPECT_EQ(second.new_entries, (std::vector<std::pair<std::string, std::string>>{{"<EMAIL_2>", "b@x.es"}}));
  // Another session starts from 1 again.
  session_mapping other;
  EXPECT_EQ(run("b@x.es", other).anonymized_text, "<EMAIL_1>");
}

TEST(PiiAnonymizer, DifferentSpellingsAreDifferentValues) {
  // restore() must give back the exact text, so "612 345 678" and "612345678" cannot share a name.
  session_mapping mapping;
  const std::string text = "612 345 678 o 612345678";
  const anonymize_result r = run(text, mapping);
  EXPECT_EQ(r.anonymized_text, "<PHONE_1> o <PHONE_2>");
  EXPECT_EQ(restore(r.anonymized_text, mapping), text);
}

TEST(PiiAnonymizer, OffsetsAreCodePointsOfTheOriginalText) {
  session_mapping mapping;
  const std::string text = "Niño 😀 «ana@example.com» → ñ 612 345 678 €, ES9121000418450200051332 ✓ fin";
  const std::u32string points = decode_utf8(text);
  const anonymize_result r = run(text, mapping);
  ASSERT_EQ(r.entities.size(), 3u);
  for (const entity& e : r.entities) {
    ASSERT_LE(e.end, points.size());
    const std::u32string span = points.substr(e.start, e.end - e.start);
    EXPECT_EQ(span, decode_utf8(mapping.placeholder_to_original.at(e.placeholder))) << e.placeholder;
  }
  // The first entity starts after "Niño 😀 «": 8 code points although 13 bytes.
  EXPECT_EQ(r.entities[0].start, 8u);
  EXPECT_EQ(count_code_points(text), points.size());
  EXPECT_EQ(restore(r.anonymized_text, mapping), text);
}

TEST(PiiAnonymizer, RestoreRoundTripsGeneratedTexts) {
  std::mt19937_64 rng(31);
  const std::vector<std::string> fillers = {" hola ", ", ", " → ", " ñandú ", "\n", " 😀 ", " y el 15/01/2024 "};
  session_mapping mapping;
  for (int round = 0; round < 100; ++round) {
    std::string text = fillers[static_cast<std::size_t>(round) % fillers.size()];
    std::size_t expected_entities = 0;
    for (int k = 0; k < 6; ++k) {
      switch ((round + k) % 5) {
        case 0:
          text += random_dni(rng);
          break;
        case 1:
          text += random_nie(rng);
          break;
        case 2:
          text += random_card(rng, 16);
          break;
        case 3:
          text += group_by_four(random_spanish_iban(rng));
          break;
        case 4:
          text += "u" + std::to_string(round) + "@correo.es";
          break;
      }
      ++expected_entities;
      text += fillers[static_cast<std::size_t>(round + k) % fillers.size()];
    }
    const anonymize_result r = run(text, mapping);
    EXPECT_EQ(r.entities.size(), expected_entities) << text;
    EXPECT_EQ(restore(r.anonymized_text, mapping), text);
  }
}

TEST(PiiAnonymizer, RestoreLeavesUnknownPlaceholdersAndBracketsAlone) {
  session_mapping mapping;
  run("a@x.es", mapping);
  EXPECT_EQ(restore("<<EMAIL_1>> <EMAIL_2> <EMAIL_1 <> < EMAIL_1> <email_1>", mapping),
            "<a@x.es> <EMAIL_2> <EMAIL_1 <> < EMAIL_1> <email_1>");
  EXPECT_EQ(restore("", mapping), "");
  EXPECT_EQ(restore("sin marcadores", session_mapping{}), "sin marcadores");
  // A placeholder split in two pieces is only restored once the pieces are joined.
  EXPECT_EQ(restore("<EMA", mapping) + restore("IL_1>", mapping), "<EMAIL_1>");
  EXPECT_EQ(restore("<EMAIL_1>", mapping), "a@x.es");
}

TEST(PiiAnonymizer, BadMatchesAreSkippedNotTrusted) {
  session_mapping mapping;
  const std::string text = "abcdef";
  const std::vector<pii_match> matches = {
      {pii_kind::email, 1, 3}, {pii_kind::email, 2, 4}, {pii_kind::phone, 4, 4}, {pii_kind::dni, 5, 99}};
  const anonymize_result r = anonymize(text, matches, mapping);
  EXPECT_EQ(r.anonymized_text, "a<EMAIL_1>def");
  EXPECT_EQ(r.skipped_matches, 3u);
}

TEST(PiiSessionMapping, PlaceholdersParseAndFormat) {
  EXPECT_EQ(make_placeholder("CREDIT_CARD", 12), "<CREDIT_CARD_12>");
  const auto parts = parse_placeholder("<CREDIT_CARD_12>");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->type, "CREDIT_CARD");
  EXPECT_EQ(parts->number, 12u);
  for (const char* bad : {"", "<>", "<EMAIL>", "<EMAIL_>", "<EMAIL_0>", "<EMAIL_01>", "EMAIL_1", "<email_1>", "<_1>",
                          "<EMAIL_1x>", "<EMAIL_1234567890123456789>"})
    EXPECT_FALSE(parse_placeholder(bad).has_value()) << bad;
  EXPECT_EQ(parse_placeholder_type("IP_ADDRESS"), pii_kind::ip_address);
  EXPECT_FALSE(parse_placeholder_type("PERSON").has_value());
  for (pii_kind kind : kinds_by_priority) EXPECT_EQ(parse_placeholder_type(placeholder_type(kind)), kind);
}

TEST(PiiSessionMapping, ReloadFromStoredPairsContinuesNumbering) {
  session_mapping live;
  std::vector<std::pair<std::string, std::string>> stored;
  for (const char* text : {"a@x.es y 612345678", "b@x.es, c@x.es y 12345678Z"}) {
    const anonymize_result r = run(text, live);
    stored.insert(stored.end(), r.new_entries.begin(), r.new_entries.end());
  }
  // What Redis hands back after a restart, plus an entry of a type this backend never makes.
  stored.emplace_back("<PERSON_4>", "Ana");
  stored.emplace_back("not a placeholder", "x");
  mapping_load_result loaded = session_mapping_from_entries(stored);
  EXPECT_EQ(loaded.malformed, 1u);
  EXPECT_EQ(loaded.mapping.placeholder_to_original, [&] {
    auto expected = live.placeholder_to_original;
    expected.emplace("<PERSON_4>", "Ana");
    expected.emplace("not a placeholder", "x");
    return expected;
  }());
  const std::string next = "d@x.es, a@x.es, 712345678, 612345678, 87654321X";
  const anonymize_result after_reload = run(next, loaded.mapping);
  const anonymize_result without_reload = run(next, live);
  EXPECT_EQ(after_reload.anonymized_text, "<EMAIL_4>, <EMAIL_1>, <PHONE_2>, <PHONE_1>, <DNI_2>");
  EXPECT_EQ(after_reload.anonymized_text, without_reload.anonymized_text);
  EXPECT_EQ(restore("<PERSON_4> y <EMAIL_3>", loaded.mapping), "Ana y c@x.es");
}

TEST(PiiSessionMapping, DuplicateStoredValuesKeepTheLowestNumber) {
  mapping_load_result loaded =
      session_mapping_from_entries({{"<EMAIL_5>", "a@x.es"}, {"<EMAIL_2>", "a@x.es"}, {"<EMAIL_9>", "z@x.es"}});
  EXPECT_EQ(loaded.malformed, 0u);
  const anonymize_result r = run("a@x.es b@x.es", loaded.mapping);
  EXPECT_EQ(r.anonymized_text, "<EMAIL_2> <EMAIL_10>");
}

}  // namespace
}  // namespace shield::backend
