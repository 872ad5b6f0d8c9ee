// ASCII text helpers: trimming, case folding, digit test.

#include "support/base/text.hpp"

#include <gtest/gtest.h>

#include <clocale>

namespace shield::base {
namespace {

TEST(BaseText, TrimRemovesBlanksAtBothEndsOnly) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim("a"), "a");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\r\n "), "");
}

TEST(BaseText, TrimWithOwnBlanksKeepsOthers) {
  EXPECT_EQ(trim(" \tx\r", " \t"), "x\r");
  EXPECT_EQ(trim("--x--", "-"), "x");
}

TEST(BaseText, IsBlank) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \n\t\r"));
  EXPECT_FALSE(is_blank(" x "));
  EXPECT_FALSE(is_blank("\r", " \t"));
}

TEST(BaseText, ToLowerFoldsAsciiLettersOnly) {
  EXPECT_EQ(to_lower("GAUGE Counter_1-Z"), "gauge counter_1-z");
  EXPECT_EQ(to_lower('Q'), 'q');
  EXPECT_EQ(to_lower('@'), '@');  // the byte before 'A'
  EXPECT_EQ(to_lower('['), '[');  // the byte after 'Z'
  EXPECT_EQ(to_lower("\xC3\x89"), "\xC3\x89") << "UTF-8 bytes are left alone";
}

TEST(BaseText, IequalsIgnoresAsciiCaseOnly) {
  EXPECT_TRUE(iequals("Content-Type", "content-type"));
  EXPECT_TRUE(iequals("", ""));
  EXPECT_FALSE(iequals("content-type", "content-typ"));
  EXPECT_FALSE(iequals("a", "b"));
  EXPECT_FALSE(iequals("@", "`")) << "not folded: only letters differ by 0x20";
}

TEST(BaseText, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);  // two substitutions, one insertion
  EXPECT_EQ(edit_distance("sitting", "kitten"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("--counter", "--counter"), 0u);
  EXPECT_EQ(edit_distance("ab", "ba"), 2u) << "a transposition is two edits";
  EXPECT_EQ(edit_distance("max_rps_drop", "max_rps_drp"), 1u);
  EXPECT_EQ(edit_distance("Concurrency", "concurrency"), 1u) << "bytes, not case-folded";
}

TEST(BaseText, IsDigitIsAsciiDigitsOnly) {
  for (char c = '0'; c <= '9'; ++c) EXPECT_TRUE(is_digit(c)) << c;
  EXPECT_FALSE(is_digit('/'));
  EXPECT_FALSE(is_digit(':'));
  EXPECT_FALSE(is_digit('\xB2')) << "superscript two in Latin-1";
}

}  // namespace
}  // namespace shield::base
