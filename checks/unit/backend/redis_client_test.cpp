// redis_client against a real redis-server: replies of every RESP type, pipelining order,
// binary-safe arguments, fail-fast while down, reconnection, and the command timeout.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <optional>
#include <thread>
#include <string>
#include <vector>

#include "checks/unit/backend/io_test_util.hpp"
#include "fixtures/reference_backend/redis_client.hpp"
#include "checks/unit/backend/redis_test_server.hpp"

namespace shield::backend {
namespace {

using namespace std::chrono_literals;
using testing::run_until;

class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto started = redis_.start(); !started) FAIL() << started.error();
    config_.port = static_cast<std::uint16_t>(redis_.port());
    config_.retry_initial = 50ms;
    config_.retry_max = 100ms;
  }

  // Runs one command to completion and returns its result.
  redis_result run(redis_client& client, std::initializer_list<std::string_view> args) {
    std::optional<redis_result> out;
    client.execute(args, [&](redis_result r) { out = std::move(r); });
    EXPECT_TRUE(run_until(io_, [&] { return out.has_value(); })) << "no reply";
    return out.value_or(redis_result{redis_error::stopped, {}});
  }

  testing::redis_test_server redis_;
  boost::asio::io_context io_;
  redis_client_config config_;
};

TEST_F(RedisClientTest, ConnectsAndDecodesEveryReplyType) {
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));

  const auto status = run(client, {"SET", "k", "value"});
  ASSERT_TRUE(status.ok()) << status.describe();
  EXPECT_EQ(status.value.type, redis_value::kind::status);
  EXPECT_EQ(status.value.str, "OK");

  const auto bulk = run(client, {"GET", "k"});
  EXPECT_EQ(bulk.value.type, redis_value::kind::string);
  EXPECT_EQ(bulk.value.str, "value");

  const auto nil = run(client, {"GET", "missing"});
  EXPECT_TRUE(nil.ok());
  EXPECT_TRUE(nil.value.is_nil());

  const auto integer = run(client, {"INCRBY", "n", "41"});
  EXPECT_EQ(integer.value.type, redis_value::kind::integer);
  EXPECT_EQ(integer.value.integer, 41);

  run(client, {"RPUSH", "list", "a", "b", "c"});
  const auto array = run(client, {"LRANGE", "list", "0", "-1"});
  ASSERT_EQ(array.value.type, redis_value::kind::array);
  ASSERT_EQ(array.value.elements.size(), 3u);
  EXPECT_EQ(array.value.elements[2].str, "c");

  const auto error = run(client, {"INCR", "list"});
  EXPECT_EQ(error.error, redis_error::none);
  EXPECT_TRUE(error.value.is_error());
  EXPECT_FALSE(error.ok());
  EXPECT_NE(error.describe().find("WRONGTYPE"), std::string::npos) << error.describe();
}

TEST_F(RedisClientTest, ArgumentsAreBinarySafe) {
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
  const std::string binary("a\0b\r\n$3\r\nc \xff", 12);
  ASSERT_TRUE(run(client, {"SET", "bin", binary}).ok());
  const auto back = run(client, {"GET", "bin"});
  EXPECT_EQ(back.value.str, binary);
  EXPECT_EQ(back.value.str.size(), 12u);
}

TEST_F(RedisClientTest, PipelinedRepliesArriveInCommandOrder) {
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
  constexpr int n = 5000;
  std::vector<long long> seen;
  seen.reserve(n);
  for (int i = 0; i < n; ++i) {
    // Issued back to back without waiting: one write carries many commands.
    client.execute({"INCR", "counter"}, [&](redis_result r) {
      ASSERT_TRUE(r.ok()) << r.describe();
      seen.push_back(r.value.integer);
    });
  }
  ASSERT_TRUE(run_until(
      io_, [&] { return seen.size() == n; }, 10s))
      << seen.size();
  for (int i = 0; i < n; ++i) ASSERT_EQ(seen[static_cast<std::size_t>(i)], i + 1);
  const auto stats = client.stats();
  EXPECT_EQ(stats.commands, static_cast<std::uint64_t>(n));
  EXPECT_EQ(stats.replies, static_cast<std::uint64_t>(n));
}

TEST_F(RedisClientTest, CallbacksNeverRunInsideExecute) {
  redis_client client(io_, config_);  // not started: every command fails fast
  bool inside = true;
  bool called = false;
  client.execute({"PING"}, [&](redis_result r) {
    EXPECT_FALSE(inside) << "callback ran inside execute()";
    EXPECT_EQ(r.error, redis_error::not_connected);
    called = true;
  });
  inside = false;
  EXPECT_TRUE(run_until(io_, [&] { return called; }));
}

TEST_F(RedisClientTest, FailsFastWhileDownAndReconnectsByItself) {
  redis_client client(io_, config_);
  std::vector<bool> transitions;
  client.on_state_change([&](bool up) { transitions.push_back(up); });
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));

  redis_.stop();
  ASSERT_TRUE(run_until(io_, [&] { return !client.connected(); })) << "did not notice Redis going away";
  const auto t0 = std::chrono::steady_clock::now();
  const auto down = run(client, {"PING"});
  EXPECT_EQ(down.error, redis_error::not_connected) << down.describe();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms) << "a command waited for a dead Redis";
  EXPECT_GE(client.stats().failed_fast, 1u);

  if (auto started = redis_.start(redis_.port()); !started) FAIL() << started.error();
  ASSERT_TRUE(run_until(
      io_, [&] { return client.connected(); }, 5s))
      << "no reconnection";
  EXPECT_TRUE(run(client, {"PING"}).ok());
  EXPECT_EQ(transitions, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(client.stats().connects, 2u);
}

TEST_F(RedisClientTest, PendingCommandsFailWhenTheConnectionDrops) {
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
  std::optional<redis_result> blocked;
  // BLPOP parks the command on the server; killing the server must complete it with an error.
  client.execute({"BLPOP", "never", "0"}, [&](redis_result r) { blocked = std::move(r); });
  run_until(
      io_, [] { return false; }, 50ms);
  redis_.stop();
  ASSERT_TRUE(run_until(io_, [&] { return blocked.has_value(); }));
  EXPECT_EQ(blocked->error, redis_error::connection_lost) << blocked->describe();
}

TEST_F(RedisClientTest, AHungServerTimesOutInsteadOfHanging) {
  config_.command_timeout = 200ms;
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
  redis_.pause();
  std::optional<redis_result> reply;
  const auto t0 = std::chrono::steady_clock::now();
  client.execute({"PING"}, [&](redis_result r) { reply = std::move(r); });
  ASSERT_TRUE(run_until(
      io_, [&] { return reply.has_value(); }, 3s))
      << "no answer from a hung Redis";
  EXPECT_EQ(reply->error, redis_error::timeout) << reply->describe();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1500ms);
  EXPECT_EQ(client.stats().timeouts, 1u);
  redis_.resume();
  EXPECT_TRUE(run_until(
      io_, [&] { return client.connected(); }, 5s))
      << "no reconnection after the hang";
}

TEST_F(RedisClientTest, StopFailsPendingCommandsAndRefusesNewOnes) {
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
  std::optional<redis_result> parked;
  client.execute({"BLPOP", "never", "0"}, [&](redis_result r) { parked = std::move(r); });
  run_until(
      io_, [] { return false; }, 50ms);
  client.stop();
  ASSERT_TRUE(run_until(io_, [&] { return parked.has_value(); }));
  EXPECT_EQ(parked->error, redis_error::stopped);
  const auto after = run(client, {"PING"});
  EXPECT_EQ(after.error, redis_error::stopped);
  EXPECT_FALSE(client.connected());
}

TEST_F(RedisClientTest, ExecuteFromAnotherThreadHopsToTheClientThread) {
  redis_client client(io_, config_);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
  std::optional<redis_result> reply;
  std::thread other([&] {
    client.execute({"ECHO", "from-another-thread"}, [&](redis_result r) { reply = std::move(r); });
  });
  other.join();
  ASSERT_TRUE(run_until(io_, [&] { return reply.has_value(); }));
  EXPECT_EQ(reply->value.str, "from-another-thread");
}

TEST(RedisClientNoServer, UnreachableServerKeepsRetryingWithoutBlocking) {
  boost::asio::io_context io;
  redis_client_config config;
  config.port = static_cast<std::uint16_t>(testing::free_port());  // nothing listens there
  config.retry_initial = 20ms;
  config.retry_max = 40ms;
  redis_client client(io, config);
  client.start();
  run_until(
      io, [] { return false; }, 300ms);
  EXPECT_FALSE(client.connected());
  EXPECT_EQ(client.stats().connects, 0u);
}

}  // namespace
}  // namespace shield::backend
