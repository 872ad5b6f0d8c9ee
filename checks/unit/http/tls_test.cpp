// HTTPS: verification on by default (certificate and host name), the insecure switch, a CA file.

#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/http/tls_context.hpp"
#include "checks/unit/http/test_util.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace shield::http::test {
namespace {

using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;

server_options tls_server(server_mode mode = server_mode::ok) {
  server_options options;
  options.mode = mode;
  options.tls = true;
  options.certificate_host = "localhost";
  return options;
}

// The server's certificate written to a file, removed at the end of the test.
class ca_file {
 public:
  explicit ca_file(const std::string& pem)
      : path_(std::filesystem::temp_directory_path() /
              ("shield_http_ca_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".pem")) {
    std::ofstream(path_) << pem;
  }
  ~ca_file() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(Tls, SelfSignedCertificateRejectedByDefault) {
  misbehaving_server server(tls_server());
  expect_timely(
      [&] {
        blocking_client client(must_parse(server.url("localhost")), quick_options());
        timed_response t = timed_send(client);
        EXPECT_EQ(t.r.error, error_kind::tls) << t.r.error_message;
        EXPECT_NE(t.r.error_message.find("self-signed certificate"), std::string::npos) << t.r.error_message;
        return t.elapsed;
      },
      quick_options().connect_timeout * 11 / 10);
  EXPECT_EQ(server.requests_received(), 0u);
}

TEST(Tls, InsecureSwitchAcceptsAnyCertificate) {
  misbehaving_server server(tls_server());
  client_options options = relaxed_options();
  options.insecure = true;
  blocking_client client(must_parse(server.url()), options);  // 127.0.0.1: not even the name matches
  for (int i = 0; i < 3; ++i) {
    response r = client.get("/");
    ASSERT_TRUE(r.ok()) << r.error_message;
    EXPECT_EQ(r.body, "hello");
    EXPECT_EQ(r.reused_connection, i > 0);
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(Tls, TrustedCaFileAndMatchingHostNameVerify) {
  misbehaving_server server(tls_server());
  ca_file ca(server.certificate_pem());
  client_options options = relaxed_options();
  options.ca_file = ca.path();
  blocking_client client(must_parse(server.url("localhost")), options);
  response r = client.get("/");
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.body, "hello");
}

TEST(Tls, HostNameMismatchRejectedEvenWithTrustedCa) {
  misbehaving_server server(tls_server());
  ca_file ca(server.certificate_pem());
  client_options options = relaxed_options();
  options.ca_file = ca.path();
  blocking_client client(must_parse(server.url("127.0.0.1")), options);  // certificate says localhost
  response r = client.get("/");
  EXPECT_EQ(r.error, error_kind::tls);
  EXPECT_NE(r.error_message.find("mismatch"), std::string::npos) << r.error_message;
}

TEST(Tls, CertificateForAnIpAddressVerifies) {
  server_options options = tls_server();
  options.certificate_host = "127.0.0.1";
  misbehaving_server server(options);
  ca_file ca(server.certificate_pem());
  client_options co = relaxed_options();
  co.ca_file = ca.path();
  blocking_client client(must_parse(server.url()), co);
  response r = client.get("/");
  EXPECT_TRUE(r.ok()) << r.error_message;
}

TEST(Tls, UnreadableCaFileIsATlsError) {
  client_options options = relaxed_options();
  options.ca_file = "/nonexistent/ca.pem";
  auto context = std::make_shared<const tls_context>(options);
  ASSERT_FALSE(context->usable());
  const std::string why = context->usable().error().message;
  EXPECT_NE(why.find("/nonexistent/ca.pem"), std::string::npos) << why;
  blocking_client client(must_parse("https://127.0.0.1:1"), options, context);
  response r = client.get("/");
  EXPECT_EQ(r.error, error_kind::tls);
  EXPECT_EQ(r.error_message, why);
}

TEST(Tls, ServerSentEventsOverTls) {
  server_options options = tls_server(server_mode::sse);
  options.sse_events = 3;
  options.interval = milliseconds(10);
  misbehaving_server server(options);
  client_options co = relaxed_options();
  co.insecure = true;
  blocking_client client(must_parse(server.url()), co);
  response r = client.get("/");
  ASSERT_TRUE(r.ok()) << r.error_message;
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.events[2].data, "tok3");
}

TEST(Tls, SilentCloseNoticedBeforeWritingOverTls) {
  misbehaving_server server(tls_server(server_mode::silent_close));
  client_options co = relaxed_options();
  co.insecure = true;
  blocking_client client(must_parse(server.url()), co);
  for (int i = 0; i < 3; ++i) {
    if (i > 0) std::this_thread::sleep_for(milliseconds(20));  // the server's close has arrived
    response r = client.get("/");
    ASSERT_TRUE(r.ok()) << "request " << i << ": " << r.error_message;
    EXPECT_EQ(r.reconnected, i > 0);
    EXPECT_FALSE(r.retried);
  }
  EXPECT_EQ(server.connections_accepted(), 3u);
  EXPECT_EQ(server.requests_received(), 3u);
}

TEST(Tls, PlainHttpServerGivesTlsError) {
  misbehaving_server server;  // speaks plain HTTP
  std::string url = "https://127.0.0.1:" + std::to_string(server.port());
  client_options options = quick_options();
  options.insecure = true;
  expect_timely(
      [&] {
        blocking_client client(must_parse(url), options);
        timed_response t = timed_send(client);
        EXPECT_EQ(t.r.error, error_kind::tls) << t.r.error_message;
        return t.elapsed;
      },
      options.connect_timeout * 11 / 10);
}

}  // namespace
}  // namespace shield::http::test
