// The result type: value or failure, and value() throwing with the message and code.

#include "support/base/result.hpp"

#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <cerrno>
#include <sstream>
#include <stdexcept>
#include <string>

namespace shield::base {
namespace {

result<int> parse_small(std::string_view text) {
  if (text == "7") return 7;
  return fail("'" + std::string(text) + "': expected 7");
}

TEST(BaseResult, HoldsValueOrFailure) {
  const auto good = parse_small("7");
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 7);
  const auto bad = parse_small("x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "'x': expected 7");
  EXPECT_FALSE(bad.error().code);
}

TEST(BaseResult, StringValueAndFailureDoNotMix) {
  result<std::string> text = std::string("value");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "value");
  text = fail("why");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message, "why");
}

TEST(BaseResult, ValueThrowsRuntimeErrorWithTheMessage) {
  const auto bad = parse_small("x");
  try {
    (void)bad.value();
    FAIL() << "value() of a failure must throw";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "'x': expected 7");
  }
}

TEST(BaseResult, ValueThrowsSystemErrorWhenThereIsACode) {
  const result<void> bad = fail("cannot open f", {ENOENT, boost::system::system_category()});
  try {
    bad.value();
    FAIL() << "value() of a failure must throw";
  } catch (const boost::system::system_error& e) {
    EXPECT_EQ(e.code().value(), ENOENT);
    EXPECT_NE(std::string(e.what()).find("cannot open f"), std::string::npos) << e.what();
  }
}

TEST(BaseResult, FailurePrintsItsMessage) {
  std::ostringstream out;
  out << fail("bad flag");
  EXPECT_EQ(out.str(), "bad flag");
}

}  // namespace
}  // namespace shield::base
