#include "support/http/url.hpp"

#include <gtest/gtest.h>

namespace shield::http {
namespace {

target_url parse_ok(std::string_view text) {
  url_result result = parse_url(text);
  EXPECT_TRUE(result) << text << ": " << result.error();
  return result ? *result : target_url{};
}

TEST(Url, HttpWithPortAndNoPath) {
  target_url url = parse_ok("http://127.0.0.1:8080");
  EXPECT_EQ(url.scheme, "http");
  EXPECT_FALSE(url.tls());
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_TRUE(url.host_is_ip());
  EXPECT_EQ(url.port, 8080);
  EXPECT_EQ(url.base_path, "");
  EXPECT_EQ(url.host_header(), "127.0.0.1:8080");
  EXPECT_EQ(url.to_string(), "http://127.0.0.1:8080");
}

TEST(Url, HttpsDefaultPortAndBasePath) {
  target_url url = parse_ok("HTTPS://Shield.Example.com/api/v1/");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_TRUE(url.tls());
  EXPECT_EQ(url.host, "shield.example.com");
  EXPECT_FALSE(url.host_is_ip());
  EXPECT_EQ(url.port, 443);
  EXPECT_EQ(url.base_path, "/api/v1");
  EXPECT_EQ(url.host_header(), "shield.example.com");
  EXPECT_EQ(url.to_string(), "https://shield.example.com/api/v1");
}

TEST(Url, HttpDefaultPortOmittedFromHostHeader) {
  target_url url = parse_ok("http://localhost/");
  EXPECT_EQ(url.port, 80);
  EXPECT_EQ(url.base_path, "");
  EXPECT_EQ(url.host_header(), "localhost");
  EXPECT_EQ(parse_ok("https://localhost:80").host_header(), "localhost:80");
}

TEST(Url, Ipv6Literal) {
  target_url url = parse_ok("http://[::1]:9000/base");
  EXPECT_EQ(url.host, "::1");
  EXPECT_TRUE(url.host_is_ip());
  EXPECT_EQ(url.port, 9000);
  EXPECT_EQ(url.host_header(), "[::1]:9000");
  EXPECT_EQ(url.base_path, "/base");
}

TEST(Url, JoinTargets) {
  target_url root = parse_ok("http://h");
  EXPECT_EQ(root.join("/health"), "/health");
  EXPECT_EQ(root.join(""), "/");
  EXPECT_EQ(root.join("?a=1"), "/?a=1");
  target_url api = parse_ok("http://h/api");
  EXPECT_EQ(api.join("/health"), "/api/health");
  EXPECT_EQ(api.join("/anonymize/session/x?y=1"), "/api/anonymize/session/x?y=1");
  EXPECT_EQ(api.join(""), "/api");
  EXPECT_EQ(api.join("?a=1"), "/api?a=1");
}

TEST(Url, UserInfoIsNeverEchoed) {
  url_result result = parse_url("https://admin:hunter2-secret@host:8443/api");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message.find("hunter2-secret"), std::string::npos) << result.error();
  EXPECT_NE(result.error().message.find("https://<redacted>@host:8443/api"), std::string::npos) << result.error();
  EXPECT_EQ(redact_userinfo("http://h:1/p@x"), "http://h:1/p@x");
  EXPECT_EQ(redact_userinfo("http://u:p@h/"), "http://<redacted>@h/");
}

struct bad_url {
  const char* text;
  const char* expected_in_message;
};

class UrlRejects : public ::testing::TestWithParam<bad_url> {};

TEST_P(UrlRejects, WithClearMessage) {
  url_result result = parse_url(GetParam().text);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find(GetParam().expected_in_message), std::string::npos) << result.error();
  EXPECT_NE(result.error().message.find("invalid target URL"), std::string::npos) << result.error();
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, UrlRejects,
    ::testing::Values(bad_url{"", "empty"}, bad_url{"ftp://host/x", "unsupported scheme 'ftp'"},
                      bad_url{"localhost:8080", "unsupported scheme 'localhost'"},
                      bad_url{"/just/a/path", "not an absolute URL"}, bad_url{"http://", "missing host"},
                      bad_url{"http:///path", "missing host"}, bad_url{"http://host:99999", "bad port '99999'"},
                      bad_url{"http://host:0", "bad port '0'"}, bad_url{"http://host:", "bad port ''"},
                      bad_url{"http://host:8a", "bad port"}, bad_url{"http://host/path?q=1", "query is not allowed"},
                      bad_url{"http://host/#frag", "fragment is not allowed"},
                      bad_url{"http://user:pw@host", "user info is not allowed"},
                      bad_url{"http://bad host", "not an absolute URL"}));

}  // namespace
}  // namespace shield::http
