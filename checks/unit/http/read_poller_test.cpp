#include "support/http/detail/read_poller.hpp"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace {

using shield::http::detail::read_poller;
using steady_time = std::chrono::steady_clock::time_point;

// A registered socket that, when readable, reads its byte and puts its send off, as a session
// whose answer arrived and whose next request is ready does.
struct recorder final : read_poller::client {
  read_poller* poller = nullptr;
  int fd = -1;
  int slot = -1;
  int index = 0;
  std::vector<std::string>* log = nullptr;
  std::vector<steady_time>* send_times = nullptr;
  bool deferred = false;  // what defer_send() answered inside on_ready
  std::function<void()> after_ready;

  void on_ready(std::uint32_t) override {
    char byte = 0;
    (void)::recv(fd, &byte, 1, MSG_DONTWAIT);
    log->push_back("ready " + std::to_string(index));
    deferred = poller->defer_send(slot);
    if (after_ready) after_ready();
  }
  void on_send(steady_time now) override {
    log->push_back("send " + std::to_string(index));
    send_times->push_back(now);
  }
};

struct read_poller_batch : ::testing::Test {
  boost::asio::io_context ioc;
  read_poller* poller = &boost::asio::use_service<read_poller>(ioc);
  std::array<std::array<int, 2>, 3> pairs{};
  std::array<recorder, 3> clients;
  std::vector<std::string> log;
  std::vector<steady_time> send_times;

  void SetUp() override {
    for (int i = 0; i < 3; ++i) {
      auto& pair = pairs[static_cast<std::size_t>(i)];
      ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair.data()), 0);
      auto& c = clients[static_cast<std::size_t>(i)];
      c = recorder{};
      c.poller = poller;
      c.fd = pair[0];
      c.index = i;
      c.log = &log;
      c.send_times = &send_times;
      c.slot = poller->add(pair[0], &c);
      ASSERT_GE(c.slot, 0);
    }
  }
  void TearDown() override {
    for (auto& pair : pairs) {
      ::close(pair[0]);
      ::close(pair[1]);
    }
  }

  // Makes every socket readable, then runs the loop until `entries` lines are logged (bounded).
  void run_until(std::size_t entries) {
    for (auto& pair : pairs) ASSERT_EQ(::send(pair[1], "x", 1, 0), 1);
    poller->wait_started();
    for (int i = 0; i < 200 && log.size() < entries; ++i) ioc.run_one_for(std::chrono::milliseconds(10));
    poller->wait_ended();
    ioc.run_for(std::chrono::milliseconds(20));  // what the cancelled wait leaves
  }
};

TEST_F(read_poller_batch, SendsPutOffDuringABatchGoAfterItInTheOrderTheyCame) {
  EXPECT_FALSE(poller->defer_send(clients[0].slot)) << "outside a batch a send goes at once";
  run_until(6);
  ASSERT_EQ(log.size(), 6u);
  std::vector<std::string> readies(log.begin(), log.begin() + 3), sends(log.begin() + 3, log.end());
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(readies[i].rfind("ready ", 0), 0u) << "every read comes before any send: " << log[i];
    EXPECT_EQ(sends[i], "send " + readies[i].substr(6)) << "sends go in the order their answers came";
  }
  for (const auto& c : clients) EXPECT_TRUE(c.deferred);
  ASSERT_EQ(send_times.size(), 3u);
  EXPECT_EQ(send_times[0], send_times[2]) << "one clock read for the burst";
}

TEST_F(read_poller_batch, AnOwnerRemovedDuringTheBatchIsNotToldToSend) {
  // Whichever socket comes last removes the one that came first (a connection that failed
  // meanwhile): its send, put off, must not be made.
  int readies = 0;
  for (auto& c : clients) {
    c.after_ready = [&] {
      if (++readies < 3) return;
      const int first = log.front().back() - '0';
      poller->remove(clients[static_cast<std::size_t>(first)].slot);
    };
  }
  run_until(5);
  ASSERT_EQ(log.size(), 5u);
  const std::string first = log.front().substr(6);
  for (std::size_t i = 3; i < log.size(); ++i) EXPECT_NE(log[i], "send " + first) << "removed, yet told to send";
  EXPECT_EQ(send_times.size(), 2u);
}

}  // namespace
