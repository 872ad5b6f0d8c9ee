// Atomic writes: the happy path and every error path (create, write, fsync, rename), each leaving
// no temporary file behind and no descriptor open. Whole-file reads: content byte for byte, and
// each failure (missing, directory, read error) naming the file, with no descriptor left open.

#include "support/base/atomic_file.hpp"
#include "support/base/read_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace shield::base {
namespace {

namespace fs = std::filesystem;

// A fresh directory removed at the end of the test.
struct scratch_dir {
  fs::path path =
      fs::temp_directory_path() / ("shield_base_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  scratch_dir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~scratch_dir() { fs::remove_all(path); }
  static inline int counter = 0;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Descriptors this process has open (a leak shows as a larger count).
std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// The temporary name the writer uses for `path` in this process.
fs::path temp_of(const fs::path& path) {
  fs::path temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  return temp;
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFile, WritesAndReplacesWithoutLeavingATemporary) {
  scratch_dir dir;
  const fs::path path = dir.path / "out.json";
  ASSERT_TRUE(write_file_atomically(path, "{\"x\":1}\n"));
  EXPECT_EQ(read_all(path), "{\"x\":1}\n");
  ASSERT_TRUE(write_file_atomically(path, "2")) << "replaces an existing file";
  EXPECT_EQ(read_all(path), "2");
  ASSERT_TRUE(write_file_atomically(path, ""));
  EXPECT_EQ(read_all(path), "");
  EXPECT_EQ(entries(dir.path), 1U);
}

TEST(AtomicFile, MissingDirectoryFailsAtCreate) {
  scratch_dir dir;
  const std::size_t before = open_descriptors();
  const auto r = write_file_atomically(dir.path / "missing" / "x.json", "{}");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot create"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().code.value(), ENOENT);
  EXPECT_EQ(open_descriptors(), before);
}

TEST(AtomicFile, UnwritableDirectoryFailsAtCreate) {
  // /proc/self refuses new files even for root, unlike a chmod 0500 directory.
  const std::size_t before = open_descriptors();
  const auto r = write_file_atomically("/proc/self/shield_results.json", "{}");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot create /proc/self/shield_results.json.tmp."), std::string::npos)
      << r.error().message;
  EXPECT_TRUE(r.error().code);
  EXPECT_EQ(open_descriptors(), before);
}

TEST(AtomicFile, WriteFailureClosesAndRemovesTheTemporary) {
  // The temporary name planted as a link to /dev/full: open succeeds, write fails with ENOSPC.
  scratch_dir dir;
  const fs::path path = dir.path / "out.json";
  fs::create_symlink("/dev/full", temp_of(path));
  const std::size_t before = open_descriptors();
  const auto r = write_file_atomically(path, "some text");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot write"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().code.value(), ENOSPC);
  EXPECT_EQ(open_descriptors(), before) << "descriptor leaked";
  EXPECT_FALSE(fs::exists(fs::symlink_status(temp_of(path)))) << "temporary left behind";
  EXPECT_FALSE(fs::exists(path));
}

TEST(AtomicFile, FsyncFailureClosesTheDescriptor) {
  // A link to /dev/null: writes succeed, fsync on a character device fails with EINVAL.
  scratch_dir dir;
  const fs::path path = dir.path / "out.json";
  fs::create_symlink("/dev/null", temp_of(path));
  const std::size_t before = open_descriptors();
  const auto r = write_file_atomically(path, "some text");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot flush"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().code.value(), EINVAL);
  EXPECT_EQ(open_descriptors(), before) << "descriptor leaked when fsync failed";
  EXPECT_FALSE(fs::exists(fs::symlink_status(temp_of(path)))) << "temporary left behind";
  EXPECT_FALSE(fs::exists(path));
}

TEST(AtomicFile, RenameFailureKeepsTheTargetAndRemovesTheTemporary) {
  // The target is a non-empty directory: rename cannot replace it.
  scratch_dir dir;
  const fs::path path = dir.path / "out.json";
  fs::create_directories(path / "inside");
  const std::size_t before = open_descriptors();
  const auto r = write_file_atomically(path, "text");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot rename"), std::string::npos) << r.error().message;
  EXPECT_TRUE(r.error().code);
  EXPECT_EQ(open_descriptors(), before);
  EXPECT_FALSE(fs::exists(fs::symlink_status(temp_of(path))));
  EXPECT_TRUE(fs::is_directory(path / "inside"));
}

TEST(AtomicFile, ValueThrowsOnFailure) {
  EXPECT_THROW(write_file_atomically("/proc/self/x.json", "{}").value(), std::exception);
}

TEST(ReadFile, GivesEveryByteOfALargeBinaryFile) {
  scratch_dir dir;
  const fs::path path = dir.path / "data.bin";
  std::string content;
  for (int i = 0; i < 200000; ++i) content.push_back(static_cast<char>(i * 7 % 256));  // NULs, CRs, > one buffer
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  const std::size_t before = open_descriptors();
  const auto r = read_file(path);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(*r, content);
  EXPECT_EQ(open_descriptors(), before);
  std::ofstream(dir.path / "empty");
  const auto empty = read_file(dir.path / "empty");
  ASSERT_TRUE(empty) << empty.error();
  EXPECT_EQ(*empty, "");
}

TEST(ReadFile, EachFailureNamesTheFileAndTheCause) {
  scratch_dir dir;
  const std::size_t before = open_descriptors();
  const auto missing = read_file(dir.path / "nope.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code.value(), ENOENT);
  EXPECT_NE(missing.error().message.find("cannot read " + (dir.path / "nope.json").string()), std::string::npos)
      << missing.error();
  const auto directory = read_file(dir.path);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code.value(), EISDIR) << directory.error();
  // /proc/self/mem opens, but reading address 0 fails: a failure after open, descriptor closed.
  const auto unreadable = read_file("/proc/self/mem");
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().code.value(), EIO) << unreadable.error();
  EXPECT_EQ(open_descriptors(), before) << "descriptor leaked on a failed read";
}

}  // namespace
}  // namespace shield::base
