#pragma once
// A throwaway redis-server child on a free loopback port for one test: bounded start, killed
// (and reaped) by the destructor or stop().

#include <sys/types.h>

#include <chrono>
#include <string>

#include "support/base/result.hpp"

namespace shield::backend::testing {

class redis_test_server {
 public:
  redis_test_server() = default;
  ~redis_test_server();
  redis_test_server(const redis_test_server&) = delete;
  redis_test_server& operator=(const redis_test_server&) = delete;

  // Starts redis-server on a free port (or on `port` when non-zero) and waits until it answers
  // PING (at most `within`); the failure says why not.
  base::result<void> start(int port = 0, std::chrono::milliseconds within = std::chrono::seconds(10));
  // SIGKILL and reap; the port is kept for a restart.
  void stop();
  // Pauses/resumes the process (SIGSTOP/SIGCONT) to simulate a hung Redis.
  void pause();
  void resume();

  int port() const { return port_; }
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;  // the child, -1 when not running
  int port_ = 0;    // chosen at the first start
};

// A free loopback TCP port (bound to port 0 and released).
int free_port();

// Sends PING and waits for +PONG (blocking socket, bounded by `timeout`).
bool ping(int port, std::chrono::milliseconds timeout);

}  // namespace shield::backend::testing
