#include "support/http/request_writer.hpp"

#include <gtest/gtest.h>

namespace shield::http {
namespace {

const request_defaults defaults{"/api", "example.com:8080", "shield-stress/0.1"};

std::string write_ok(const request& req, const request_defaults& d = defaults) {
  std::string out = "stale content";
  const auto written = write_request(req, d, out);
  EXPECT_TRUE(written) << written.error();
  return out;
}

TEST(RequestWriter, GetWithDefaults) {
  request req;
  req.target = "/health";
  EXPECT_EQ(write_ok(req),
            "GET /api/health HTTP/1.1\r\nHost: example.com:8080\r\nUser-Agent: shield-stress/0.1\r\n"
            "Connection: keep-alive\r\n\r\n");
}

TEST(RequestWriter, PostWithBodyGetsTypeAndLength) {
  request req;
  req.method = "POST";
  req.target = "/anonymize";
  req.body = R"({"text":"hi"})";
  req.headers = {{"Authorization", "Bearer x"}};
  EXPECT_EQ(write_ok(req, {"", "h", "ua"}),
            "POST /anonymize HTTP/1.1\r\nHost: h\r\nUser-Agent: ua\r\nConnection: keep-alive\r\n"
            "Content-Type: application/json\r\nAuthorization: Bearer x\r\nContent-Length: 13\r\n\r\n"
            R"({"text":"hi"})");
}

TEST(RequestWriter, EmptyPostSendsZeroLength) {
  request req;
  req.method = "POST";
  req.target = "/x";
  EXPECT_NE(write_ok(req).find("Content-Length: 0\r\n"), std::string::npos);
  EXPECT_EQ(write_ok(req).find("Content-Type"), std::string::npos);
}

TEST(RequestWriter, CallerHeadersReplaceDefaultsAndFramingIsOurs) {
  request req;
  req.method = "PUT";
  req.target = "/x";
  req.body = "abc";
  req.headers = {{"host", "other"},       {"USER-AGENT", "me"},     {"content-type", "text/plain"},
                 {"Connection", "close"}, {"Content-Length", "99"}, {"Transfer-Encoding", "chunked"}};
  std::string out = write_ok(req);
  EXPECT_EQ(out,
            "PUT /api/x HTTP/1.1\r\nhost: other\r\nUSER-AGENT: me\r\ncontent-type: text/plain\r\n"
            "Connection: close\r\nContent-Length: 3\r\n\r\nabc");
}

TEST(RequestWriter, RejectsFramingBreakers) {
  std::string out;
  request bad_method;
  bad_method.method = "GE T";
  const auto method = write_request(bad_method, defaults, out);
  ASSERT_FALSE(method);
  EXPECT_NE(method.error().message.find("method"), std::string::npos);

  request bad_target;
  bad_target.target = "/a b";
  const auto target = write_request(bad_target, defaults, out);
  ASSERT_FALSE(target);
  EXPECT_NE(target.error().message.find("target"), std::string::npos);
  bad_target.target = "no-slash";
  EXPECT_FALSE(write_request(bad_target, defaults, out));

  request bad_header;
  bad_header.headers = {{"X-Ok", "a\r\nInjected: 1"}};
  const auto header = write_request(bad_header, defaults, out);
  ASSERT_FALSE(header);
  EXPECT_NE(header.error().message.find("X-Ok"), std::string::npos);
  bad_header.headers = {{"Bad Name", "v"}};
  EXPECT_FALSE(write_request(bad_header, defaults, out));
}

}  // namespace
}  // namespace shield::http
