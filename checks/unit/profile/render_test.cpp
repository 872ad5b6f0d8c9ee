// Rendering paths and bodies: placeholders substituted, text escaped, the rest untouched.

#include "support/profile/loader.hpp"
#include "support/profile/render.hpp"
#include "support/profile/template_text.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>

namespace shield::profile {
namespace {

// One POST endpoint with the given body and path templates.
endpoint make_endpoint(const std::string& body_json, const std::string& path = "/p") {
  const std::string text = R"({"name":"r","endpoints":[{"name":"e","method":"POST","path":)" +
                           boost::json::serialize(boost::json::value(path)) + R"(,"body":)" + body_json + "}]}";
  auto loaded = parse_profile(text, "render.json");
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  return loaded ? loaded.value().endpoints.at(0) : endpoint{};
}

// Renders the standard {"text","session_id"} body and parses it back.
boost::json::value round_trip(std::string_view session_id, std::string_view text) {
  const endpoint ep = make_endpoint(R"({"text":"{text}","session_id":"{session_id}"})");
  const std::string body = render_body(ep, session_id, text);
  boost::system::error_code ec;
  auto parsed = boost::json::parse(body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << body;
  return parsed;
}

TEST(ProfileRenderBody, PlainTextAndSessionId) {
  const auto v = round_trip("abc-1", "Juan Pérez, DNI 12345678Z");
  EXPECT_EQ(v, boost::json::parse(R"({"text":"Juan Pérez, DNI 12345678Z","session_id":"abc-1"})"));
}

TEST(ProfileRenderBody, QuotesAndBackslashesAreEscaped) {
  const std::string text = R"(she said "hi" \ C:\path\n "end)";
  const auto v = round_trip("s\"1\\", text);
  EXPECT_EQ(v.at("text").as_string(), text);
  EXPECT_EQ(v.at("session_id").as_string(), "s\"1\\");
  const endpoint ep = make_endpoint(R"({"t":"{text}"})");
  EXPECT_EQ(render_body(ep, "", "a\"b\\c"), R"({"t":"a\"b\\c"})");
}

TEST(ProfileRenderBody, ControlCharactersAreEscaped) {
  std::string text = "line1\nline2\ttab\r\b\f";
  text += '\x01';
  text += '\x1f';
  text += '\0';
  text += "end";
  const auto v = round_trip("s", text);
  EXPECT_EQ(v.at("text").as_string(), text);
  const endpoint ep = make_endpoint(R"({"t":"{text}"})");
  const std::string body = render_body(ep, "", text);
  EXPECT_EQ(body, R"({"t":"line1\nline2\ttab\r\b\f\u0001\u001f\u0000end"})");
  for (const char c : body) EXPECT_GE(static_cast<unsigned char>(c), 0x20u) << "raw control character in body";
}

TEST(ProfileRenderBody, UnicodeIsKeptAsUtf8) {
  const std::string text = "Müller · 東京 · \xF0\x9F\x98\x80 · Ñandú";
  const auto v = round_trip("ü-1", text);
  EXPECT_EQ(v.at("text").as_string(), text);
  EXPECT_EQ(v.at("session_id").as_string(), "ü-1");
}

TEST(ProfileRenderBody, PlaceholdersInsideLongerStringsAndBracesEscapes) {
  const endpoint ep =
      make_endpoint(R"j({"prompt":"Say {{hi}} to {text} ({session_id})","n":[1,2.5,true,null,{"k":"v"}]})j");
  const auto v = boost::json::parse(render_body(ep, "S", "Ana \"A\""));
  EXPECT_EQ(v.at("prompt").as_string(), "Say {hi} to Ana \"A\" (S)");
  EXPECT_EQ(v.at("n"), boost::json::parse(R"([1,2.5,true,null,{"k":"v"}])"));
}

TEST(ProfileRenderBody, KeysAreLiteralAndValuesMayRepeatPlaceholders) {
  const endpoint ep = make_endpoint(R"({"{text}":"{text}{text}","nested":{"deep":["{session_id}"]}})");
  const auto v = boost::json::parse(render_body(ep, "id", "x\n"));
  EXPECT_EQ(v.at("{text}").as_string(), "x\nx\n");
  EXPECT_EQ(v.at("nested").at("deep").at(0).as_string(), "id");
}

TEST(ProfileRenderBody, NoBodyRendersEmpty) {
  auto loaded = parse_profile(R"({"name":"r","endpoints":[{"name":"g","method":"GET","path":"/g"}]})", "r.json");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_FALSE(loaded->endpoints[0].has_body());
  EXPECT_EQ(render_body(loaded->endpoints[0], "s", "t"), "");
}

TEST(ProfileRenderPath, SessionIdIsSubstitutedAndPercentEncoded) {
  const endpoint ep = make_endpoint(R"({"a":1})", "/session/{session_id}/read?x=1");
  EXPECT_EQ(render_path(ep, "abc-DEF_1.2~3"), "/session/abc-DEF_1.2~3/read?x=1");
  EXPECT_EQ(render_path(ep, "a/b c?%"), "/session/a%2Fb%20c%3F%25/read?x=1");
  EXPECT_EQ(render_path(ep, "\xC3\xBC"), "/session/%C3%BC/read?x=1");
}

TEST(ProfileRenderPath, WithoutPlaceholderAndWithEncodedBraces) {
  EXPECT_EQ(render_path(make_endpoint("1", "/plain"), "ignored"), "/plain");
  EXPECT_EQ(render_path(make_endpoint("1", "/x%7By%7D/{session_id}"), "7"), "/x%7By%7D/7");
}

TEST(ProfileTemplateText, SplitReportsUnbalancedBraces) {
  const auto lone_close = split_template("a}b", body_placeholders);
  ASSERT_FALSE(lone_close);
  EXPECT_NE(lone_close.error().message.find("unbalanced '}'"), std::string::npos) << lone_close.error();
  const auto open = split_template("a{text", body_placeholders);
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("unterminated placeholder"), std::string::npos) << open.error();
  const auto split = split_template("{session_id}-{text}", body_placeholders);
  ASSERT_TRUE(split) << split.error();
  const auto& pieces = *split;
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].slot, placeholder::session_id);
  EXPECT_EQ(pieces[1].literal, "-");
  EXPECT_EQ(pieces[1].slot, placeholder::text);
}

}  // namespace
}  // namespace shield::profile
