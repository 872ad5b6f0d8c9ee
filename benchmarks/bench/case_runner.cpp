#include "benchmarks/bench/case_runner.hpp"

#include "support/report/results/case_verdicts.hpp"

#include "support/load/case_counters.hpp"
#include "support/stats/grade.hpp"
#include "support/stats/latency_summary.hpp"
#include "support/stats/threshold_check.hpp"
#include "support/http/tls_context.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <chrono>
#include <cstdio>
#include <regex>
#include <thread>

namespace shield::bench {

std::string case_name(std::string_view endpoint, std::uint32_t concurrency) {
  return std::string(endpoint) + "/concurrency:" + std::to_string(concurrency);
}

std::vector<case_spec> plan_cases(const profile::target_profile& profile,
                                  const std::vector<std::uint32_t>& concurrency) {
  std::vector<std::string> endpoints;
  for (const auto& ep : profile.endpoints) endpoints.push_back(ep.name);
  if (!load::mixed_endpoints(profile).empty()) endpoints.emplace_back(load::mixed_name);
  std::vector<case_spec> out;
  for (const auto& e : endpoints) {
    for (auto n : concurrency) out.push_back({case_name(e, n), e, n});
  }
  return out;
}

base::result<std::vector<case_spec>> filter_cases(const std::vector<case_spec>& cases, const std::string& filter) {
  std::vector<case_spec> out;
  std::string spec = filter.empty() || filter == "all" ? "." : filter;
  const bool negative = spec.front() == '-';
  if (negative) spec.erase(0, 1);
  std::regex re;
  try {
    re = std::regex(spec, std::regex::extended);
  } catch (const std::regex_error& e) {
    return base::fail("--benchmark_filter='" + filter + "' is not a valid regular expression: " + e.what());
  }
  for (const auto& c : cases) {
    if (std::regex_search(c.name, re) != negative) out.push_back(c);
  }
  return out;
}

std::vector<std::string> rules_applying_to_no_case(const std::vector<stats::threshold_rule>& rules,
                                                   const std::vector<case_spec>& cases,
                                                   const profile::target_profile& profile) {
  const auto& stream_names = load::stream_counter_names();
  const auto streams = [&profile](const std::string& endpoint) {
    for (const auto& ep : profile.endpoints) {
      if ((endpoint == load::mixed_name || ep.name == endpoint) && ep.response == profile::response_kind::sse)
        return true;
    }
    return false;
  };
  std::vector<std::string> out;
  for (const auto& rule : rules) {
    const bool stream_rule = std::find(stream_names.begin(), stream_names.end(), rule.counter) != stream_names.end();
    const bool applies = std::any_of(cases.begin(), cases.end(), [&](const case_spec& c) {
      return (rule.endpoint.empty() || rule.endpoint == c.endpoint) && (!stream_rule || streams(c.endpoint));
    });
    if (!applies) out.push_back(stats::to_string(rule));
  }
  return out;
}

case_runner::case_runner(const client::target_setup& setup, const bench_options& options,
                         std::vector<stats::threshold_rule> rules, load::workload_inputs inputs,
                         const std::atomic<bool>* stop, observer_factory observers)
    : setup_(setup),
      options_(options),
      rules_(std::move(rules)),
      inputs_(std::move(inputs)),
      stop_(stop),
      observers_(std::move(observers)) {
  target_.url = setup.url;
  target_.options = setup.options;
  if (options.idle_timeout) target_.options.idle_timeout = *options.idle_timeout;
  target_.options.keepalive_idle = options.keepalive_idle;
  target_.source_addresses = options.source_addresses;
  target_.options.retry_idempotent = options.retry_idempotent;
  if (setup.url.tls()) target_.tls = std::make_shared<http::tls_context>(setup.options);
}

base::result<const load::workload*> case_runner::workload_for(const std::string& endpoint) {
  if (auto it = workloads_.find(endpoint); it != workloads_.end()) return &it->second;
  auto built = endpoint == load::mixed_name ? load::build_mixed_workload(setup_.profile, inputs_)
                                            : load::build_endpoint_workload(setup_.profile, endpoint, inputs_);
  if (!built) return built.error();
  return &workloads_.emplace(endpoint, std::move(*built)).first->second;
}

base::result<void> case_runner::set_up_sessions(const load::workload& work, std::uint32_t concurrency) {
  std::vector<std::string> names;
  for (const auto& e : work.endpoints) names.push_back(e.name);
  for (const auto& stage : load::build_setup_stages(setup_.profile, names, inputs_)) {
    if (prepared_.count(stage.name) != 0) continue;
    load::load_config config;
    config.concurrency = std::min<std::uint32_t>(concurrency, static_cast<std::uint32_t>(stage.pool.size()));
    config.requests = stage.pool.size();
    config.stop = stop_;
    const load::load_result r = load::run_load(config, stage, target_);
    if (!r.error.empty()) return base::fail("setup (" + stage.name + "): " + r.error);
    if (r.interrupted) return base::fail("setup (" + stage.name + ") interrupted");
    if (r.totals.ok != stage.pool.size()) {
      std::string first;
      for (auto kind : load::all_failures) {
        const auto& t = r.totals.outcomes[load::index_of(kind)];
        if (!t.messages.empty()) {
          first = t.messages.front();
          break;
        }
      }
      return base::fail("setup: " + std::to_string(stage.pool.size() - r.totals.ok) + " of " +
                        std::to_string(stage.pool.size()) + " " + stage.name +
                        " requests creating sessions failed (first: " + first + ")");
    }
    prepared_.insert(stage.name);
  }
  return {};
}

bool case_runner::wait_for_start() {
  if (!options_.shard.start_at) return true;
  using namespace std::chrono;
  const auto start =
      system_clock::time_point(duration_cast<system_clock::duration>(duration<double>(*options_.shard.start_at)));
  const auto wait = duration<double>(start - system_clock::now()).count();
  if (wait <= 0) {
    std::fprintf(stderr, "shield_bench: shard %u/%u started %.3f s after --start_at\n", options_.shard.index,
                 options_.shard.count, -wait);
    return true;
  }
  std::fprintf(stderr, "shield_bench: shard %u/%u of run %s waits %.3f s for the start time\n", options_.shard.index,
               options_.shard.count, options_.shard.run_id.c_str(), wait);
  // Short sleeps: Ctrl-C during the wait still stops the run promptly.
  while (system_clock::now() < start && !(stop_ != nullptr && stop_->load())) {
    std::this_thread::sleep_for(std::min<system_clock::duration>(start - system_clock::now(), milliseconds(20)));
  }
  return !(stop_ != nullptr && stop_->load());
}

report::case_record case_runner::run(const case_spec& spec, int repetition) {
  load::load_config config;
  config.mode = options_.open_loop ? load::load_mode::open : load::load_mode::closed;
  config.requests = options_.requests;
  config.duration = options_.duration;
  config.rate = options_.rate;
  if (!options_.stages.empty()) config.shape = load::load_shape(options_.stages_start, options_.stages);
  return run_with(spec, repetition, std::move(config));
}

report::case_record case_runner::run_with(const case_spec& spec, int repetition, load::load_config config) {
  report::case_record rec;
  rec.name = spec.name;
  rec.endpoint = spec.endpoint;
  rec.repetition = repetition;
  const auto built = workload_for(spec.endpoint);
  auto ready = built ? set_up_sessions(**built, spec.concurrency) : base::result<void>(built.error());
  if (!ready) {
    rec.error = std::move(ready.error().message);
    return rec;
  }
  const load::workload* work = *built;

  config.concurrency = spec.concurrency;
  config.io_threads = options_.io_threads;
  config.stop = stop_;
  config.shard_index = options_.shard.index;
  config.shard_count = options_.shard.count;
  if (options_.warmup.count() > 0) {
    load::load_config warm = config;  // same traffic, its own connections; its figures are discarded
    warm.requests = 0;
    warm.duration = options_.warmup;
    warm.shape = {};  // at the start value
    if (warm.mode == load::load_mode::closed || warm.rate > 0) load::run_load(warm, *work, target_);
  }
  auto observer = observers_ ? observers_(spec) : nullptr;
  if (!waited_) {
    waited_ = true;
    if (!wait_for_start()) {
      rec.error = "interrupted before the start time";
      return rec;
    }
  }
  rec.started_unix = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const report::process_usage cpu_before = report::current_process_usage();
  rec.result = load::run_load(config, *work, target_, observer.get());
  const report::process_usage cpu_after = report::current_process_usage();
  // The client is this process: every thread's CPU during the measured load (no warm-up, no set-up).
  rec.client_cpu_s =
      (cpu_after.cpu_user_s - cpu_before.cpu_user_s) + (cpu_after.cpu_system_s - cpu_before.cpu_system_s);
  if (!rec.result.error.empty()) {
    rec.error = rec.result.error;
    return rec;
  }
  if (const auto not_sent = rec.result.totals.outcomes[load::index_of(load::outcome::not_sent)].count; not_sent > 0) {
    std::fprintf(stderr,
                 "shield_bench: case '%s': %llu of %llu requests due were never sent: the client ran out of "
                 "connections (all %u busy); raise --concurrency or lower --rate (%g/s)\n",
                 spec.name.c_str(), static_cast<unsigned long long>(not_sent),
                 static_cast<unsigned long long>(rec.result.totals.requests), spec.concurrency, config.rate);
  }
  if (rec.result.totals.requests == 0) {
    rec.error = rec.result.interrupted ? "interrupted before any request completed" : "no request completed";
    return rec;
  }
  report::grade_and_judge(rec, rules_);
  return rec;
}

}  // namespace shield::bench
