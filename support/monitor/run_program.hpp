#pragma once

// Runs an external program (gnuplot) with a time limit, capturing its stderr.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::monitor {

// How a program run ended.
struct program_result {
  bool started = false;     // the program was spawned
  bool timed_out = false;   // killed after the time limit
  int exit_code = -1;       // exit status when it exited normally, else -1
  int signal = 0;           // terminating signal, 0 if none
  std::string stderr_text;  // what it wrote to stderr (first 64 KiB)
  std::string error;        // why it could not be started

  // Started, exited by itself with status 0.
  [[nodiscard]] bool succeeded() const { return started && !timed_out && signal == 0 && exit_code == 0; }
};

// The executable `name` resolves to: itself when it contains '/', else the first executable match
// in the ':'-separated search path (the PATH environment variable when search_path is absent).
[[nodiscard]] std::optional<std::filesystem::path> find_program(
    std::string_view name, std::optional<std::string_view> search_path = std::nullopt);

// Runs program with args (stdin and stdout on /dev/null) in working_dir; kills it (SIGKILL) when
// it has not exited after timeout.
[[nodiscard]] program_result run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                                         const std::filesystem::path& working_dir, std::chrono::milliseconds timeout);

}  // namespace shield::monitor
