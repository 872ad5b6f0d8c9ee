#pragma once

// The failure of a file system call, shared by the file helpers of support/base.

#include <cerrno>
#include <filesystem>
#include <string>

#include "support/base/result.hpp"

namespace shield::base::detail {

// The failure of `step` on `file`, with errno `err` (EIO when a call failed without setting it).
inline failure os_failure(const std::string& step, const std::filesystem::path& file, int err) {
  const boost::system::error_code code(err != 0 ? err : EIO, boost::system::system_category());
  return fail(step + " " + file.string() + ": " + code.message(), code);
}

}  // namespace shield::base::detail
