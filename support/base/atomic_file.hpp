#pragma once

// Atomic file writes: readers see the old file or the whole new one, never half of it.

#include "support/base/result.hpp"

#include <filesystem>
#include <string_view>

namespace shield::base {

// Writes `content` to a temporary file beside `path` (same directory, so the rename stays on one
// file system), fsyncs it, closes it and renames it over `path`. On any failure the temporary file
// is removed, the descriptor closed, and the failure names the step and file with the OS error.
// Registered secrets (base::register_secret) in `content` are scrubbed first.
result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace shield::base
