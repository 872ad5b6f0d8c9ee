// The library's checksum code against the independent re-checks, and both against published
// example numbers (so neither can be wrong in the same way).
#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/checksums.hpp"
#include "support/payloads/rng.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>

namespace shield::payloads {
namespace {

using testing::iban_remainder_whole;
using testing::id_letter_by_division;
using testing::ipv4_by_split;
using testing::luhn_by_table;

// Widely published examples (payment-network test cards, ISO 13616 and national bank samples).
constexpr std::array<std::string_view, 5> published_cards = {"79927398713", "4111111111111111", "378282246310005",
                                                             "5555555555554444", "4012888888881881"};
constexpr std::array<std::string_view, 5> published_ibans = {"GB82WEST12345698765432", "DE89370400440532013000",
                                                             "ES9121000418450200051332", "NL91ABNA0417164300",
                                                             "FR1420041010050500013M02606"};

TEST(PayloadChecksums, OraclesAgreeWithPublishedExamples) {
  for (std::string_view card : published_cards) {
    EXPECT_TRUE(luhn_by_table(card)) << card;
    EXPECT_TRUE(luhn_valid(card)) << card;
  }
  EXPECT_FALSE(luhn_by_table("79927398710"));
  EXPECT_FALSE(luhn_valid("79927398710"));
  for (std::string_view iban : published_ibans) {
    EXPECT_EQ(iban_remainder_whole(iban), 1) << iban;
    EXPECT_EQ(iban_mod97(iban), 1) << iban;
    EXPECT_TRUE(iban_valid(iban)) << iban;
  }
  EXPECT_NE(iban_remainder_whole("GB82WEST12345698765431"), 1);
  EXPECT_FALSE(iban_valid("GB82WEST12345698765431"));
  // The DNI example used on the Spanish interior ministry's page.
  EXPECT_EQ(id_letter_by_division("12345678"), 'Z');
  EXPECT_TRUE(dni_valid("12345678Z"));
  EXPECT_FALSE(dni_valid("12345678A"));
}

TEST(PayloadChecksums, LuhnMatchesTheTableOracleOnRandomNumbers) {
  rng r(101);
  int valid = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string number;
    const std::int64_t length = r.between(2, 19);
    for (std::int64_t k = 0; k < length; ++k) number += r.digit();
    ASSERT_EQ(luhn_valid(number), luhn_by_table(number)) << number;
    valid += luhn_valid(number) ? 1 : 0;
    const std::string payload = number.substr(1);
    const std::string completed = payload + luhn_check_digit(payload);
    ASSERT_TRUE(luhn_by_table(completed)) << completed;
  }
  // About one in ten random numbers passes.
  EXPECT_GT(valid, 350);
  EXPECT_LT(valid, 650);
}

TEST(PayloadChecksums, LuhnSeparatorsAndJunk) {
  EXPECT_TRUE(luhn_valid("4111 1111 1111 1111"));
  EXPECT_TRUE(luhn_valid("4111-1111-1111-1111"));
  EXPECT_FALSE(luhn_valid("4111x1111 1111 1111"));
  EXPECT_FALSE(luhn_valid("0"));
  EXPECT_FALSE(luhn_valid(""));
  EXPECT_EQ(luhn_check_digit("12a"), '\0');
}

TEST(PayloadChecksums, Mod97MatchesTheWholeStringOracle) {
  rng r(202);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    s += r.upper_letter();
    s += r.upper_letter();
    s += r.digit();
    s += r.digit();
    const std::int64_t length = r.between(11, 30);
    for (std::int64_t k = 0; k < length; ++k) s += r.chance(1, 4) ? r.upper_letter() : r.digit();
    ASSERT_EQ(iban_mod97(s), iban_remainder_whole(s)) << s;
  }
  EXPECT_EQ(iban_mod97("ES91"), -1);
  EXPECT_EQ(iban_mod97("ES91 2100"), -1);
}

TEST(PayloadChecksums, CheckDigitsMakeTheOracleSayOne) {
  rng r(303);
  for (int i = 0; i < 2000; ++i) {
    std::string bban;
    for (int k = 0; k < 20; ++k) bban += r.chance(1, 5) ? r.upper_letter() : r.digit();
    const std::string check = iban_check_digits("ES", bban);
    ASSERT_EQ(check.size(), 2U);
    const int value = std::stoi(check);
    ASSERT_GE(value, 2);
    ASSERT_LE(value, 98);
    ASSERT_EQ(iban_remainder_whole("ES" + check + bban), 1) << bban;
  }
  EXPECT_EQ(iban_check_digits("es", "123456789012"), "");
  EXPECT_EQ(iban_check_digits("ES", "12345678901a"), "");
}

TEST(PayloadChecksums, IbanStructureRules) {
  EXPECT_TRUE(iban_valid("ES91 2100 0418 4502 0005 1332"));
  EXPECT_FALSE(iban_valid("ES91  2100 0418 4502 0005 1332"));
  EXPECT_FALSE(iban_valid(" ES9121000418450200051332"));
  // Right remainder but wrong registered length for Spain.
  const std::string bban = "21000418450200051";
  const std::string short_es = "ES" + iban_check_digits("ES", bban) + bban;
  EXPECT_EQ(iban_remainder_whole(short_es), 1);
  EXPECT_FALSE(iban_valid(short_es));
  EXPECT_EQ(iban_length("ES"), 24U);
  EXPECT_EQ(iban_length("ZZ"), 0U);
}

TEST(PayloadChecksums, ControlLetterMatchesLongDivision) {
  rng r(404);
  for (int i = 0; i < 5000; ++i) {
    const std::uint32_t n = static_cast<std::uint32_t>(r.below(100000000));
    std::string digits = std::to_string(n);
    digits.insert(0, 8 - digits.size(), '0');
    ASSERT_EQ(id_control_letter(n), id_letter_by_division(digits)) << digits;
    ASSERT_TRUE(dni_valid(digits + id_letter_by_division(digits)));
  }
  // NIE: X/Y/Z stand for 0/1/2 in front of the seven digits.
  for (char prefix : std::string_view("XYZ")) {
    const std::string number = std::string(1, static_cast<char>('0' + (prefix - 'X'))) + "1234567";
    const std::string nie = std::string(1, prefix) + "1234567" + id_letter_by_division(number);
    EXPECT_TRUE(nie_valid(nie)) << nie;
  }
  EXPECT_FALSE(nie_valid("A1234567L"));
  EXPECT_FALSE(dni_valid("1234567Z"));
}

TEST(PayloadChecksums, Ipv4MatchesTheSplitOracle) {
  rng r(505);
  constexpr std::string_view alphabet = "0123456789..";
  int valid = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const std::int64_t length = r.between(1, 16);
    for (std::int64_t k = 0; k < length; ++k) s += alphabet[static_cast<std::size_t>(r.below(alphabet.size()))];
    ASSERT_EQ(ipv4_valid(s), ipv4_by_split(s)) << s;
    valid += ipv4_valid(s) ? 1 : 0;
  }
  EXPECT_GT(valid, 0);
  for (std::string_view bad : {"256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4."})
    EXPECT_FALSE(ipv4_valid(bad)) << bad;
  EXPECT_TRUE(ipv4_valid("255.0.10.199"));
}

}  // namespace
}  // namespace shield::payloads
