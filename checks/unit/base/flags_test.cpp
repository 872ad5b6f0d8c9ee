// The one flag module: values and switches taken out of the argument list, the same failures for a
// repeated flag, a missing value, a malformed switch and an unknown flag, and the number parsers.

#include "support/base/flags.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shield::base {
namespace {

TEST(BaseFlags, TakesValuesAndSwitchesAndLeavesTheRest) {
  std::vector<std::string> args{"--a=1", "--b", "two", "--on", "--off=false", "pos", "--other=x"};
  flag_reader flags(args);
  EXPECT_EQ(flags.value("a"), "1");
  EXPECT_EQ(flags.value("b"), "two");
  EXPECT_EQ(flags.value("missing"), std::nullopt);
  EXPECT_EQ(flags.toggle("on"), true);
  EXPECT_EQ(flags.toggle("off"), false);
  EXPECT_TRUE(flags.finish());
  EXPECT_EQ(args, (std::vector<std::string>{"pos", "--other=x"}));
}

TEST(BaseFlags, RepeatedMissingAndMalformedFailNamingTheFlag) {
  std::vector<std::string> twice{"--a=1", "--a", "2"};
  flag_reader t(twice);
  EXPECT_EQ(t.value("a"), std::nullopt);
  EXPECT_EQ(t.finish().error().message, "--a is given twice");

  std::vector<std::string> missing{"--a"};
  flag_reader m(missing);
  m.value("a");
  EXPECT_EQ(m.finish().error().message, "--a needs a value");

  std::vector<std::string> bad{"--on=maybe"};
  flag_reader b(bad);
  b.toggle("on");
  EXPECT_EQ(b.finish().error().message, "--on=maybe: expected true or false");

  std::vector<std::string> switch_twice{"--on", "--on=1"};
  flag_reader s(switch_twice);
  s.toggle("on");
  EXPECT_EQ(s.finish().error().message, "--on is given twice");
}

TEST(BaseFlags, KeepsTheFirstFailure) {
  std::vector<std::string> args{"--a", "--b=1", "--b=2"};
  flag_reader flags(args);
  flags.value("b");
  flags.value("a");
  EXPECT_EQ(flags.finish().error().message, "--b is given twice");
}

TEST(BaseFlags, HelpPeekAndUnknown) {
  std::vector<std::string> args{"-h", "--benchmark_list_tests", "--benchmark_out=o.json"};
  flag_reader flags(args);
  EXPECT_TRUE(flags.help());
  EXPECT_FALSE(flags.help());
  EXPECT_TRUE(has_switch(args, "benchmark_list_tests"));
  EXPECT_FALSE(has_switch({"--x=false"}, "x"));
  EXPECT_EQ(peek_value(args, "benchmark_out"), "o.json");
  EXPECT_EQ(peek_value(args, "benchmark_format"), "");
  EXPECT_EQ(reject_unknown(args).error().message, "unknown flag --benchmark_list_tests");
  EXPECT_TRUE(reject_unknown({"file.json", "-"}));
}

TEST(BaseFlags, NumberParsers) {
  EXPECT_EQ(parse_whole("42", 1, 100), 42u);
  EXPECT_EQ(parse_whole("0", 1, 100), std::nullopt);
  EXPECT_EQ(parse_whole("101", 1, 100), std::nullopt);
  EXPECT_EQ(parse_whole("4x", 1, 100), std::nullopt);
  EXPECT_EQ(parse_whole("", 0, 100), std::nullopt);
  EXPECT_EQ(parse_positive("2.5", 10), 2.5);
  EXPECT_EQ(parse_positive("0", 10), std::nullopt);
  EXPECT_EQ(parse_positive("11", 10), std::nullopt);
  EXPECT_EQ(parse_positive("nan", 10), std::nullopt);
  EXPECT_EQ(parse_positive("1s", 10), std::nullopt);
}

}  // namespace
}  // namespace shield::base
