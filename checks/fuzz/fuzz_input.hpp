#pragma once

// Helpers the harnesses share: the input as text, split into parts, and a scratch directory.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace shield::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at NUL bytes into at most `parts` pieces (the last one keeps any further NULs).
inline std::vector<std::string_view> split_parts(std::string_view text, std::size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const auto nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    out.push_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  out.push_back(text);
  return out;
}

// A directory of this process's own under the temporary directory, made once, removed at exit.
inline const std::filesystem::path& scratch_dir() {
  struct owned_dir {
    std::filesystem::path path;
    owned_dir() : path(std::filesystem::temp_directory_path() / ("shield_fuzz_" + std::to_string(::getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~owned_dir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const owned_dir dir;
  return dir.path;
}

// Writes text to scratch_dir()/name and returns the path.
inline std::string scratch_file(const std::string& name, std::string_view text) {
  const auto path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
  return path.string();
}

}  // namespace shield::fuzz
