#include "monitor_hook.hpp"

#include "live_view.hpp"

#include <cstdio>

namespace shield::bench {

std::unique_ptr<load::interval_observer> make_monitor(const case_spec& spec, const bench_options& options) {
  if (!options.monitor) return nullptr;
  return std::make_unique<monitor_lines>(spec.name, stderr);
}

}  // namespace shield::bench
