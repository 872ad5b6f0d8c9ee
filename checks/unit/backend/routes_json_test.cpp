// Route matching, method rules, percent-decoding, request-body parsing and session ids.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>
#include <set>

#include "fixtures/reference_backend/json_io.hpp"
#include "fixtures/reference_backend/routes.hpp"

namespace shield::backend {
namespace {

TEST(Routes, MatchesTheFiveEndpointsAndIgnoresQueries) {
  EXPECT_EQ(match_route("/health", false).route, route_id::health);
  EXPECT_EQ(match_route("/health?x=1", false).route, route_id::health);
  EXPECT_EQ(match_route("/metrics", false).route, route_id::metrics);
  EXPECT_EQ(match_route("/anonymize", false).route, route_id::anonymize);
  EXPECT_EQ(match_route("/chat/streaming", false).route, route_id::chat_streaming);
  const auto s = match_route("/anonymize/session/abc-123/anonymized-request?v=2", false);
  EXPECT_EQ(s.route, route_id::session_request);
  EXPECT_EQ(s.session_id, "abc-123");
}

TEST(Routes, EverythingElseIsUnmatched) {
  for (const char* t : {"/", "", "/health/", "/HEALTH", "/anonymize/", "/anonymize/session//anonymized-request",
                        "/anonymize/session/a/b/anonymized-request", "/anonymize/session/x", "/chat", "/__faults"})
    EXPECT_EQ(match_route(t, false).route, route_id::unmatched) << t;
  EXPECT_EQ(match_route("/__faults", true).route, route_id::faults);
}

TEST(Routes, TemplatesAreTheMetricLabels) {
  EXPECT_EQ(route_template(route_id::session_request), "/anonymize/session/{id}/anonymized-request");
  EXPECT_EQ(route_template(route_id::unmatched), "unmatched");
  EXPECT_EQ(route_template(route_id::faults), "/__faults");
}

TEST(Routes, MethodRulesAndAllowHeaders) {
  EXPECT_TRUE(method_allowed(route_id::health, http_method::get));
  EXPECT_FALSE(method_allowed(route_id::health, http_method::post));
  EXPECT_TRUE(method_allowed(route_id::anonymize, http_method::post));
  EXPECT_FALSE(method_allowed(route_id::anonymize, http_method::get));
  EXPECT_FALSE(method_allowed(route_id::session_request, http_method::del));
  EXPECT_TRUE(method_allowed(route_id::faults, http_method::del));
  EXPECT_EQ(allow_header(route_id::chat_streaming), "POST");
  EXPECT_EQ(allow_header(route_id::faults), "GET, POST, DELETE");
  EXPECT_EQ(method_name(http_method::del), "DELETE");
  EXPECT_EQ(method_from_name("PATCH"), http_method::patch);
  EXPECT_EQ(method_from_name("BREW"), http_method::other);
}

TEST(Routes, PercentDecoding) {
  std::string out;
  EXPECT_TRUE(percent_decode("a%20b%2Fc%C3%A9", out));
  EXPECT_EQ(out, "a b/c\xC3\xA9");
  EXPECT_FALSE(percent_decode("bad%2", out));
  EXPECT_FALSE(percent_decode("bad%zz", out));
  EXPECT_TRUE(percent_decode("%41", out));
  EXPECT_EQ(out, "A");
}

TEST(TextRequest, ParsesTextAndSession) {
  const auto r = parse_text_request(R"({"text":"hola","session_id":"s-1","extra":true})", "text", false);
  ASSERT_TRUE(r.ok) << r.body;
  EXPECT_EQ(r.request.text, "hola");
  EXPECT_EQ(r.request.session_id, "s-1");
  EXPECT_FALSE(r.request.session_generated);
}

TEST(TextRequest, MissingNullOrEmptySessionGetsAGeneratedOne) {
  for (const char* body :
       {R"({"message":""})", R"({"message":"x","session_id":null})", R"({"message":"x","session_id":""})"}) {
    const auto r = parse_text_request(body, "message", false);
    ASSERT_TRUE(r.ok) << body;
    EXPECT_TRUE(r.request.session_generated) << body;
    EXPECT_EQ(r.request.session_id.size(), 36u);
  }
}

struct body_case {
  const char* body;  // request body
  unsigned status;   // expected status
};

class TextRequestErrors : public ::testing::TestWithParam<body_case> {};

TEST_P(TextRequestErrors, GetTheDocumentedStatusAndAJsonError) {
  const auto r = parse_text_request(GetParam().body, "text", false);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.status, GetParam().status) << GetParam().body;
  const auto v = boost::json::parse(r.body);
  EXPECT_TRUE(v.as_object().contains("error"));
  EXPECT_TRUE(v.as_object().contains("detail"));
}

INSTANTIATE_TEST_SUITE_P(Cases, TextRequestErrors,
                         ::testing::Values(body_case{"", 400}, body_case{"{", 400}, body_case{"text=hola", 400},
                                           body_case{R"({"text":"a",})", 400}, body_case{"\"\xff\"", 400},
                                           body_case{"[1]", 422}, body_case{"null", 422}, body_case{"{}", 422},
                                           body_case{R"({"text":1})", 422}, body_case{R"({"text":null})", 422},
                                           body_case{R"({"text":"a","session_id":5})", 422},
                                           body_case{R"({"text":"a","session_id":"a\u0001b"})", 422}));

TEST(TextRequest, Json500BugAnswersMalformedJsonWith500) {
  EXPECT_EQ(parse_text_request("{", "text", true).status, 500u);
  EXPECT_EQ(parse_text_request("{}", "text", true).status, 422u);
}

TEST(SessionIds, AreVersion4UuidsAndDistinct) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = make_session_id();
    ASSERT_TRUE(std::regex_match(id, uuid)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_TRUE(valid_session_id("x"));
  EXPECT_FALSE(valid_session_id(""));
  EXPECT_FALSE(valid_session_id(std::string(257, 'a')));
}

TEST(ErrorBody, EscapesItsStrings) {
  const auto v = boost::json::parse(error_body("kind", "a \"quoted\"\nline"));
  EXPECT_EQ(v.at("error"), "kind");
  EXPECT_EQ(v.at("detail"), "a \"quoted\"\nline");
}

}  // namespace
}  // namespace shield::backend
