#include "benchmarks/bench/bench_parse.hpp"

#include "benchmarks/bench/reporters.hpp"
#include "benchmarks/bench/shape_options.hpp"

#include "support/base/flags.hpp"
#include "support/load/case_counters.hpp"
#include "support/load/fd_limit.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace shield::bench {
namespace {

void print_help() {
  std::cout << "usage: shield_bench [flags] [--benchmark_* flags]\n\n"
               "Runs <endpoint>/concurrency:<N> load cases (every profile endpoint, plus mixed) against the\n"
               "target and writes a results file. Flags:\n"
            << bench::bench_usage() << bench::shape_usage() << bench::shard_usage() << bench::live_usage()
            << bench::monitor_usage() << shield::client::target_flags_usage()
            << "\nGoogle Benchmark flags work as usual, e.g. --benchmark_filter=anonymize/concurrency:15,\n"
               "--benchmark_list_tests (no server needed), --benchmark_repetitions=N,\n"
               "--benchmark_out=FILE --benchmark_out_format=json, --benchmark_format=console|json|csv.\n"
               "--benchmark_out is written whole after the run (temporary file, fsync, rename) or not at all.\n"
               "\nExit status: 0 passed, 1 a threshold failed, a case could not run or an output file could not\n"
               "be written, 2 usage error, 3 target unreachable, 130 interrupted (Ctrl-C, SIGTERM, SIGHUP; what\n"
               "was measured is still written).\n";
}

std::vector<std::string> known_endpoints(const profile::target_profile& profile) {
  std::vector<std::string> out;
  for (const auto& ep : profile.endpoints) out.push_back(ep.name);
  out.emplace_back(load::mixed_name);
  return out;
}

parse_outcome stop(int status) { return parse_outcome{status, {}}; }

}  // namespace

int usage_error(const std::string& message) {
  std::cerr << "shield_bench: " << message << "\n(run shield_bench --help for the flags)\n";
  return exit_usage;
}

parse_outcome parse_command_line(int argc, char** argv) {
  parse_outcome out;
  command_line& c = out.command;
  c.args.assign(argv + 1, argv + argc);
  std::vector<std::string>& args = c.args;

  // Our flags first, then the target's; what is left belongs to Google Benchmark.
  auto parsed = bench::take_bench_options(args);
  if (!parsed) return stop(usage_error(parsed.error().message));
  if (auto shaped = bench::take_shape_options(args, *parsed); !shaped) return stop(usage_error(shaped.error().message));
  auto monitor = bench::take_monitor_options(args);
  if (!monitor) return stop(usage_error(monitor.error().message));
  auto shard = bench::take_shard_options(args, [](const char* name) { return std::getenv(name); });
  if (!shard) return stop(usage_error(shard.error().message));
  parsed->shard = *shard;
  auto live_parsed = bench::take_live_options(args);
  if (!live_parsed) return stop(usage_error(live_parsed.error().message));
  c.live = std::move(*live_parsed);
  c.monitor = *monitor;
  c.options = std::move(*parsed);
  const bench_options& options = c.options;
  if (options.help) {
    print_help();
    return stop(0);
  }
  c.timeout_given =
      std::any_of(args.begin(), args.end(),
                  [](const std::string& a) { return a == "--timeout" || a.rfind("--timeout=", 0) == 0; }) ||
      std::getenv("SHIELD_TIMEOUT") != nullptr;
  auto target = client::read_target_setup(args);
  if (!target) return stop(usage_error(target.error().message));
  c.setup = std::move(*target);
  const client::target_setup& setup = c.setup;

  auto rules = stats::parse_thresholds(options.thresholds, load::known_counter_names(), known_endpoints(setup.profile));
  if (!rules) return stop(usage_error("--thresholds='" + options.thresholds + "': " + rules.error().message));
  c.rules = std::move(*rules);
  if (options.find_capacity) {
    auto slo = stats::parse_thresholds(options.slo, load::known_counter_names(), known_endpoints(setup.profile));
    if (!slo) return stop(usage_error("--slo='" + options.slo + "': " + slo.error().message));
    if (slo->empty()) return stop(usage_error("--slo='" + options.slo + "': needs at least one clause"));
    c.slo = std::move(*slo);
  }

  const bool list_only = base::has_switch(args, "benchmark_list_tests");
  c.format = base::peek_value(args, "benchmark_format");
  // Google Benchmark would write --benchmark_out as it goes (half a file on a full disk or a signal).
  take_benchmark_out(args, c.bench_out, c.bench_out_format);
  std::vector<char*> gb_argv{argv[0]};
  for (auto& a : args) gb_argv.push_back(a.data());
  int gb_argc = static_cast<int>(gb_argv.size());
  gb_argv.push_back(nullptr);
  benchmark::Initialize(&gb_argc, gb_argv.data());
  if (benchmark::ReportUnrecognizedArguments(gb_argc, gb_argv.data())) return stop(exit_usage);

  // Cases come from the profile, so listing them needs no server.
  auto selected = bench::filter_cases(bench::plan_cases(setup.profile, options.concurrency), options.filter);
  if (!selected) return stop(usage_error(selected.error().message));
  if (selected->empty()) {
    return stop(
        usage_error("--benchmark_filter='" + options.filter + "' matches no case (see --benchmark_list_tests)"));
  }
  c.cases = std::move(*selected);
  if (options.find_capacity && !list_only) {
    // Several cases: a concurrency sweep of the one endpoint, whose USL fit seeds the search.
    const bool one_endpoint = std::all_of(c.cases.begin(), c.cases.end(),
                                          [&](const case_spec& s) { return s.endpoint == c.cases.front().endpoint; });
    if (!one_endpoint)
      return stop(usage_error("--find_capacity searches one endpoint; --benchmark_filter='" + options.filter +
                              "' picks " + std::to_string(c.cases.size()) +
                              " cases of several (e.g. --benchmark_filter=^anonymize/)"));
    if (c.cases.size() == 2)
      return stop(
          usage_error("--find_capacity with --concurrency: one value (connections), or a sweep of 3 or "
                      "more to seed the search from its USL fit"));
  }
  if (list_only) {
    for (const auto& spec : c.cases) std::cout << spec.name << "\n";
    return stop(0);
  }
  if (const auto idle = rules_applying_to_no_case(c.rules, c.cases, setup.profile); !idle.empty()) {
    std::string cases;
    for (const auto& spec : c.cases) cases += (cases.empty() ? "" : ", ") + spec.name;
    return stop(usage_error("--thresholds: rule '" + idle.front() + "' applies to no case of this run (" + cases +
                            "); a rule on a streaming counter needs a streaming case"));
  }
  if (options.concurrency_from_rate) {
    std::cerr << "shield_bench: --rate=" << options.rate << " without --concurrency: " << options.concurrency.front()
              << " connections (ceil(rate x 1 s), at least the preset's, at most " << open_loop_max_connections
              << "); --concurrency=N sets them\n";
  }
  if (auto split = bench::check_shard_concurrency(options.shard, options.concurrency, options.requests); !split)
    return stop(usage_error(split.error().message));
  const std::uint32_t max_concurrency = *std::max_element(options.concurrency.begin(), options.concurrency.end());
  // A shard holds only its share of the connections (remainders go to the lowest shards).
  const std::uint64_t shards = options.shard.distributed() ? options.shard.count : 1;
  const std::uint64_t index = options.shard.distributed() ? options.shard.index : 0;
  const std::uint64_t held = max_concurrency / shards + (index < max_concurrency % shards ? 1 : 0);
  if (auto files = load::ensure_open_files(load::files_needed(held)); !files)
    return stop(usage_error(files.error().message));
  return out;
}

}  // namespace shield::bench
