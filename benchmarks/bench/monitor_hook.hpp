#pragma once
// The --monitor hook: what a monitor plugs into for each case. The load engine calls the observer
// once per interval (counts and an interval histogram, from the controlling thread); support/monitor
// is wired in by replacing make_monitor's body, nothing else in shield_bench changes.

#include "bench_options.hpp"
#include "case_runner.hpp"
#include "load/interval_observer.hpp"

#include <memory>

namespace shield::bench {

// The monitor of one case, or null when --monitor is off. Today: monitor_lines on stderr.
std::unique_ptr<load::interval_observer> make_monitor(const case_spec& spec, const bench_options& options);

}  // namespace shield::bench
