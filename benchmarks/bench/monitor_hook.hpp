#pragma once
// The --monitor hook: the load engine calls the observer once per interval (counts and an interval
// histogram, from the controlling thread).

#include "benchmarks/bench/bench_options.hpp"
#include "benchmarks/bench/case_runner.hpp"
#include "support/load/interval_observer.hpp"
#include "benchmarks/bench/monitor_options.hpp"
#include "support/client/target_setup.hpp"

#include <memory>
#include <string>

namespace shield::bench {

// The monitor of one case, or null when --monitor is off: monitor_lines on stderr plus a
// monitor_run (samples, metrics_report_*.json, metrics_chart_*.png, verdicts; see monitor_run.hpp).
// It scrapes the target's /metrics as the load reaches it: same TLS settings and profile headers.
std::unique_ptr<load::interval_observer> make_monitor(const case_spec& spec, const bench_options& options,
                                                      const monitor_settings& settings,
                                                      const client::target_setup& setup);

}  // namespace shield::bench
