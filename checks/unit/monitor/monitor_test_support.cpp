#include "checks/unit/monitor/monitor_test_support.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace shield::monitor::testing {

scratch_dir::scratch_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "shield_monitor_test.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = pattern;
}

scratch_dir::~scratch_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

series_sample client_sample(double t, std::string phase, std::uint64_t completed, std::optional<double> p95_ms) {
  series_sample s;
  s.t = t;
  s.phase = std::move(phase);
  s.client.completed = completed;
  s.client.rps = static_cast<double>(completed);
  s.client.p95_ms = p95_ms;
  if (p95_ms) s.client.p50_ms = *p95_ms / 2.0;
  return s;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace shield::monitor::testing
