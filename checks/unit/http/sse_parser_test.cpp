#include "support/http/sse_parser.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace shield::http {
namespace {

struct parsed_event {
  std::string event;
  std::string data;
  std::string id;
  bool operator==(const parsed_event&) const = default;
};

std::ostream& operator<<(std::ostream& os, const parsed_event& e) {
  return os << "{event='" << e.event << "' data='" << e.data << "' id='" << e.id << "'}";
}

// Feeds `pieces` one after another and collects every dispatched event.
std::vector<parsed_event> parse_pieces(const std::vector<std::string>& pieces) {
  sse_parser parser;
  std::vector<parsed_event> out;
  for (const std::string& piece : pieces) {
    std::string_view input = piece;
    while (parser.next(input)) {
      sse_message m = parser.message();
      out.push_back({std::string(m.event), std::string(m.data), std::string(m.id)});
    }
    EXPECT_TRUE(input.empty());
  }
  return out;
}

std::vector<parsed_event> parse_whole(const std::string& text) { return parse_pieces({text}); }

TEST(SseParser, SingleEvents) {
  auto events = parse_whole("data: {\"token\":\"a\"}\n\ndata: [DONE]\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], (parsed_event{"", "{\"token\":\"a\"}", ""}));
  EXPECT_EQ(events[1], (parsed_event{"", "[DONE]", ""}));
}

TEST(SseParser, CrLfAndBareCrLineEnds) {
  std::vector<parsed_event> expected{{"", "one", ""}, {"", "two", ""}, {"", "three", ""}};
  EXPECT_EQ(parse_whole("data: one\r\n\r\ndata: two\r\rdata: three\n\r\n"), expected);
}

TEST(SseParser, MultiLineDataJoinedWithNewline) {
  auto events = parse_whole("data: first\ndata: second\ndata:third\ndata\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "first\nsecond\nthird\n");
}

TEST(SseParser, CommentsSkippedAndEventWithoutDataNotDispatched) {
  auto events = parse_whole(": keep-alive\n\nevent: ping\n\n: note\nevent: token\nid: 7\ndata: x\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0], (parsed_event{"token", "x", "7"}));
}

TEST(SseParser, OnlyOneLeadingSpaceRemovedAndUnknownFieldsIgnored) {
  auto events = parse_whole("retry: 100\nfoo: bar\ndata:  two spaces\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, " two spaces");
}

TEST(SseParser, FieldsResetBetweenEvents) {
  auto events = parse_whole("event: a\nid: 1\ndata: x\n\ndata: y\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1], (parsed_event{"", "y", ""}));
}

TEST(SseParser, LeadingByteOrderMarkSkipped) {
  auto events = parse_whole(
      "\xEF\xBB\xBF"
      "data: bom\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "bom");
  // A partial BOM is ordinary content of the first line.
  auto odd = parse_whole(
      "\xEF"
      "data: x\n\ndata: y\n\n");
  ASSERT_EQ(odd.size(), 1u);
  EXPECT_EQ(odd[0].data, "y");
}

TEST(SseParser, IncompleteEventAtEndIsNotDispatched) {
  EXPECT_TRUE(parse_whole("data: a\n\ndata: b\n").size() == 1u);
  EXPECT_TRUE(parse_whole("data: a").empty());
}

TEST(SseParser, ByteByByteEqualsWhole) {
  std::string text =
      "\xEF\xBB\xBF: c\r\nevent: e\r\ndata: 1\r\ndata: 2\r\n\r\nid: 9\rdata: three\r\r"
      "data: {\"token\":\"x\"}\n\ndata: [DONE]\r\n\r\n";
  std::vector<std::string> bytes;
  for (char c : text) bytes.emplace_back(1, c);
  auto whole = parse_whole(text);
  ASSERT_EQ(whole.size(), 4u);
  EXPECT_EQ(whole[0], (parsed_event{"e", "1\n2", ""}));
  EXPECT_EQ(whole[1], (parsed_event{"", "three", "9"}));
  EXPECT_EQ(parse_pieces(bytes), whole);
}

TEST(SseParser, RandomSplitsEqualWhole) {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += (i % 3 == 0 ? "data: line a " : "event: kind\r\ndata: ") + std::to_string(i) +
            (i % 2 == 0 ? "\r\n\r\n" : "\n\n");
  }
  auto whole = parse_whole(text);
  ASSERT_EQ(whole.size(), 50u);
  std::mt19937 rng(1234);
  for (int round = 0; round < 100; ++round) {
    std::vector<std::string> pieces;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t n = std::uniform_int_distribution<std::size_t>(1, 17)(rng);
      pieces.push_back(text.substr(at, n));
      at += n;
    }
    ASSERT_EQ(parse_pieces(pieces), whole) << "round " << round;
  }
}

TEST(SseParser, StopsAtEachEventAndResumes) {
  sse_parser parser;
  std::string_view input = "data: a\n\ndata: b\n\ndata: c";
  ASSERT_TRUE(parser.next(input));
  EXPECT_EQ(parser.message().data, "a");
  EXPECT_EQ(input, "data: b\n\ndata: c");
  ASSERT_TRUE(parser.next(input));
  EXPECT_EQ(parser.message().data, "b");
  EXPECT_FALSE(parser.next(input));
  EXPECT_TRUE(input.empty());
  std::string_view rest = "\n\n";
  ASSERT_TRUE(parser.next(rest));
  EXPECT_EQ(parser.message().data, "c");
  parser.reset();
  std::string_view partial = "data: lost";
  EXPECT_FALSE(parser.next(partial));
  parser.reset();
  std::string_view fresh = "\n\ndata: new\n\n";
  ASSERT_TRUE(parser.next(fresh));
  EXPECT_EQ(parser.message().data, "new");
}

}  // namespace
}  // namespace shield::http
