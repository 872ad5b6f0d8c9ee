// shield_metrics_checks: the target's /metrics against the expected metrics, the dashboard's
// queries against what the target exposes, and the same queries on a real Prometheus.
#include <gtest/gtest.h>

#include <iostream>

#include "fixtures/client/gtest_target.hpp"
#include "fixtures/client/secret_scrubbing.hpp"
#include "fixtures/client/target_watch.hpp"
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
  for (const auto& line : setup->describe()) std::cout << "[ setup    ] " << line << "\n";
  std::cout << "[ setup    ] expected metrics: " << config.expected_file << "\n";
  if (const auto reached = shield::client::preflight(*setup); !reached) {
    std::cerr << "shield_metrics_checks: " << reached.error() << "\n";
    return 1;
  }
  shield::client::set_current_target(std::move(*setup));
  shield::metrics::set_metrics_config(std::move(config));
  shield::client::install_secret_scrubbing();
  const auto& watch = shield::client::install_target_watch("shield_metrics_checks");
  int status = RUN_ALL_TESTS();
  if (const auto scrubbed = shield::client::scrub_gtest_output_file(); !scrubbed) {
    std::cerr << "shield_metrics_checks: " << scrubbed.error() << "\n";
    status = 1;
  }
  if (watch.stopped()) {
    std::cerr << "shield_metrics_checks: stopped early: " << shield::base::scrub(watch.reason()) << "\n";
    return 1;
  }
  return status;
}
