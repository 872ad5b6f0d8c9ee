#include "benchmarks/bench/monitor_hook.hpp"

#include "benchmarks/bench/live_view.hpp"
#include "benchmarks/bench/monitor_options.hpp"
#include "benchmarks/bench/monitor_run.hpp"

#include <cstdio>

namespace shield::bench {

std::unique_ptr<load::interval_observer> make_monitor(const case_spec& spec, const bench_options& options,
                                                      const monitor_settings& settings,
                                                      const client::target_setup& setup) {
  if (!options.monitor) return nullptr;
  monitor_run_config config;
  config.case_name = spec.name;
  if (!options.stages.empty())
    config.stage_phases = load::stage_phases(load::load_shape(options.stages_start, options.stages));
  config.results_dir = options.results_dir;
  config.settings = settings;
  config.target_url = setup.url.to_string();
  config.tls = setup.options;
  config.headers = setup.http_headers();
  auto fan = std::make_unique<observer_fanout>();
  fan->add(std::make_unique<monitor_lines>(spec.name, stderr));
  fan->add(std::make_unique<monitor_run>(std::move(config)));
  return fan;
}

}  // namespace shield::bench
