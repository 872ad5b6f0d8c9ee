#pragma once

// Reading a whole file, with a failure that names the file and the OS error.

#include <filesystem>
#include <string>

#include "support/base/result.hpp"

namespace shield::base {

// The whole content of `path` (binary, no newline translation). Fails, naming the file and the
// cause, when it cannot be opened, is a directory, or a read fails part way.
result<std::string> read_file(const std::filesystem::path& path);

}  // namespace shield::base
