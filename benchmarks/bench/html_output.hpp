#pragma once
// The HTML report of a shield_bench run, written beside the results file with the monitor's
// metrics reports of the same run (found by their time stamps in the results directory).

#include "support/base/result.hpp"
#include "support/report/results/results_document.hpp"

#include <chrono>
#include <string>

namespace shield::bench {

// Renders the run's results (and, with --monitor, the metrics_report_*.json files stamped between
// `started` and `finished` for this target) to stress_test_report_<stamp>.html beside `results_path`;
// the file written, or why not.
base::result<std::string> write_run_report(const report::results_document& document, const std::string& results_path,
                                           const std::string& results_dir, bool monitor,
                                           std::chrono::system_clock::time_point started,
                                           std::chrono::system_clock::time_point finished);

}  // namespace shield::bench
