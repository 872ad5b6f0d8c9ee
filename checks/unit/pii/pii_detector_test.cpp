// Detection of every kind in context, at exact byte offsets, with checksums and boundaries.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "fixtures/reference_backend/pii/pii_checksums.hpp"
#include "fixtures/reference_backend/pii/pii_detector.hpp"
#include "checks/unit/pii/pii_test_values.hpp"

namespace shield::backend {
namespace {

using namespace shield::backend::testing;

const pii_detector& detector() {
  static const pii_detector instance;
  return instance;
}

struct sample {
  pii_kind kind;      // what the value is
  std::string value;  // as written in the text
};

}  // namespace

// Readable failure messages (gtest finds it by argument-dependent lookup).
void PrintTo(const pii_match& m, std::ostream* os) {
  *os << placeholder_type(m.kind) << "[" << m.begin << "," << m.end << ")";
}

namespace {

// Valid values of every kind in the formats people write; checksummed ones are generated.
std::vector<sample> valid_samples() {
  std::mt19937_64 rng(2024);
  const std::string es_iban = make_iban("ES", "21000418450200051332");
  const std::string gb_iban = make_iban("GB", "WEST12345698765432");
  const std::string card16 = random_card(rng, 16);
  const std::string amex = complete_luhn("37828224631000");
  const std::string dni = random_dni(rng);
  return {
      {pii_kind::email, "ana.garcia@example.com"},
      {pii_kind::email, "j_doe+tag@sub.mail.example.org"},
      {pii_kind::email, "x@y.es"},
      {pii_kind::phone, "612345678"},
      {pii_kind::phone, "712 345 678"},
      {pii_kind::phone, "812-345-678"},
      {pii_kind::phone, "612 34 56 78"},
      {pii_kind::phone, "91 123 45 67"},
      {pii_kind::phone, "+34 612 345 678"},
      {pii_kind::phone, "+34612345678"},
      {pii_kind::phone, "0034 612 345 678"},
      {pii_kind::phone, "(+34) 912 345 678"},
      {pii_kind::phone, "+1 (415) 555-2671"},
      {pii_kind::phone, "+44 20 7946 0958"},
      {pii_kind::phone, "+33 1 23 45 67 89"},
      {pii_kind::credit_card, "4111111111111111"},
      {pii_kind::credit_card, card16},
      {pii_kind::credit_card, group_by_four(card16)},
      {pii_kind::credit_card, group_by_four(card16, '-')},
      {pii_kind::credit_card, amex.substr(0, 4) + " " + amex.substr(4, 6) + " " + amex.substr(10)},
      {pii_kind::credit_card, random_card(rng, 13)},
      {pii_kind::credit_card, random_card(rng, 19)},
      {pii_kind::iban, es_iban},
      {pii_kind::iban, group_by_four(es_iban)},
      {pii_kind::iban, group_by_four(gb_iban)},
      {pii_kind::iban, "FR1420041010050500013M02606"},
      {pii_kind::iban, "NO9386011117947"},
      {pii_kind::ip_address, "192.168.1.100"},
      {pii_kind::ip_address, "10.0.0.1"},
      {pii_kind::ip_address, "255.255.255.255"},
      {pii_kind::ip_address, "0.0.0.0"},
      {pii_kind::dni, "12345678Z"},
      {pii_kind::dni, dni},
      {pii_kind::dni, "12345678-Z"},
      {pii_kind::dni, "12.345.678-Z"},
      {pii_kind::dni, "12345678z"},
      {pii_kind::nie, "X1234567L"},
      {pii_kind::nie, random_nie(rng)},
      {pii_kind::nie, "Y-0000000-Z"},
  };
}

// Text before and after a value: start, middle, end, punctuation, non-ASCII neighbours.
const std::vector<std::pair<std::string, std::string>> contexts = {
    {"", ""},
    {"", " al final del texto."},
    {"Mi dato es ", " y nada más."},
    {"Al final: ", ""},
    {"Dato: ", "."},
    {"«", "»"},
    {"ñandú ", " café"},
    {"→", "←"},
    {"(", ")"},
    {"\n", "\t"},
    {"dato:", ","},
    {"😀", "😀"},
    {"Teléfono/correo/cuenta «", "», gracias."},
};

TEST(PiiDetector, CompilesItsPatterns) {
  const auto usable = detector().usable();
  EXPECT_TRUE(usable) << usable.error();
}

TEST(PiiDetector, FindsEveryKindInEveryContextAtExactOffsets) {
  for (const sample& s : valid_samples()) {
    for (const auto& [before, after] : contexts) {
      const std::string text = before + s.value + after;
      const std::vector<pii_match> expected = {{s.kind, before.size(), before.size() + s.value.size()}};
      EXPECT_EQ(detector().find(text), expected) << "text: " << text;
    }
  }
}

TEST(PiiDetector, FindsAdjacentEntitiesOfEveryPairOfKinds) {
  const std::vector<sample> samples = valid_samples();
  for (const sample& a : samples) {
    for (const sample& b : samples) {
      for (const std::string sep : {", ", "; ", " / ", "·", " y "}) {
        const std::string text = a.value + sep + b.value;
        const std::size_t b_begin = a.value.size() + sep.size();
        const std::vector<pii_match> expected = {{a.kind, 0, a.value.size()},
                                                 {b.kind, b_begin, b_begin + b.value.size()}};
        EXPECT_EQ(detector().find(text), expected) << "text: " << text;
      }
    }
  }
}

TEST(PiiDetector, FindsManyEntitiesInOneTextInOrder) {
  std::string text;
  std::vector<pii_match> expected;
  for (const sample& s : valid_samples()) {
    text += "Dato nº " + std::to_string(expected.size()) + ": ";
    expected.push_back({s.kind, text.size(), text.size() + s.value.size()});
    text += s.value + ".\n";
  }
  EXPECT_EQ(detector().find(text), expected);
  std::vector<pii_match> reused = {{pii_kind::dni, 1, 2}};
  detector().find(text, reused);
  EXPECT_EQ(reused, expected) << "find(text, out) clears and refills out";
}

TEST(PiiDetector, GeneratedValuesFoundAndOneDigitMutationsRejected) {
  std::mt19937_64 rng(42);
  constexpr int rounds = 150;
  for (int i = 0; i < rounds; ++i) {
    const std::string card = random_card(rng, 13 + static_cast<std::size_t>(i % 7));
    const std::string iban = random_spanish_iban(rng);
    struct value_pair {
      pii_kind kind;
      std::string good;
      std::string bad;
    };
    std::vector<value_pair> pairs = {
        {pii_kind::credit_card, card, mutate_one_digit(rng, card, 1)},
        {pii_kind::iban, iban, mutate_one_digit(rng, iban)},
        {pii_kind::dni, random_dni(rng), {}},
        {pii_kind::nie, random_nie(rng), {}},
    };
    const std::string card16 = random_card(rng, 16);
    const std::string grouped = group_by_four(card16);
    pairs.push_back({pii_kind::credit_card, grouped, group_by_four(mutate_one_digit(rng, card16, 1))});
    pairs.push_back({pii_kind::iban, group_by_four(iban), group_by_four(pairs[1].bad)});
    pairs[2].bad = mutate_one_digit(rng, pairs[2].good);
    pairs[3].bad = mutate_one_digit(rng, pairs[3].good);
    for (const value_pair& p : pairs) {
      const std::string good_text = "valor " + p.good + " fin";
      const std::vector<pii_match> expected = {{p.kind, 6, 6 + p.good.size()}};
      EXPECT_EQ(detector().find(good_text), expected) << good_text;
      EXPECT_TRUE(detector().find("valor " + p.bad + " fin").empty()) << p.good << " -> " << p.bad;
    }
  }
}

TEST(PiiDetector, WrongDniAndNieLettersAreNotIds) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 40; ++i) {
    for (std::string id : {random_dni(rng), random_nie(rng)}) {
      const char right = id.back();
      for (char c = 'A'; c <= 'Z'; ++c) {
        id.back() = c;
        const std::string text = "documento " + id + ".";
        EXPECT_EQ(detector().find(text).size(), c == right ? 1u : 0u) << text;
      }
    }
  }
}

TEST(PiiDetector, NoMatchGluedToWordsOrLongerDigitRuns) {
  for (const sample& s : valid_samples()) {
    if (s.kind == pii_kind::email) continue;  // letters before an address are just a longer local part
    for (const auto& [before, after] : std::vector<std::pair<std::string, std::string>>{
             {"x", ""}, {"", "x"}, {"7", ""}, {"", "7"}, {"_", ""}, {"", "_"}, {"ab", "cd"}}) {
      if (s.value.front() == '+' && before == "7") continue;  // "7+34 ..." still has a phone after the '+'
      const std::string text = "texto " + before + s.value + after + " texto";
      const pii_match exact{s.kind, 6 + before.size(), 6 + before.size() + s.value.size()};
      for (const pii_match& m : detector().find(text)) EXPECT_NE(m, exact) << "text: " << text;
    }
  }
  // Runs that contain a valid value but are not one (computed to be no card themselves).
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100; ++i) {
    std::string run = random_card(rng, 16);
    std::string longer = run + "0";
    if (test_luhn_ok(longer)) longer.back() = '1';
    EXPECT_TRUE(detector().find("n " + longer + " n").empty()) << longer;
    EXPECT_TRUE(detector().find("n 5" + random_digits(rng, 9, "6789") + " n").empty());
    EXPECT_TRUE(detector().find("n " + random_digits(rng, 9, "6789") + "5 n").empty());
    EXPECT_TRUE(detector().find("ref" + random_digits(rng, 9, "6789")).empty());
  }
}

TEST(PiiDetector, GroupedNumbersGluedToMoreGroupsAreNotEntities) {
  const std::string card = group_by_four("4111111111111111");
  EXPECT_TRUE(detector().find("n " + card + " 1234 n").empty());
  EXPECT_TRUE(detector().find("n 1234 " + card + " n").empty());
  EXPECT_TRUE(detector().find("n 612 345 678 901 n").empty());
  EXPECT_TRUE(detector().find("n 12 612 345 678 n").empty());
  // A short number after the groups (an expiry date) does not extend them.
  EXPECT_EQ(detector().find(card + " 12/25"), (std::vector<pii_match>{{pii_kind::credit_card, 0, card.size()}}));
  EXPECT_EQ(detector().find("612 345 678 2 veces"), (std::vector<pii_match>{{pii_kind::phone, 0, 11}}));
}

TEST(PiiDetector, OverlapsResolvedByPriority) {
  // E-mail beats the phone, DNI and IBAN inside its local part.
  for (const std::string local : {"612345678", "12345678Z", "X1234567L", "ES9121000418450200051332"}) {
    const std::string text = "mail " + local + "@example.com ok";
    const std::vector<pii_match> expected = {{pii_kind::email, 5, text.size() - 3}};
    EXPECT_EQ(detector().find(text), expected) << text;
  }
  // An IBAN's digit groups are not a card, phone or DNI.
  const std::string iban = group_by_four(make_iban("ES", "66123456784111111111"));
  ASSERT_FALSE(iban.empty());
  EXPECT_EQ(detector().find(iban), (std::vector<pii_match>{{pii_kind::iban, 0, iban.size()}}));
  // A dotted quad is an IP, never pieces of a phone.
  EXPECT_EQ(detector().find("ip 212.166.64.1"), (std::vector<pii_match>{{pii_kind::ip_address, 3, 15}}));
  // A '+' turns digits into an international phone, not a card.
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20; ++i) {
    // Starting with 4 or 5 keeps "+34" (the Spanish plan) out of it.
    const std::string digits = complete_luhn(random_digits(rng, 12, "45"));
    const std::string text = "+" + digits;
    EXPECT_EQ(detector().find(text), (std::vector<pii_match>{{pii_kind::phone, 0, text.size()}})) << text;
  }
}

TEST(PiiDetector, EmptyAndPlainTextGiveNothing) {
  EXPECT_TRUE(detector().find("").empty());
  EXPECT_TRUE(detector().find("Hola, ¿qué tal estás? Todo bien por aquí.").empty());
  const char binary[] = "\0\xff\xfe binary \x80";
  EXPECT_TRUE(detector().find(std::string(binary, sizeof binary - 1)).empty());
}

TEST(PiiDetector, LargeAdversarialInputsFinish) {
  // Bounded patterns keep the scan linear; these shapes make the most candidates fail.
  const std::size_t size = 1 << 18;
  for (const std::string unit : {"1.", "1 ", "4111 1111 1111 1112 ", "12345678A ", "a@", "+3", "6-"}) {
    std::string text;
    while (text.size() < size) text += unit;
    EXPECT_TRUE(detector().find(text).empty()) << unit;
  }
  std::string ips;
  std::size_t count = 0;
  while (ips.size() < size) {
    ips += "10.0.0." + std::to_string(count % 256) + " ";
    ++count;
  }
  EXPECT_EQ(detector().find(ips).size(), count);
}

}  // namespace
}  // namespace shield::backend
