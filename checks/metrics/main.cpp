// shield_metrics_checks: the target's /metrics against the expected metrics, the dashboard's
// queries against what the target exposes, and the same queries on a real Prometheus. Given a
// dashboard and a Prometheus but no target, only the dashboard is checked, against that Prometheus.
#include <gtest/gtest.h>

#include <iostream>

#include "checks/client/gtest_target.hpp"
#include "checks/client/secret_scrubbing.hpp"
#include "checks/client/target_watch.hpp"
#include "support/base/read_file.hpp"
#include "support/base/flags.hpp"
#include "support/base/secrets.hpp"
#include "checks/metrics/metrics_run.hpp"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "usage: shield_metrics_checks [gtest flags] [flags]\n"
                << shield::client::target_flags_usage() << shield::metrics::metrics_flags_usage();
      return 0;
    }
  }
  auto setup = shield::client::read_target_setup(args);
  if (!setup) {
    std::cerr << "shield_metrics_checks: " << setup.error() << "\n";
    return 2;
  }
  auto read_config = shield::metrics::read_metrics_config(args, *setup);
  if (!read_config) {
    std::cerr << "shield_metrics_checks: " << read_config.error() << "\n";
    return 2;
  }
  shield::metrics::metrics_config config = std::move(*read_config);
  if (const auto unknown = shield::base::reject_unknown(args); !unknown) {
    std::cerr << "shield_metrics_checks: " << unknown.error() << " (see --help)\n";
    return 2;
  }
  // An unreadable dashboard is bad input, not a check result: no dashboard check may report OK.
  if (const auto dashboard = shield::base::read_file(setup->dashboard_path); !dashboard) {
    std::cerr << "shield_metrics_checks: cannot read the dashboard: " << dashboard.error().message << "\n";
    return 2;
  }
  for (const auto& line : setup->describe()) {
    // Without a target the default URL, its profile and headers are not used.
    const bool target_line =
        line.starts_with("target: ") || line.starts_with("profile: ") || line.starts_with("header: ");
    if (config.with_target || !target_line) std::cout << "[ setup    ] " << line << "\n";
  }
  if (!config.with_target) std::cout << "[ setup    ] target: none (a dashboard without --target or SHIELD_TARGET)\n";
  std::cout << "[ setup    ] expected metrics: " << (config.expected_file.empty() ? "none" : config.expected_file)
            << "\n";
  if (config.with_target) {
    if (const auto reached = shield::client::preflight(*setup); !reached) {
      std::cerr << "shield_metrics_checks: " << reached.error() << "\n";
      return 1;
    }
  }
  const bool some_not_applicable = shield::metrics::filter_out_not_applicable(config);
  const bool with_target = config.with_target;
  shield::client::set_current_target(std::move(*setup));
  shield::metrics::set_metrics_config(std::move(config));
  shield::client::install_secret_scrubbing();
  // The watch probes the target after a failed check; without one there is nothing to probe.
  const shield::client::target_watch* watch =
      with_target ? &shield::client::install_target_watch("shield_metrics_checks") : nullptr;
  int status = RUN_ALL_TESTS();
  if (const auto scrubbed = shield::client::scrub_gtest_output_file(); !scrubbed) {
    std::cerr << "shield_metrics_checks: " << scrubbed.error() << "\n";
    status = 1;
  }
  // A run in which every selected check was not applicable checked nothing: that is not a pass.
  if (some_not_applicable && !GTEST_FLAG_GET(list_tests) &&
      ::testing::UnitTest::GetInstance()->test_to_run_count() == 0) {
    std::cerr
        << "shield_metrics_checks: no check ran: every check selected needs what this run lacks (see n/a above)\n";
    return 1;
  }
  if (watch != nullptr && watch->stopped()) {
    std::cerr << "shield_metrics_checks: stopped early: " << shield::base::scrub(watch->reason()) << "\n";
    return 1;
  }
  return status;
}
