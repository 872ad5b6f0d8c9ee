#include "checks/functional/selftest/checks_runner.hpp"

#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fixtures/servers/backend_process.hpp"
#include "fixtures/servers/child_process.hpp"

namespace shield::functional_selftest {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads GoogleTest's JSON report: testsuites[].testsuite[] with result and failures.
std::string read_report(const std::string& path, std::vector<test_outcome>& out) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(read_file(path), ec);
  if (ec || !doc.is_object()) return "the JSON report " + path + " is missing or not JSON";
  const auto* suites = doc.as_object().if_contains("testsuites");
  if (!suites || !suites->is_array()) return "the JSON report has no testsuites";
  for (const auto& suite : suites->get_array()) {
    const auto& s = suite.as_object();
    const std::string suite_name(s.at("name").as_string());
    const auto* tests = s.if_contains("testsuite");
    if (!tests || !tests->is_array()) continue;
    for (const auto& test : tests->get_array()) {
      const auto& t = test.as_object();
      test_outcome o;
      o.name = suite_name + "." + std::string(t.at("name").as_string());
      if (const auto* r = t.if_contains("result"); r && r->is_string()) o.skipped = r->get_string() == "SKIPPED";
      if (const auto* f = t.if_contains("failures"); f && f->is_array() && !f->get_array().empty()) {
        o.failed = true;
        const auto& first = f->get_array().front().as_object();
        if (const auto* text = first.if_contains("failure"); text && text->is_string())
          o.first_failure = std::string(text->get_string());
      }
      out.push_back(std::move(o));
    }
  }
  return {};
}

}  // namespace

checks_run run_checks(const std::vector<std::string>& args, const std::string& dir, std::chrono::seconds limit,
                      bool json_report) {
  return run_check_program(SHIELD_CHECKS_BIN, args, dir, limit, json_report);
}

checks_run run_check_program(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                             std::chrono::seconds limit, bool json_report) {
  checks_run run;
  static int counter = 0;
  const std::string stem = dir + "/checks-run-" + std::to_string(++counter);
  std::vector<std::string> argv{binary};
  argv.insert(argv.end(), args.begin(), args.end());
  if (json_report) argv.push_back("--gtest_output=json:" + stem + ".json");
  servers::child_process child;
  const auto start = std::chrono::steady_clock::now();
  if (auto started = child.start(argv, stem + ".log"); !started) {
    run.error = started.error().message;
    return run;
  }
  run.exit_status = child.wait_exit(limit);
  if (!run.exit_status) child.stop(std::chrono::milliseconds(0));
  run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  // Whole runs against a leaking backend print ~64 KiB; the tail must still hold the first lines.
  run.output = child.log_tail(4 * 1024 * 1024);
  // The child's "[  SKIPPED ]" lines, echoed in a failure message, would make CTest's gtest skip
  // pattern report this failing test as skipped: neutralised (outcomes come from the JSON report).
  for (auto at = run.output.find("[  SKIPPED ]"); at != std::string::npos; at = run.output.find("[  SKIPPED ]", at))
    run.output.replace(at, 12, "[  skipped ]");
  if (json_report && run.exit_status) run.error = read_report(stem + ".json", run.tests);
  return run;
}

scratch_dir::scratch_dir(const std::string& prefix) : path_(servers::make_scratch_dir(prefix)) {}

scratch_dir::~scratch_dir() {
  if (path_.empty()) return;
  if (::testing::Test::HasFailure()) {
    std::cerr << "logs kept in " << path_ << "\n";
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::vector<std::string> failed_tests(const checks_run& run) {
  std::vector<std::string> out;
  for (const auto& t : run.tests) {
    if (t.failed) out.push_back(t.name);
  }
  return out;
}

std::vector<std::string> skipped_tests(const checks_run& run) {
  std::vector<std::string> out;
  for (const auto& t : run.tests) {
    if (t.skipped) out.push_back(t.name);
  }
  return out;
}

}  // namespace shield::functional_selftest
