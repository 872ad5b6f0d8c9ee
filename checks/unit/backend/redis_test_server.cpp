#include "checks/unit/backend/redis_test_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>
#include <vector>

extern char** environ;

namespace shield::backend::testing {

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool ping(int port, std::chrono::milliseconds timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  timeval tv{};
  tv.tv_sec = static_cast<long>(timeout.count() / 1000);
  tv.tv_usec = static_cast<long>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    static constexpr char cmd[] = "PING\r\n";
    char buf[16] = {};
    if (::send(fd, cmd, sizeof(cmd) - 1, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof(cmd) - 1))
      ok = ::recv(fd, buf, sizeof(buf) - 1, 0) >= 5 && std::strncmp(buf, "+PONG", 5) == 0;
  }
  ::close(fd);
  return ok;
}

redis_test_server::~redis_test_server() { stop(); }

base::result<void> redis_test_server::start(int port, std::chrono::milliseconds within) {
  if (pid_ > 0) return base::fail("already running");
  if (port != 0) port_ = port;
  if (port_ == 0) port_ = free_port();
  if (port_ == 0) return base::fail("no free port");
  const std::string port_text = std::to_string(port_);
  std::vector<std::string> args = {"redis-server", "--port", port_text,     "--bind", "127.0.0.1",  "--save", "",
                                   "--appendonly", "no",     "--daemonize", "no",     "--loglevel", "warning"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const int rc = posix_spawnp(&pid_, "redis-server", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    return base::fail(std::string("cannot start redis-server: ") + std::strerror(rc));
  }
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ping(port_, std::chrono::milliseconds(200))) return {};
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return base::fail("redis-server exited during start (port " + port_text + " taken?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  return base::fail("redis-server did not answer PING in time");
}

void redis_test_server::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGCONT);  // a paused child must run to die cleanly
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void redis_test_server::pause() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void redis_test_server::resume() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
}

}  // namespace shield::backend::testing
