#include "checks/metrics/promtool_check.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace shield::metrics {
namespace {

// A temporary file removed on destruction.
class temp_file {
 public:
  temp_file() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/shield_promtool_XXXXXX";
    fd_ = ::mkstemp(path_.data());
  }
  ~temp_file() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(path_.c_str());
    }
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] bool write_all(std::string_view text) const {
    while (!text.empty()) {
      const ssize_t n = ::write(fd_, text.data(), text.size());
      if (n <= 0) return false;
      text.remove_prefix(static_cast<std::size_t>(n));
    }
    return ::lseek(fd_, 0, SEEK_SET) == 0;
  }
  [[nodiscard]] std::string read_all() const {
    std::string out;
    if (::lseek(fd_, 0, SEEK_SET) != 0) return out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd_, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
    return out;
  }

 private:
  std::string path_;  // mkstemp pattern, then the file's name
  int fd_ = -1;       // open descriptor, -1 when creation failed
};

}  // namespace

std::optional<std::string> find_promtool() {
  if (const char* configured = std::getenv("SHIELD_PROMTOOL"); configured && *configured) {
    return ::access(configured, X_OK) == 0 ? std::optional<std::string>(configured) : std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/promtool";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

promtool_result run_promtool_check_metrics(const std::string& promtool, std::string_view text,
                                           std::chrono::milliseconds timeout) {
  promtool_result result;
  const temp_file input, errors;
  if (input.fd() < 0 || errors.fd() < 0 || !input.write_all(text)) {
    result.error = "cannot create temporary files for promtool";
    return result;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    result.error = "fork failed";
    return result;
  }
  if (pid == 0) {
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(input.fd(), STDIN_FILENO);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(errors.fd(), STDERR_FILENO);
    char* const argv[] = {const_cast<char*>(promtool.c_str()), const_cast<char*>("check"), const_cast<char*>("metrics"),
                          nullptr};
    ::execv(promtool.c_str(), argv);
    ::_exit(127);
  }
  // Poll for the exit; kill at the deadline so a stuck promtool cannot hang a test.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) {
      result.error = "waitpid failed";
      return result;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.timed_out = true;
      result.error = "promtool did not finish within " + std::to_string(timeout.count()) + " ms";
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = errors.read_all();
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) result.lines.push_back(line);
  }
  std::sort(result.lines.begin(), result.lines.end());
  if (result.exit_code == 127) result.error = "could not execute " + promtool;
  return result;
}

}  // namespace shield::metrics
