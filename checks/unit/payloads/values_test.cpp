// Every generated value is valid under the independent re-checks and has the promised format;
// every invalid variant fails them.
#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/checksums.hpp"
#include "support/payloads/name_lists.hpp"
#include "support/payloads/value_formats.hpp"
#include "support/payloads/value_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>

namespace shield::payloads {
namespace {

using testing::independently_valid;
using testing::strip_separators;

constexpr int rounds = 300;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// True when `s` matches `shape`, where 'd' is any digit and every other character is literal.
bool matches(std::string_view s, std::string_view shape) {
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i]) return false;
  }
  return true;
}

TEST(PayloadValues, PhonesHaveTheirFormats) {
  value_generator gen(1);
  std::map<std::string, int> foreign_prefixes;
  for (int i = 0; i < rounds; ++i) {
    const std::string spaced = gen.phone(phone_format::spanish_spaced);
    const std::string compact = gen.phone(phone_format::spanish_compact);
    const std::string intl = gen.phone(phone_format::spanish_international);
    const std::string foreign = gen.phone(phone_format::foreign_international);
    EXPECT_TRUE(matches(spaced, "6dd ddd ddd")) << spaced;
    EXPECT_TRUE(matches(compact, "6dddddddd")) << compact;
    EXPECT_TRUE(matches(intl, "+34 6dddddddd")) << intl;
    const bool uk = matches(foreign, "+44 20 7ddd dddd");
    const bool fr = matches(foreign, "+33 1 dd dd dd dd");
    const bool de = matches(foreign, "+49 30 dddddddd");
    EXPECT_TRUE(uk || fr || de) << foreign;
    ++foreign_prefixes[foreign.substr(0, 3)];
    for (const std::string& p : {spaced, compact, intl, foreign})
      EXPECT_TRUE(independently_valid(pii_kind::phone, p)) << p;
  }
  EXPECT_EQ(foreign_prefixes.size(), 3U);
}

TEST(PayloadValues, CardsAreLuhnValidWithBrandPrefixAndLength) {
  value_generator gen(2);
  for (int i = 0; i < rounds; ++i) {
    for (card_format format : {card_format::compact, card_format::spaced, card_format::dashed}) {
      const std::string visa = gen.card(card_brand::visa, format);
      const std::string master = gen.card(card_brand::mastercard, format);
      const std::string amex = gen.card(card_brand::amex, format);
      for (const std::string& card : {visa, master, amex}) {
        EXPECT_TRUE(independently_valid(pii_kind::credit_card, card)) << card;
        EXPECT_TRUE(luhn_valid(card)) << card;
        const bool has_space = card.find(' ') != std::string::npos;
        const bool has_dash = card.find('-') != std::string::npos;
        EXPECT_EQ(has_space, format == card_format::spaced) << card;
        EXPECT_EQ(has_dash, format == card_format::dashed) << card;
      }
      const std::string v = strip_separators(visa);
      const std::string m = strip_separators(master);
      const std::string a = strip_separators(amex);
      EXPECT_EQ(v.size(), 16U);
      EXPECT_EQ(v[0], '4');
      EXPECT_EQ(m.size(), 16U);
      const int m2 = std::stoi(m.substr(0, 2));
      const int m4 = std::stoi(m.substr(0, 4));
      EXPECT_TRUE((m2 >= 51 && m2 <= 55) || (m4 >= 2221 && m4 <= 2720)) << m;
      EXPECT_EQ(a.size(), 15U);
      EXPECT_TRUE(a.rfind("34", 0) == 0 || a.rfind("37", 0) == 0) << a;
      if (format == card_format::spaced) {
        EXPECT_TRUE(matches(visa, "dddd dddd dddd dddd")) << visa;
        EXPECT_TRUE(matches(amex, "dddd dddddd ddddd")) << amex;
      }
      if (format == card_format::dashed) {
        EXPECT_TRUE(matches(master, "dddd-dddd-dddd-dddd")) << master;
      }
    }
  }
}

TEST(PayloadValues, IbansAreMod97ValidWithCountryLengthAndGrouping) {
  // Registered lengths (ISO 13616 registry), listed here independently of the library.
  const std::map<std::string, std::size_t> lengths = {{"ES", 24}, {"DE", 22}, {"FR", 27}, {"GB", 22},
                                                      {"IT", 27}, {"NL", 18}, {"PT", 25}};
  value_generator gen(3);
  ASSERT_EQ(iban_countries().size(), lengths.size());
  for (std::string_view country : iban_countries()) {
    ASSERT_EQ(lengths.count(std::string(country)), 1U) << country;
    for (int i = 0; i < rounds / 3; ++i) {
      const std::string compact = gen.iban(country, false);
      const std::string grouped = gen.iban(country, true);
      EXPECT_EQ(compact.size(), lengths.at(std::string(country))) << compact;
      EXPECT_EQ(compact.substr(0, 2), country);
      EXPECT_EQ(compact.find(' '), std::string::npos);
      EXPECT_TRUE(independently_valid(pii_kind::iban, compact)) << compact;
      EXPECT_TRUE(independently_valid(pii_kind::iban, grouped)) << grouped;
      EXPECT_TRUE(iban_valid(grouped)) << grouped;
      // Groups of four separated by single spaces; only the last may be shorter.
      for (std::size_t k = 0; k < grouped.size(); ++k) EXPECT_EQ(grouped[k] == ' ', k % 5 == 4) << grouped;
    }
  }
  EXPECT_EQ(gen.iban("XX", true), "");
  rng r(3);
  EXPECT_EQ(make_iban(r, "XX", false), "");
}

TEST(PayloadValues, IdsAndAddressesAreValid) {
  value_generator gen(4);
  for (int i = 0; i < rounds; ++i) {
    const std::string dni = gen.dni();
    const std::string nie = gen.nie();
    const std::string ip = gen.ipv4();
    EXPECT_TRUE(independently_valid(pii_kind::dni, dni)) << dni;
    EXPECT_TRUE(independently_valid(pii_kind::nie, nie)) << nie;
    EXPECT_TRUE(independently_valid(pii_kind::ip_address, ip)) << ip;
    EXPECT_TRUE(dni_valid(dni) && nie_valid(nie) && ipv4_valid(ip));
    const int first = std::stoi(ip.substr(0, ip.find('.')));
    EXPECT_TRUE(first >= 1 && first <= 223 && first != 127) << ip;
  }
}

TEST(PayloadValues, EmailsAndNamesLookReal) {
  value_generator gen(5);
  for (int i = 0; i < rounds; ++i) {
    const std::string email = gen.email();
    EXPECT_TRUE(independently_valid(pii_kind::email, email)) << email;
    const std::string es = gen.name(language::spanish);
    const std::string en = gen.name(language::english);
    int es_spaces = 0;
    for (char c : es) es_spaces += c == ' ' ? 1 : 0;
    EXPECT_EQ(es_spaces, 2) << es;  // first name and two surnames
    const std::size_t first_space = en.find(' ');
    ASSERT_NE(first_space, std::string::npos) << en;
    const std::string rest = en.substr(first_space + 1);
    // "Oliver Smith" or "Oliver J. Smith".
    const bool plain = rest.find(' ') == std::string::npos;
    const bool initial = rest.size() > 3 && rest[0] >= 'A' && rest[0] <= 'Z' && rest[1] == '.' && rest[2] == ' ';
    EXPECT_TRUE(plain || initial) << en;
  }
  EXPECT_EQ(ascii_handle("Muñoz"), "munoz");
  EXPECT_EQ(ascii_handle("Álvaro Núñez"), "alvaronunez");
}

TEST(PayloadValues, InvalidVariantsFailTheirChecks) {
  rng r(6);
  for (int i = 0; i < rounds; ++i) {
    for (card_brand brand : {card_brand::visa, card_brand::mastercard, card_brand::amex}) {
      const std::string card = make_luhn_invalid_card(r, brand, card_format::spaced);
      const std::string digits = strip_separators(card);
      EXPECT_EQ(digits.size(), brand == card_brand::amex ? 15U : 16U) << card;
      EXPECT_FALSE(testing::luhn_by_table(digits)) << card;
      EXPECT_FALSE(luhn_valid(card)) << card;
    }
    const std::string dni = make_dni_wrong_letter(r);
    EXPECT_TRUE(all_digits(dni.substr(0, 8)) && dni.size() == 9) << dni;
    EXPECT_FALSE(independently_valid(pii_kind::dni, dni)) << dni;
    const std::string nie = make_nie_wrong_letter(r);
    EXPECT_EQ(nie.size(), 9U);
    EXPECT_FALSE(independently_valid(pii_kind::nie, nie)) << nie;
    for (std::string_view country : iban_countries()) {
      const std::string iban = make_iban_bad_check(r, country, false);
      EXPECT_EQ(iban.size(), iban_length(country)) << iban;
      EXPECT_NE(testing::iban_remainder_whole(iban), 1) << iban;
      EXPECT_FALSE(iban_valid(iban)) << iban;
    }
    const std::string ip = make_ipv4_out_of_range(r);
    EXPECT_FALSE(testing::ipv4_by_split(ip)) << ip;
    int too_big = 0;
    std::size_t start = 0;
    for (std::size_t k = 0; k <= ip.size(); ++k) {
      if (k == ip.size() || ip[k] == '.') {
        too_big += std::stoi(ip.substr(start, k - start)) > 255 ? 1 : 0;
        start = k + 1;
      }
    }
    EXPECT_EQ(too_big, 1) << ip;
  }
}

TEST(PayloadValues, GeneratorInvalidValueCoversCheckedKinds) {
  value_generator gen(7);
  for (int i = 0; i < rounds; ++i) {
    for (pii_kind kind : {pii_kind::credit_card, pii_kind::iban, pii_kind::ip_address, pii_kind::dni, pii_kind::nie}) {
      const std::string bad = gen.invalid_value(kind);
      ASSERT_FALSE(bad.empty()) << to_string(kind);
      if (kind == pii_kind::iban) {
        EXPECT_EQ(bad.find(' '), std::string::npos) << bad;
      }
      EXPECT_FALSE(independently_valid(kind, bad)) << bad;
    }
  }
  EXPECT_EQ(gen.invalid_value(pii_kind::email), "");
  EXPECT_EQ(gen.invalid_value(pii_kind::phone), "");
  EXPECT_EQ(gen.invalid_value(pii_kind::name), "");
}

TEST(PayloadValues, ValueOfEveryKindIsValidInBothLanguages) {
  value_generator gen(8);
  int es_iban = 0;
  for (int i = 0; i < rounds; ++i) {
    for (language lang : {language::spanish, language::english}) {
      for (pii_kind kind : all_pii_kinds) {
        const std::string v = gen.value(kind, lang);
        EXPECT_TRUE(independently_valid(kind, v)) << to_string(kind) << ": " << v;
        if (kind == pii_kind::iban && lang == language::spanish) es_iban += v.rfind("ES", 0) == 0 ? 1 : 0;
      }
    }
  }
  // Spanish text favours Spanish accounts (2/3 directly, plus the random-country share).
  EXPECT_GT(es_iban, rounds / 2);
  EXPECT_EQ(gen.exhausted(), 0U);
}

TEST(PayloadValues, DedupKeyNormalizesFormats) {
  EXPECT_EQ(dedup_key(pii_kind::phone, "612 345 678"), dedup_key(pii_kind::phone, "+34 612345678"));
  EXPECT_EQ(dedup_key(pii_kind::credit_card, "4111 1111 1111 1111"),
            dedup_key(pii_kind::credit_card, "4111-1111-1111-1111"));
  EXPECT_EQ(dedup_key(pii_kind::iban, "ES91 2100 0418 4502 0005 1332"),
            dedup_key(pii_kind::iban, "ES9121000418450200051332"));
  EXPECT_EQ(dedup_key(pii_kind::email, "Ana@Example.com"), dedup_key(pii_kind::email, "ana@example.com"));
  EXPECT_NE(dedup_key(pii_kind::dni, "12345678Z"), dedup_key(pii_kind::nie, "12345678Z"));
}

}  // namespace
}  // namespace shield::payloads
