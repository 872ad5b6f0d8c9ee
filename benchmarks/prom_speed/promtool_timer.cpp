#include "benchmarks/prom_speed/promtool_timer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <thread>

extern char** environ;

namespace shield::prom_speed {

promtool_run time_promtool(const std::string& promtool, const std::string& input, std::chrono::seconds timeout) {
  promtool_run run;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char* const argv[] = {const_cast<char*>(promtool.c_str()), const_cast<char*>("check"), const_cast<char*>("metrics"),
                        nullptr};
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, promtool.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    run.error = "cannot run " + promtool + ": errno " + std::to_string(spawned);
    return run;
  }
  // Poll so a stuck promtool is killed at the timeout instead of hanging the benchmark.
  const auto deadline = start + timeout;
  int status = 0;
  rusage usage{};
  pid_t done = 0;
  while ((done = ::wait4(pid, &status, WNOHANG, &usage)) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      run.error = "promtool did not finish within " + std::to_string(timeout.count()) + " s";
      return run;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if (done < 0) {
    run.error = "wait4 failed";
    return run;
  }
  run.wall = std::chrono::steady_clock::now() - start;
  const auto to_ns = [](const timeval& tv) {
    return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
  };
  run.cpu = to_ns(usage.ru_utime) + to_ns(usage.ru_stime);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string find_promtool_on_path() {
  if (const char* configured = std::getenv("SHIELD_PROMTOOL"); configured && *configured) return configured;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/promtool";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

}  // namespace shield::prom_speed
