#include "checks/unit/prom/promtool_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace shield::prom::testing {
namespace {

namespace fs = std::filesystem;

// Private scratch directory for one run.
fs::path make_scratch_dir() {
  std::string pattern = (fs::temp_directory_path() / "shield_promtool_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return {};
  }
  return pattern;
}

}  // namespace

std::optional<std::string> find_promtool() {
  if (const char* configured = std::getenv("SHIELD_PROMTOOL"); configured != nullptr && *configured != '\0') {
    return fs::exists(configured) ? std::optional<std::string>(configured) : std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / "promtool";
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return std::nullopt;
}

promtool_verdict run_promtool_check_metrics(const std::string& promtool, std::string_view text) {
  promtool_verdict verdict;
  const fs::path dir = make_scratch_dir();
  if (dir.empty()) {
    verdict.output = "cannot create a scratch directory";
    return verdict;
  }
  const fs::path input = dir / "exposition.txt";
  const fs::path errors = dir / "stderr.txt";
  std::ofstream(input, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
  // timeout(1) bounds the run; paths come from mkdtemp and hold no shell metacharacters.
  const std::string command =
      "timeout 30 '" + promtool + "' check metrics < '" + input.string() + "' 2> '" + errors.string() + "' > /dev/null";
  const int status = std::system(command.c_str());
  verdict.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(errors);
  std::stringstream buffer;
  buffer << err.rdbuf();
  verdict.output = buffer.str();
  std::stringstream lines(verdict.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) {
      verdict.lines.push_back(line);
    }
  }
  std::sort(verdict.lines.begin(), verdict.lines.end());
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return verdict;
}

std::size_t promtool_error_line(const promtool_verdict& verdict) {
  constexpr std::string_view marker = "error in line ";
  const auto at = verdict.output.find(marker);
  if (at == std::string::npos) {
    return 0;
  }
  return static_cast<std::size_t>(std::strtoul(verdict.output.c_str() + at + marker.size(), nullptr, 10));
}

}  // namespace shield::prom::testing
