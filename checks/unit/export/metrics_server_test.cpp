// The exposition server: answers GET /metrics with the rendered text and its content type, 404
// and 405 otherwise; a busy or bad address is refused with a reason.
#include "support/export/client_exposition.hpp"
#include "support/export/listen_address.hpp"
#include "support/export/metrics_server.hpp"
#include "support/http/blocking_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace shield::live {
namespace {

http::blocking_client client_for(std::uint16_t port) {
  return http::blocking_client(*http::parse_url("http://127.0.0.1:" + std::to_string(port)));
}

// A scrape counts once the server has written the response out, which may be just after the
// client has read it: polls (bounded) for the count.
std::uint64_t scrapes_after_settling(const metrics_server& server, std::uint64_t expected) {
  for (int i = 0; i < 200 && server.scrapes() < expected; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return server.scrapes();
}

TEST(MetricsServer, ServesTheRenderedExposition) {
  std::atomic<int> renders{0};
  metrics_server server(
      [&] { return "# HELP up_demo d\n# TYPE up_demo gauge\nup_demo " + std::to_string(++renders) + "\n"; });
  if (auto started = server.start(listen_address{"127.0.0.1", 0}); !started) FAIL() << started.error();
  ASSERT_NE(server.port(), 0);
  auto client = client_for(server.port());
  auto r = client.get("/metrics");
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "# HELP up_demo d\n# TYPE up_demo gauge\nup_demo 1\n");
  EXPECT_EQ(r.header_value("Content-Type"), exposition_content_type);
  EXPECT_EQ(scrapes_after_settling(server, 1), 1u);
  EXPECT_EQ(server.scrape_gap().count(), 0) << "one scrape has no interval yet";
  r = client.get("/metrics");  // same kept-alive connection, rendered afresh
  EXPECT_NE(r.body.find("up_demo 2"), std::string::npos);
  EXPECT_EQ(client.connections_opened(), 1u);
  EXPECT_EQ(scrapes_after_settling(server, 2), 2u);
  EXPECT_GT(server.scrape_gap().count(), 0);
  EXPECT_EQ(client.get("/other").status, 404);
  EXPECT_EQ(client.post("/metrics", "{}").status, 405);
  EXPECT_EQ(server.scrapes(), 2u);
}

// The final-scrape wait relies on this: only an exposition rendered after a moment and written out
// whole counts as delivered since that moment.
TEST(MetricsServer, DeliveredSinceOnlyCountsLaterRendersWrittenOut) {
  metrics_server server([] { return std::string("up_demo 1\n"); });
  if (auto started = server.start(listen_address{"127.0.0.1", 0}); !started) FAIL() << started.error();
  const auto before = std::chrono::steady_clock::now();
  EXPECT_FALSE(server.delivered_since(before)) << "nothing scraped yet";
  auto client = client_for(server.port());
  ASSERT_TRUE(client.get("/metrics").ok());
  ASSERT_EQ(scrapes_after_settling(server, 1), 1u);
  EXPECT_TRUE(server.delivered_since(before));
  const auto after = std::chrono::steady_clock::now();
  EXPECT_FALSE(server.delivered_since(after)) << "rendered before `after`";
  EXPECT_EQ(client.get("/other").status, 404);
  EXPECT_FALSE(server.delivered_since(after)) << "not a scrape";
  ASSERT_TRUE(client.get("/metrics").ok());
  ASSERT_EQ(scrapes_after_settling(server, 2), 2u);
  EXPECT_TRUE(server.delivered_since(after));
}

TEST(MetricsServer, RefusesABusyPort) {
  metrics_server first([] { return std::string(); });
  if (auto started = first.start(listen_address{"127.0.0.1", 0}); !started) FAIL() << started.error();
  metrics_server second([] { return std::string(); });
  const std::string why = second.start(listen_address{"127.0.0.1", first.port()}).error().message;
  EXPECT_NE(why.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos) << why;
  EXPECT_NE(why.find("in use"), std::string::npos) << why;
}

TEST(MetricsServer, RefusesAnAddressNotOfThisMachine) {
  metrics_server server([] { return std::string(); });
  const std::string why =
      server.start(listen_address{"192.0.2.1", 0}).error().message;  // TEST-NET-1: no local interface has it
  EXPECT_NE(why.find("cannot listen on 192.0.2.1:0"), std::string::npos) << why;
}

TEST(ListenAddress, ParsesHostPortForms) {
  auto a = parse_listen_address("127.0.0.1:9464");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 9464);
  a = parse_listen_address("9464");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->to_string(), "127.0.0.1:9464") << "a bare port listens on loopback";
  a = parse_listen_address("[::1]:0");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->to_string(), "[::1]:0");
  a = parse_listen_address("localhost:80");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->host, "127.0.0.1");
}

TEST(ListenAddress, RejectsWhatIsNotAnAddress) {
  for (const char* bad : {"", "abc", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "example.com:80", "[zz]:80",
                          "::1:80", "1.2.3:80"}) {
    const auto a = parse_listen_address(bad);
    ASSERT_FALSE(a) << bad;
    EXPECT_FALSE(a.error().message.empty()) << bad;
  }
  EXPECT_NE(parse_listen_address("example.com:80").error().message.find("IP address"), std::string::npos);
}

}  // namespace
}  // namespace shield::live
