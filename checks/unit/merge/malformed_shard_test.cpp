// shield_merge on shard files of the right format but the wrong shape (found by fuzzing): the strict
// typed reader's clear error naming the file and the member, exit status 2, never an abort.

#include "checks/unit/merge/shard_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace shield::merge::test {
namespace {

namespace json = boost::json;

struct malformed_shard : ::testing::Test {
  scratch_dir dir;
  // shield_merge on one shard edited by `edit`: expects exit 2 and `message` after the path in stderr.
  void expect_refused(const std::function<void(json::object&)>& edit, const std::string& message) {
    shard_spec one;
    one.count = 1;
    one.ok_ns = sample_latencies(20, 3);
    const auto path = write_shard(dir.path, "shard.json", shard_document(one), edit);
    const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), path});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(path + ": " + message), std::string::npos) << "stderr: " << r.err << "\nwanted: " << message;
  }
  static json::object& first_case(json::object& d) { return d["cases"].as_array()[0].as_object(); }
};

TEST_F(malformed_shard, ACaseWithoutAName) {
  expect_refused([](json::object& d) { first_case(d).erase("name"); }, "cases[0].name: missing");
}

TEST_F(malformed_shard, ANumberForAName) {
  expect_refused([](json::object& d) { first_case(d)["name"] = 7; }, "cases[0].name: expected a string");
}

TEST_F(malformed_shard, ANumberForACase) {
  expect_refused([](json::object& d) { d["cases"].as_array().push_back(5); }, "cases[1]: expected an object");
}

TEST_F(malformed_shard, ANumberForAnEndpoint) {
  expect_refused([](json::object& d) { first_case(d)["endpoint"] = 1; }, "cases[0].endpoint: expected a string");
}

TEST_F(malformed_shard, NotEvenAResultsDocument) {
  const auto path = (dir.path / "shard.json").string();
  std::ofstream(path) << R"({"format":"shield.stress_test_results","configuration":{"shard":{"index":0,"count":1}},)"
                      << R"("cases":[{"name":7}]})";
  const auto r = run_tool({"--results_dir=" + (dir.path / "out").string(), path});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(path + ": version: missing"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace shield::merge::test
