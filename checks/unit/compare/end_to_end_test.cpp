// Runs the built shield_compare binary (path from CMake) and checks exit codes and output.
#include "checks/unit/compare/test_files.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace shield::compare_test {
namespace {

// What one run of the binary produced.
struct process_result {
  int exit_code = -1;      // exit status; -1 when killed or not started
  bool timed_out = false;  // killed after the deadline
  std::string out;         // captured stdout
  std::string err;         // captured stderr
};

process_result run_binary(const temp_dir& dir, const std::vector<std::string>& args) {
  process_result result;
  const std::string out_path = dir.path("stdout.txt");
  const std::string err_path = dir.path("stderr.txt");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_text{SHIELD_COMPARE_EXE};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, SHIELD_COMPARE_EXE, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return result;

  // Poll for exit, bounded by a deadline; kill on timeout so no test can hang.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return result;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.timed_out = true;
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

class CompareEndToEnd : public ::testing::Test {
 protected:
  std::string write_run(const std::string& name, double anonymize_rps, double anonymize_mean_ms, int repetitions,
                        const synthetic_context& ctx = {}) {
    return dir_.write(
        name,
        benchmark_json(ctx, {make_case("anonymize/concurrency:15",
                                       noisy_repetitions(repetitions, anonymize_rps, anonymize_mean_ms, 0.02)),
                             make_case("health/concurrency:3", noisy_repetitions(repetitions, 900.0, 3.0, 0.02))}));
  }

  temp_dir dir_;
};

TEST_F(CompareEndToEnd, SameRunsExitZero) {
  const auto base = write_run("base.json", 200.0, 40.0, 5);
  const auto r = run_binary(dir_, {base, base});
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("result: 0 regressed, 0 improved, 2 same (cases compared: 2)"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(CompareEndToEnd, RegressionExitsOneNamingTheCase) {
  const auto base = write_run("base.json", 200.0, 40.0, 5);
  const auto slow = write_run("slow.json", 170.0, 46.0, 5);
  const auto md = dir_.path("pr.md");
  const auto js = dir_.path("cmp.json");
  const auto r = run_binary(dir_, {base, slow, "--markdown=" + md, "--json=" + js});
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("regressed anonymize/concurrency:15: rps 200.0 -> 170.0 (-15.0%, p=0.0079)"), std::string::npos)
      << r.out;
  EXPECT_NE(read_text(md).find("REGRESSION"), std::string::npos);
  const auto doc = boost::json::parse(read_text(js));
  EXPECT_EQ(doc.at("cases").at(0).at("verdict").as_string(), "regressed");
  EXPECT_EQ(doc.at("cases").at(1).at("verdict").as_string(), "same");

  // The same files with generous margins pass.
  const auto loose = run_binary(dir_, {"--max_rps_drop=20", "--max_latency_rise=20", base, slow});
  EXPECT_EQ(loose.exit_code, 0) << loose.err << loose.out;
}

TEST_F(CompareEndToEnd, ImprovementExitsZero) {
  const auto base = write_run("base.json", 200.0, 40.0, 5);
  const auto fast = write_run("fast.json", 250.0, 32.0, 5);
  const auto r = run_binary(dir_, {base, fast});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("improved anonymize/concurrency:15"), std::string::npos) << r.out;
}

TEST_F(CompareEndToEnd, SingleRepetitionSaysNotStatistical) {
  const auto base = write_run("base1.json", 200.0, 40.0, 1);
  const auto slow = write_run("slow1.json", 180.0, 40.0, 1);
  const auto r = run_binary(dir_, {base, slow});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("note: 2 of 2 cases have fewer than 2 repetitions per side: their verdicts use plain "
                       "thresholds, not a statistical test"),
            std::string::npos)
      << r.out;
}

TEST_F(CompareEndToEnd, BadInputExitsTwoWithReasonOnStderr) {
  const auto base = write_run("base.json", 200.0, 40.0, 3);
  const auto junk = dir_.write("junk.json", "{not json");
  auto r = run_binary(dir_, {base, junk});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contender file: '" + junk + "' is not JSON"), std::string::npos) << r.err;

  const auto results = dir_.write("stress_test_results_20260101_120000.json", R"({"summary": {}, "results": []})");
  r = run_binary(dir_, {results, base});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("stress_test_results_*.json files are not supported yet"), std::string::npos) << r.err;

  const auto other =
      dir_.write("other.json", benchmark_json({}, {make_case("mixed/concurrency:5", noisy_repetitions(1, 1, 1, 0))}));
  r = run_binary(dir_, {base, other});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no case in common"), std::string::npos) << r.err;

  r = run_binary(dir_, {base, base, "--max_latency_rize=5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown flag '--max_latency_rize' (did you mean --max_latency_rise?)"), std::string::npos)
      << r.err;

  r = run_binary(dir_, {base});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected two files"), std::string::npos) << r.err;
}

TEST_F(CompareEndToEnd, OneSidedCasesAndMachineWarning) {
  synthetic_context laptop;
  laptop.host_name = "dev-laptop";
  laptop.num_cpus = 12;
  const auto base = dir_.write(
      "base.json", benchmark_json({}, {make_case("anonymize/concurrency:15", noisy_repetitions(3, 200, 40, 0.02)),
                                       make_case("old/concurrency:1", noisy_repetitions(3, 10, 1, 0.02))}));
  const auto contender =
      dir_.write("contender.json",
                 benchmark_json(laptop, {make_case("anonymize/concurrency:15", noisy_repetitions(3, 200, 40, 0.02)),
                                         make_case("new/concurrency:1", noisy_repetitions(3, 10, 1, 0.02))}));
  const auto r = run_binary(dir_, {base, contender});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("only in base (not compared): old/concurrency:1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("only in contender (not compared): new/concurrency:1"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("warning: runs come from different machines: host_name 'ci-runner-1' (base) vs 'dev-laptop'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("num_cpus 2 (base) vs 12 (contender)"), std::string::npos) << r.err;
}

TEST_F(CompareEndToEnd, TrendAndHelp) {
  synthetic_context later;
  later.commit = "fedcba9876543210";
  const auto r1 = write_run("r1.json", 200.0, 40.0, 3);
  const auto r2 = write_run("r2.json", 220.0, 36.0, 3, later);
  auto r = run_binary(dir_, {"trend", r1, r2});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("rps (median over repetitions) by run:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("p95_ms (median over repetitions) by run:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("#2 fedcba98"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+10.0%"), std::string::npos) << r.out;

  r = run_binary(dir_, {"trend", r1, "--counter=mean_ms", "--json=" + dir_.path("trend.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto doc = boost::json::parse(read_text(dir_.path("trend.json")));
  EXPECT_DOUBLE_EQ(doc.at("counters").at("mean_ms").at("anonymize/concurrency:15").at(0).to_number<double>(), 40.0);

  r = run_binary(dir_, {"trend", r1, "--alpha=0.1"});
  EXPECT_EQ(r.exit_code, 2);

  r = run_binary(dir_, {"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("exit status: 0 no regression, 1 regression, 2"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace shield::compare_test
