#pragma once

// Shared helpers of the monitor tests: a scratch directory and synthetic samples.

#include "support/monitor/time_series.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace shield::monitor::testing {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class scratch_dir {
 public:
  scratch_dir();
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;  // created by mkdtemp
};

// A sample at t in phase with the client side filled and everything else absent.
[[nodiscard]] series_sample client_sample(double t, std::string phase, std::uint64_t completed,
                                          std::optional<double> p95_ms = std::nullopt);

// Whole file as bytes.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

}  // namespace shield::monitor::testing
