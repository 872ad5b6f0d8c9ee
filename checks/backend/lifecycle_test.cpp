// Redis going away and coming back, SIGTERM during a stream, --redis=none and bad flags.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <thread>

#include "checks/backend/backend_harness.hpp"

namespace shield::backend_checks {
namespace {

using namespace std::chrono_literals;

// Polls `probe` every 50 ms until it returns true or `within` passes.
template <class Probe>
bool eventually(std::chrono::milliseconds within, Probe probe) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    if (probe()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return probe();
}

TEST(BackendLifecycle, RedisStoppedAndRestartedMidTest) {
  backend_harness harness;
  if (auto started = harness.start({}); !started) FAIL() << started.error();
  auto client = harness.client();
  ASSERT_EQ(client.get("/health").status, 200);
  anonymize(client, "correo: pablo@example.com", "outage-session");

  harness.redis().stop();
  // Degraded: /health 503, the gauge drops to 0, Redis-backed requests fail fast with a JSON 503.
  EXPECT_TRUE(eventually(5s, [&] { return client.get("/health").status == 503; }));
  const auto health = client.get("/health");
  EXPECT_EQ(health.status, 503) << describe(health);
  EXPECT_EQ(json_body(health).at("status"), "degraded") << health.body;
  EXPECT_EQ(scrape_metric(client, "redis_connection_status"), 0.0);
  const auto started = std::chrono::steady_clock::now();
  const auto res = client.post("/anonymize", R"({"text":"ana@example.com","session_id":"outage-2"})");
  EXPECT_EQ(res.status, 503) << describe(res);
  EXPECT_TRUE(json_body(res).as_object().contains("error")) << res.body;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "a request needing Redis hung";

  if (auto restarted = harness.redis().restart(); !restarted) FAIL() << restarted.error();
  // It reconnects by itself.
  EXPECT_TRUE(eventually(10s, [&] { return client.get("/health").status == 200; }))
      << harness.backend().process().log_tail();
  EXPECT_EQ(scrape_metric(client, "redis_connection_status"), 1.0);
  const auto after = client.post("/anonymize", R"({"text":"ana@example.com","session_id":"outage-3"})");
  EXPECT_EQ(after.status, 200) << describe(after);
  EXPECT_TRUE(harness.backend().process().running()) << "backend died during the outage";
}

TEST(BackendLifecycle, SigtermDuringAStreamLetsItFinishThenExitsZero) {
  backend_harness harness;
  if (auto started = harness.start({"--ttft_ms=50", "--token_ms=40", "--tokens=25"}, false); !started)
    FAIL() << started.error();
  http::response res;
  std::thread streamer([&] {
    auto client = harness.client();
    http::request req;
    req.method = "POST";
    req.target = "/chat/streaming";
    req.body = R"({"message":"hola","session_id":"sigterm"})";
    res = client.send(req);
  });
  std::this_thread::sleep_for(300ms);  // mid-stream: about 6 of 25 tokens sent
  ASSERT_TRUE(harness.backend().process().signal(SIGTERM));
  streamer.join();
  EXPECT_EQ(res.status, 200) << describe(res);
  ASSERT_FALSE(res.events.empty()) << describe(res);
  EXPECT_EQ(res.events.back().data, "[DONE]") << "the stream was cut by the shutdown";
  EXPECT_EQ(res.events.size(), 26u);
  const auto status = harness.backend().process().wait_exit(10s);
  ASSERT_TRUE(status.has_value()) << "backend still running 10 s after SIGTERM";
  EXPECT_EQ(*status, 0) << harness.backend().process().log_tail();
}

TEST(BackendLifecycle, WithoutRedisMappingsLiveInMemoryAndHealthSaysSo) {
  backend_harness harness;
  if (auto started = harness.start({"--redis=none"}, false); !started) FAIL() << started.error();
  auto client = harness.client();
  const auto health = client.get("/health");
  EXPECT_EQ(health.status, 200) << describe(health);
  EXPECT_EQ(json_body(health).at("redis"), "disabled") << health.body;
  anonymize(client, "ip 10.1.2.3", "memory-session");
  const auto back = client.get("/anonymize/session/memory-session/anonymized-request");
  EXPECT_EQ(back.status, 200) << describe(back);
}

TEST(BackendLifecycle, UnknownOrMalformedFlagsExitTwoWithAMessage) {
  const std::string dir = servers::make_scratch_dir("shield-flags");
  for (const std::vector<std::string>& argv : {std::vector<std::string>{SHIELD_BACKEND_BIN, "--prot=8000"},
                                               std::vector<std::string>{SHIELD_BACKEND_BIN, "--port=abc"},
                                               std::vector<std::string>{SHIELD_BACKEND_BIN, "--redis=nocolon"},
                                               std::vector<std::string>{SHIELD_BACKEND_BIN, "--bug=not_a_bug"}}) {
    servers::child_process p;
    if (auto started = p.start(argv, dir + "/flags.log"); !started) FAIL() << started.error();
    const auto status = p.wait_exit(5s);
    ASSERT_TRUE(status.has_value()) << argv[1] << " did not exit";
    EXPECT_EQ(*status, 2) << argv[1];
    EXPECT_NE(p.log_tail().find(argv[1].substr(2, argv[1].find('=') - 2)), std::string::npos)
        << "message does not name the flag: " << p.log_tail();
  }
}

TEST(BackendLifecycle, PromtoolAcceptsTheExposition) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) GTEST_SKIP() << "promtool not installed";
  backend_harness harness;
  if (auto started = harness.start({}); !started) FAIL() << started.error();
  auto client = harness.client();
  anonymize(client, "tarjeta 4111 1111 1111 1111", "promtool");
  client.get("/nowhere");
  const auto res = client.get("/metrics");
  ASSERT_EQ(res.status, 200);
  const std::string file = harness.dir() + "/metrics.txt";
  {
    FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fwrite(res.body.data(), 1, res.body.size(), f);
    std::fclose(f);
  }
  const std::string out = harness.dir() + "/promtool.out";
  const int rc = std::system(("promtool check metrics < " + file + " > " + out + " 2>&1").c_str());
  std::ifstream in(out);
  const std::string report((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(rc, 0) << "promtool check metrics found problems:\n" << report;
  EXPECT_EQ(report, "") << report;
}

}  // namespace
}  // namespace shield::backend_checks
