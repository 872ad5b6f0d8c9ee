// shield_checks: reads the target setup, fails fast when the target is unreachable, runs the checks.
#include <gtest/gtest.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "checks/functional/check_context.hpp"
#include "checks/functional/check_http.hpp"
#include "checks/client/gtest_target.hpp"
#include "checks/client/secret_scrubbing.hpp"
#include "checks/client/target_watch.hpp"
#include "support/base/flags.hpp"
#include "support/base/secrets.hpp"
#include "checks/functional/pii_scope.hpp"

namespace {

constexpr int exit_usage = 2;        // unknown flag or bad flag value
constexpr int exit_unreachable = 1;  // the preflight failed
constexpr int exit_target_gone = 1;  // the target stopped answering during the run

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h" || a == "-?" || a == "/?" || a == "--gtest_help") return true;
  }
  return false;
}

void print_usage() {
  std::cout << "\nshield_checks flags (besides the --gtest_* flags above):\n"
            << shield::client::target_flags_usage()
            << "  --seed=N            payload seed (SHIELD_SEED; default: random, printed at start)\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool help = wants_help(args);

  // Our flags first, so GoogleTest only sees its own and the rest.
  auto setup = shield::client::read_target_setup(args);
  if (!setup) {
    std::cerr << "shield_checks: " << setup.error() << "\n";
    return exit_usage;
  }
  if (const auto seeded = shield::functional::take_seed(args); !seeded) {
    std::cerr << "shield_checks: " << seeded.error() << "\n";
    return exit_usage;
  }
  shield::client::set_current_target(std::move(*setup));

  // GoogleTest takes its flags out of argv; parameterized suites read the profile here.
  std::vector<char*> gtest_argv{argv[0]};
  for (auto& a : args) gtest_argv.push_back(a.data());
  int gtest_argc = static_cast<int>(gtest_argv.size());
  gtest_argv.push_back(nullptr);
  ::testing::InitGoogleTest(&gtest_argc, gtest_argv.data());
  if (help) {
    print_usage();
    return 0;
  }
  const std::vector<std::string> rest(gtest_argv.begin() + 1, gtest_argv.begin() + gtest_argc);
  if (const auto unknown = shield::base::reject_unknown(rest); !unknown) {
    std::cerr << "shield_checks: " << unknown.error() << " (see --help)\n";
    return exit_usage;
  }
  if (!rest.empty()) {
    std::cerr << "shield_checks: unexpected argument '" << rest.front() << "' (see --help)\n";
    return exit_usage;
  }
  if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();

  // One clear sentence instead of a hundred red tests when the target is down.
  const auto& target = shield::client::current_target();
  if (const auto reached = shield::client::preflight(target); !reached) {
    std::cerr << "shield_checks: " << reached.error() << "\n";
    return exit_unreachable;
  }
  if (const auto answered = shield::functional::probe_answers_as_profiled(target); !answered) {
    std::cerr << "shield_checks: " << answered.error() << "\n";
    return exit_unreachable;
  }
  for (const auto& line : target.describe()) std::cout << "shield_checks: " << line << "\n";
  std::cout << "shield_checks: " << shield::functional::describe_scope(target.profile) << "\n";
  std::cout << "shield_checks: seed " << shield::functional::run_seed() << " (replay with --seed)\n" << std::flush;
  shield::client::install_secret_scrubbing();
  const auto& watch = shield::client::install_target_watch("shield_checks");
  int status = RUN_ALL_TESTS();
  if (const auto scrubbed = shield::client::scrub_gtest_output_file(); !scrubbed) {
    std::cerr << "shield_checks: " << scrubbed.error() << "\n";
    status = 1;
  }
  if (const auto unchecked = shield::profile::unchecked_pii_kinds(target.profile); !unchecked.empty())
    std::cout << "shield_checks: " << shield::functional::describe_scope(target.profile) << "\n";
  if (watch.stopped()) {
    std::cerr << "shield_checks: stopped early: " << shield::base::scrub(watch.reason()) << "\n";
    return exit_target_gone;
  }
  return status;
}
