#include "support/monitor/run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

extern char** environ;

namespace shield::monitor {

namespace {

constexpr std::size_t stderr_limit = std::size_t{64} * 1024;

std::string errno_text(int error) { return std::strerror(error); }

// Exit status of a reaped child into result.
void record_status(int status, program_result& result) {
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
}

// Frees the spawn attributes on every return path.
struct spawn_actions {
  posix_spawn_file_actions_t actions{};  // fd set-up the child performs before exec
  bool ready = false;                    // init succeeded, so destroy is due
  spawn_actions() { ready = posix_spawn_file_actions_init(&actions) == 0; }
  ~spawn_actions() {
    if (ready) posix_spawn_file_actions_destroy(&actions);
  }
  spawn_actions(const spawn_actions&) = delete;
  spawn_actions& operator=(const spawn_actions&) = delete;
};

}  // namespace

std::optional<std::filesystem::path> find_program(std::string_view name, std::optional<std::string_view> search_path) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string_view::npos) {
    const std::string path(name);
    return ::access(path.c_str(), X_OK) == 0 ? std::optional<std::filesystem::path>(path) : std::nullopt;
  }
  std::string_view dirs;
  if (search_path) {
    dirs = *search_path;
  } else if (const char* env = std::getenv("PATH")) {
    dirs = env;
  }
  while (!dirs.empty()) {
    const std::size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    // An empty entry means the current directory, as in execvp.
    const std::filesystem::path candidate =
        std::filesystem::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

program_result run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                           const std::filesystem::path& working_dir, std::chrono::milliseconds timeout) {
  program_result result;
  int pipe_fds[2] = {-1, -1};
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    result.error = "pipe: " + errno_text(errno);
    return result;
  }
  spawn_actions actions;
  // The child runs in working_dir with stdin/stdout on /dev/null and stderr into the pipe.
  int setup = actions.ready ? 0 : ENOMEM;
  if (setup == 0) setup = posix_spawn_file_actions_addopen(&actions.actions, 0, "/dev/null", O_RDONLY, 0);
  if (setup == 0) setup = posix_spawn_file_actions_addopen(&actions.actions, 1, "/dev/null", O_WRONLY, 0);
  if (setup == 0) setup = posix_spawn_file_actions_adddup2(&actions.actions, pipe_fds[1], 2);
  if (setup == 0 && !working_dir.empty())
    setup = posix_spawn_file_actions_addchdir_np(&actions.actions, working_dir.c_str());
  if (setup != 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    result.error = "spawn setup: " + errno_text(setup);
    return result;
  }
  std::vector<std::string> storage;
  storage.reserve(args.size() + 1);
  storage.push_back(program.string());
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(storage.size() + 1);
  for (std::string& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = -1;
  const int spawned = posix_spawn(&child, program.c_str(), &actions.actions, nullptr, argv.data(), environ);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    result.error = "cannot start " + program.string() + ": " + errno_text(spawned);
    return result;
  }
  result.started = true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const auto remaining_ms = [&] {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, left.count()));
  };
  // Drain stderr until EOF or the deadline; a full pipe would otherwise stall the child.
  bool open = true;
  while (open) {
    const int wait_ms = remaining_ms();
    if (wait_ms == 0) break;
    pollfd pfd{pipe_fds[0], POLLIN, 0};
    const int ready = ::poll(&pfd, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      open = false;
      break;
    }
    const std::size_t keep =
        std::min(static_cast<std::size_t>(n), stderr_limit - std::min(stderr_limit, result.stderr_text.size()));
    result.stderr_text.append(buffer, keep);
  }
  ::close(pipe_fds[0]);
  // Reap it before the deadline, or kill it.
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) {
      record_status(status, result);
      return result;
    }
    if (done < 0 && errno != EINTR) {
      result.error = "waitpid: " + errno_text(errno);
      return result;
    }
    if (remaining_ms() == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  result.timed_out = true;
  ::kill(child, SIGKILL);
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  record_status(status, result);
  return result;
}

}  // namespace shield::monitor
