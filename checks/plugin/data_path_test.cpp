// shipped_data_file: an installed program's data next to its bin/, else the source-tree path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "support/client/target_setup.hpp"

namespace {

namespace fs = std::filesystem;

// A data tree laid out like an install: <exe dir>/../<unique>/profiles/x.json, removed afterwards.
class ShippedDataFile : public ::testing::Test {
 protected:
  void SetUp() override {
    exe_dir_ = fs::read_symlink("/proc/self/exe").parent_path();
    unique_ = "plugin-data-path-" + std::to_string(::getpid());
    root_ = exe_dir_.parent_path() / unique_;
    fs::create_directories(root_ / "profiles");
    std::ofstream(root_ / "profiles" / "x.json") << "{}";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  fs::path exe_dir_;    // where this test binary lives (what /proc/self/exe names)
  std::string unique_;  // per-process directory name, so parallel runs do not collide
  fs::path root_;       // the fake share directory next to bin/
};

TEST_F(ShippedDataFile, PrefersTheInstalledCopyWhenPresent) {
  const std::string relative = "../" + unique_ + "/profiles/x.json";
  const std::string got = shield::client::shipped_data_file(relative, "/source/tree/x.json");
  EXPECT_EQ(got, (root_ / "profiles" / "x.json").lexically_normal().string());
  EXPECT_TRUE(fs::is_regular_file(got));
}

TEST_F(ShippedDataFile, FallsBackToTheSourcePathWhenMissing) {
  const std::string relative = "../" + unique_ + "/profiles/absent.json";
  EXPECT_EQ(shield::client::shipped_data_file(relative, "/source/tree/x.json"), "/source/tree/x.json");
}

TEST_F(ShippedDataFile, IgnoresADirectoryOfThatName) {
  const std::string relative = "../" + unique_ + "/profiles";
  EXPECT_EQ(shield::client::shipped_data_file(relative, "/source/tree/x.json"), "/source/tree/x.json");
}

}  // namespace
