// shield_merge on shard files of the right format but the wrong shape (found by fuzzing): a clear
// error naming the file and the member, exit status 2, never an abort.

#include "checks/unit/merge/shard_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace shield::merge::test {
namespace {

struct malformed_shard : ::testing::Test {
  scratch_dir dir;
  // shield_merge on one shard whose "cases" array is `cases`: expects exit 2 and `message` in stderr.
  void expect_refused(const std::string& cases, const std::string& message) {
    const auto path = (dir.path / "shard.json").string();
    std::ofstream(path) << R"({"format":"shield.stress_test_results","configuration":{"shard":{"index":0,"count":1}},)"
                        << R"("cases":)" << cases << "}";
    const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), path});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(path + ": " + message), std::string::npos) << "stderr: " << r.err << "\nwanted: " << message;
  }
};

TEST_F(malformed_shard, ACaseWithoutAName) { expect_refused("[{}]", R"(cases[0] has no "name" string)"); }

TEST_F(malformed_shard, ANumberForAName) { expect_refused(R"([{"name":7}])", R"(cases[0] has no "name" string)"); }

TEST_F(malformed_shard, ANumberForACase) { expect_refused(R"([{"name":"a"},5])", "cases[1] is not an object"); }

TEST_F(malformed_shard, ANumberForAnEndpoint) {
  expect_refused(R"([{"name":"a","endpoint":1}])", R"(cases[0]: "endpoint" is not a string)");
}

}  // namespace
}  // namespace shield::merge::test
