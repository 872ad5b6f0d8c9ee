// Check-digit functions against published values and independently generated ones.
#include <gtest/gtest.h>

#include <random>

#include "fixtures/reference_backend/pii/pii_checksums.hpp"
#include "checks/unit/pii/pii_test_values.hpp"

namespace shield::backend {
namespace {

using namespace shield::backend::testing;

constexpr int generated_per_rule = 300;

TEST(PiiChecksums, LuhnAcceptsPublishedTestCards) {
  for (const char* card : {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
                           "3530111333300000", "4222222222222", "79927398713"}) {
    EXPECT_TRUE(luhn_valid(card)) << card;
    EXPECT_TRUE(test_luhn_ok(card)) << card;
  }
}

TEST(PiiChecksums, LuhnRejectsEmptyAndNonDigits) {
  EXPECT_FALSE(luhn_valid(""));
  EXPECT_FALSE(luhn_valid("4111 1111 1111 1111"));
  EXPECT_FALSE(luhn_valid("411111111111111a"));
  EXPECT_EQ(luhn_check_digit("41111a"), '\0');
}

TEST(PiiChecksums, LuhnAgreesWithIndependentGeneratorAndCatchesEveryOneDigitChange) {
  std::mt19937_64 rng(1234);
  for (int i = 0; i < generated_per_rule; ++i) {
    std::string card = random_card(rng, 13 + static_cast<std::size_t>(i % 7));
    ASSERT_FALSE(card.empty());
    EXPECT_TRUE(luhn_valid(card)) << card;
    EXPECT_EQ(luhn_check_digit(std::string_view(card).substr(0, card.size() - 1)), card.back()) << card;
    std::string bad = mutate_one_digit(rng, card);
    EXPECT_FALSE(test_luhn_ok(bad)) << bad;
    EXPECT_FALSE(luhn_valid(bad)) << card << " -> " << bad;
  }
}

TEST(PiiChecksums, IbanAcceptsPublishedExamples) {
  for (const char* iban : {"ES9121000418450200051332", "GB82WEST12345698765432", "DE89370400440532013000",
                           "FR1420041010050500013M02606", "NL91ABNA0417164300", "BE68539007547034",
                           "IT60X0542811101000000123456", "NO9386011117947", "CH9300762011623852957"}) {
    EXPECT_EQ(test_iban_remainder(iban), 1) << iban;
    EXPECT_TRUE(iban_valid(iban)) << iban;
  }
}

TEST(PiiChecksums, IbanRejectsWrongLengthUnknownCountryAndBadCharacters) {
  EXPECT_FALSE(iban_valid("ES912100041845020005133"));    // one short
  EXPECT_FALSE(iban_valid("ES91210004184502000513320"));  // one long
  std::string unknown = make_iban("QQ", "21000418450200051332");
  ASSERT_EQ(test_iban_remainder(unknown), 1);
  EXPECT_FALSE(iban_valid(unknown)) << "QQ is no IBAN country";
  EXPECT_FALSE(iban_valid("ES91210004184502000513 2"));
  EXPECT_FALSE(iban_valid("es9121000418450200051332"));
  // Check digits 98 and 01 leave the same remainder, but only 02..98 are ever issued.
  const std::string legal = make_iban("ES", "12345678901234567890");
  ASSERT_EQ(legal.substr(0, 4), "ES98");
  std::string alias = legal;
  alias.replace(2, 2, "01");
  EXPECT_EQ(test_iban_remainder(alias), 1);
  EXPECT_TRUE(iban_valid(legal));
  EXPECT_FALSE(iban_valid(alias)) << alias;
  EXPECT_EQ(iban_length("ES"), 24u);
  EXPECT_EQ(iban_length("GB"), 22u);
  EXPECT_EQ(iban_length("QQ"), 0u);
}

TEST(PiiChecksums, IbanCheckDigitsMatchIndependentGeneratorAndCatchOneDigitChanges) {
  std::mt19937_64 rng(99);
  EXPECT_EQ(iban_check_digits("ES", "21000418450200051332"), "91");
  EXPECT_EQ(iban_check_digits("GB", "WEST12345698765432"), "82");
  EXPECT_TRUE(iban_check_digits("es", "2100").empty());
  for (int i = 0; i < generated_per_rule; ++i) {
    std::string iban = random_spanish_iban(rng);
    ASSERT_EQ(iban.size(), 24u);
    EXPECT_TRUE(iban_valid(iban)) << iban;
    EXPECT_EQ(iban_check_digits("ES", std::string_view(iban).substr(4)), iban.substr(2, 2));
    std::string bad = mutate_one_digit(rng, iban);
    EXPECT_NE(test_iban_remainder(bad), 1) << bad;
    EXPECT_FALSE(iban_valid(bad)) << iban << " -> " << bad;
  }
}

TEST(PiiChecksums, DniAndNieLettersFollowTheMod23Table) {
  EXPECT_TRUE(dni_valid("12345678Z"));
  EXPECT_TRUE(dni_valid("00000000T"));
  EXPECT_TRUE(nie_valid("X0000000T"));
  EXPECT_TRUE(nie_valid("Y0000000Z"));
  EXPECT_TRUE(nie_valid("Z0000000M"));
  EXPECT_FALSE(dni_valid("12345678A"));
  EXPECT_FALSE(dni_valid("12345678z"));  // callers uppercase first
  EXPECT_FALSE(dni_valid("1234567Z"));
  EXPECT_FALSE(nie_valid("W0000000T"));
  for (std::uint32_t n = 0; n < 23; ++n) EXPECT_EQ(dni_letter(n), test_id_letter(n));
}

TEST(PiiChecksums, GeneratedDniAndNieValidAndOneDigitChangesRejected) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < generated_per_rule; ++i) {
    std::string dni = random_dni(rng);
    std::string nie = random_nie(rng);
    EXPECT_TRUE(dni_valid(dni)) << dni;
    EXPECT_TRUE(nie_valid(nie)) << nie;
    EXPECT_FALSE(dni_valid(mutate_one_digit(rng, dni))) << dni;
    EXPECT_FALSE(nie_valid(mutate_one_digit(rng, nie))) << nie;
    // Every other letter is wrong.
    for (char c = 'A'; c <= 'Z'; ++c) {
      if (c == dni.back()) continue;
      std::string other = dni;
      other.back() = c;
      EXPECT_FALSE(dni_valid(other)) << other;
    }
  }
}

}  // namespace
}  // namespace shield::backend
