// shield_bench: endpoint x concurrency load cases against a Shield backend, as Google Benchmark
// cases. Exit status: 0 all good, 1 a threshold failed or a case could not run, 2 usage error,
// 3 target unreachable, 130 interrupted (after reporting what was measured).

#include "benchmarks/bench/bench_options.hpp"
#include "benchmarks/bench/bench_session.hpp"
#include "git_commit.hpp"
#include "benchmarks/bench/case_runner.hpp"
#include "benchmarks/bench/html_output.hpp"
#include "benchmarks/bench/interrupt.hpp"
#include "benchmarks/bench/live_export.hpp"
#include "benchmarks/bench/live_view.hpp"
#include "benchmarks/bench/monitor_hook.hpp"
#include "benchmarks/bench/monitor_options.hpp"
#include "benchmarks/bench/payload_pool.hpp"
#include "benchmarks/bench/reporters.hpp"
#include "fixtures/client/target_setup.hpp"
#include "support/load/case_counters.hpp"
#include "support/load/fd_limit.hpp"
#include "support/report/results_file.hpp"
#include "support/report/results_table.hpp"
#include "support/report/scalability.hpp"

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

namespace {

using namespace shield;
namespace fs = std::filesystem;

constexpr int exit_failed = 1;
constexpr int exit_usage = 2;
constexpr int exit_unreachable = 3;
constexpr int exit_interrupted = 130;

int usage_error(const std::string& message) {
  std::cerr << "shield_bench: " << message << "\n(run shield_bench --help for the flags)\n";
  return exit_usage;
}

void print_help() {
  std::cout << "usage: shield_bench [flags] [--benchmark_* flags]\n\n"
               "Runs <endpoint>/concurrency:<N> load cases (every profile endpoint, plus mixed) against the\n"
               "target and writes a results file. Flags:\n"
            << bench::bench_usage() << bench::shard_usage() << bench::live_usage() << bench::monitor_usage()
            << shield::client::target_flags_usage()
            << "\nGoogle Benchmark flags work as usual, e.g. --benchmark_filter=anonymize/concurrency:15,\n"
               "--benchmark_list_tests (no server needed), --benchmark_repetitions=N,\n"
               "--benchmark_out=FILE --benchmark_out_format=json, --benchmark_format=console|json|csv.\n"
               "\nExit status: 0 passed, 1 a threshold failed or a case could not run, 2 usage error,\n"
               "3 target unreachable, 130 interrupted (Ctrl-C; what was measured is still written).\n";
}

std::string git_commit() {
  if (const char* env = std::getenv("SHIELD_GIT_COMMIT"); env != nullptr && *env != '\0') return env;
  return SHIELD_GIT_COMMIT;
}

std::vector<std::string> known_endpoints(const profile::target_profile& profile) {
  std::vector<std::string> out;
  for (const auto& ep : profile.endpoints) out.push_back(ep.name);
  out.emplace_back(load::mixed_name);
  return out;
}

report::run_configuration describe_run(const client::target_setup& setup, const bench::bench_options& o,
                                       const std::string& filter) {
  report::run_configuration c;
  c.target = setup.url.to_string();
  c.profile = setup.profile_path;
  c.profile_name = setup.profile.name;
  for (const auto& h : setup.headers) c.headers.push_back(h.description);
  c.preset = o.preset;
  c.concurrency = o.concurrency;
  c.requests = o.requests;
  c.duration_s = static_cast<double>(o.duration.count()) / 1e9;
  c.mode = o.rate > 0 ? "open" : "closed";
  c.rate = o.rate;
  c.io_threads = o.io_threads;
  c.timeout_s = static_cast<double>(setup.options.request_timeout.count()) / 1e3;
  c.connect_timeout_s = static_cast<double>(setup.options.connect_timeout.count()) / 1e3;
  c.idle_timeout_s = static_cast<double>(o.idle_timeout.value_or(setup.options.idle_timeout).count()) / 1e3;
  c.keepalive_idle_s = static_cast<double>(o.keepalive_idle.count()) / 1e3;
  c.retry = o.retry_idempotent ? "idempotent" : "none";
  c.warmup_s = static_cast<double>(o.warmup.count()) / 1e9;
  c.preflight = !o.skip_preflight;
  c.thresholds = o.thresholds;
  c.filter = filter;
  c.build_type = SHIELD_BUILD_TYPE;
  c.git_commit = git_commit();
  c.host = o.shard.host;
  if (o.shard.distributed()) {
    c.shard_index = o.shard.index;
    c.shard_count = o.shard.count;
    c.run_id = o.shard.run_id;
    c.start_at = o.shard.start_at.value_or(0.0);
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);

  // Our flags first, then the target's; what is left belongs to Google Benchmark.
  auto parsed = bench::take_bench_options(args);
  if (!parsed) return usage_error(parsed.error().message);
  auto monitor = bench::take_monitor_options(args);
  if (!monitor) return usage_error(monitor.error().message);
  auto shard = bench::take_shard_options(args, [](const char* name) { return std::getenv(name); });
  if (!shard) return usage_error(shard.error().message);
  parsed->shard = *shard;
  const auto live_parsed = bench::take_live_options(args);
  if (!live_parsed) return usage_error(live_parsed.error().message);
  const bench::live_options& live_flag = *live_parsed;
  const bench::bench_options& options = *parsed;
  if (options.help) {
    print_help();
    return 0;
  }
  const bool timeout_given =
      std::any_of(args.begin(), args.end(),
                  [](const std::string& a) { return a == "--timeout" || a.rfind("--timeout=", 0) == 0; }) ||
      std::getenv("SHIELD_TIMEOUT") != nullptr;
  auto target = client::read_target_setup(args);
  if (!target) return usage_error(target.error().message);
  const client::target_setup& setup = *target;

  const auto rules =
      stats::parse_thresholds(options.thresholds, load::known_counter_names(), known_endpoints(setup.profile));
  if (!rules) return usage_error("--thresholds='" + options.thresholds + "': " + rules.error().message);

  const bool list_only = bench::has_switch(args, "benchmark_list_tests");
  const std::string format = bench::peek_value(args, "benchmark_format");
  std::vector<char*> gb_argv{argv[0]};
  for (auto& a : args) gb_argv.push_back(a.data());
  int gb_argc = static_cast<int>(gb_argv.size());
  gb_argv.push_back(nullptr);
  benchmark::Initialize(&gb_argc, gb_argv.data());
  if (benchmark::ReportUnrecognizedArguments(gb_argc, gb_argv.data())) return exit_usage;

  // Cases come from the profile, so listing them needs no server.
  const auto selected = bench::filter_cases(bench::plan_cases(setup.profile, options.concurrency), options.filter);
  if (!selected) return usage_error(selected.error().message);
  if (selected->empty()) {
    return usage_error("--benchmark_filter='" + options.filter + "' matches no case (see --benchmark_list_tests)");
  }
  const auto& cases = *selected;
  if (list_only) {
    for (const auto& c : cases) std::cout << c.name << "\n";
    return 0;
  }
  if (auto why = bench::check_shard_concurrency(options.shard, options.concurrency, options.requests); !why.empty())
    return usage_error(why);
  const std::uint32_t max_concurrency = *std::max_element(options.concurrency.begin(), options.concurrency.end());
  if (auto why = load::ensure_open_files(load::files_needed(max_concurrency)); !why.empty()) return usage_error(why);

  bench::payload_pool_options pool;
  pool.run_seed = std::random_device{}();
  pool.sessions = std::clamp<std::uint64_t>(options.requests > 0 ? options.requests : 64, 1, 64);
  load::workload_inputs inputs = bench::make_payload_pool(pool);
  inputs.headers = setup.http_headers();
  if (timeout_given) inputs.timeout = setup.options.request_timeout;

  // The client's live exposition, up for the whole run; a bad or busy address is a usage error.
  std::unique_ptr<bench::live_export> live;
  if (live_flag.listen) {
    live = std::make_unique<bench::live_export>(setup.profile);
    if (auto why = live->start(*live_flag.listen); !why.empty())
      return usage_error("--metrics_listen=" + live_flag.text + ": " + why);
    std::fprintf(stderr, "client metrics: %s\n", live->url().c_str());
  }

  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  const std::string target_url = setup.url.to_string();
  bench::observer_factory observers = [&options, &monitor, &target_url, terminal, &live](const bench::case_spec& spec) {
    auto fan = std::make_unique<bench::observer_fanout>();
    if (live) fan->add(live->observe(spec));
    if (terminal && !options.monitor) fan->add(std::make_unique<bench::progress_line>(spec.name, stderr));
    fan->add(bench::make_monitor(spec, options, *monitor, target_url));
    return fan->empty() ? nullptr : std::unique_ptr<load::interval_observer>(std::move(fan));
  };
  bench::case_runner runner(setup, options, *rules, std::move(inputs), &bench::interrupt_flag(), observers);
  bench::bench_session session(runner, bench::interrupt_flag());
  session.register_cases(cases, options.repetitions);

  if (options.skip_preflight) {
    std::cerr << "shield_bench: --skip_preflight: no health probe; an unreachable target shows as failed requests\n";
  } else if (auto why = client::preflight(setup); !why.empty()) {
    std::cerr << "shield_bench: " << why << " (--skip_preflight runs the load anyway)\n";
    return exit_unreachable;
  }

  benchmark::AddCustomContext("shield_build_type", SHIELD_BUILD_TYPE);
  benchmark::AddCustomContext("shield_target", setup.url.to_string());
  benchmark::AddCustomContext("shield_preset", options.preset);
  benchmark::AddCustomContext("shield_mode", options.rate > 0 ? "open" : "closed");
  benchmark::AddCustomContext("shield_profile", setup.profile.name);
  if (const std::string commit = git_commit(); !commit.empty())
    benchmark::AddCustomContext("shield_git_commit", commit);
  if (options.shard.distributed()) {
    benchmark::AddCustomContext("shield_run_id", options.shard.run_id);
    benchmark::AddCustomContext("shield_shard",
                                std::to_string(options.shard.index) + "/" + std::to_string(options.shard.count));
    benchmark::AddCustomContext("shield_host", options.shard.host);
  }

  // Google Benchmark opens --benchmark_out before the first case: its directory must exist.
  const std::string bench_out = bench::peek_value(args, "benchmark_out");
  for (const auto& dir : {fs::path(options.results_dir), fs::path(bench_out).parent_path()}) {
    std::error_code ec;
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) return usage_error("cannot create the directory " + dir.string() + ": " + ec.message());
  }

  bench::install_interrupt_handlers();
  const auto started = std::chrono::system_clock::now();
  auto display = bench::make_display_reporter(args);
  auto file = bench::make_file_reporter(args);
  benchmark::RunSpecifiedBenchmarks(display.get(), file.get());
  const auto finished = std::chrono::system_clock::now();
  benchmark::Shutdown();
  // A scraper (Prometheus) gets one more look, so the last case's final counts reach it.
  if (live && !bench::interrupt_flag().load()) live->wait_for_final_scrape(std::chrono::seconds(30));

  // The summary goes where the console table went, unless stdout carries JSON or CSV.
  std::FILE* out = format.empty() || format == "console" ? stdout : stderr;
  report::results_document doc;
  doc.cases = session.take_records();
  std::fprintf(out, "\n%s", report::summary_table(doc.cases).c_str());
  doc.configuration = describe_run(setup, options, options.filter);
  doc.started = report::iso_local_time(started);
  doc.finished = report::iso_local_time(finished);
  doc.interrupted = bench::interrupt_flag().load();
  doc.process = report::current_process_usage();
  const boost::json::value results_json = report::results_to_json(doc);
  std::fprintf(out, "%s",
               report::scalability_lines(report::scalability_from_cases(results_json.at("cases").as_array())).c_str());
  const auto written = report::write_results(options.results_dir, doc, started);
  if (!written) {
    std::fprintf(stderr, "shield_bench: results not written: %s\n", written.error().message.c_str());
  } else {
    std::fprintf(out, "results: %s\n", written->c_str());
    const auto html = bench::write_run_report(doc, *written, options.results_dir, options.monitor, started, finished);
    if (html.error.empty())
      std::fprintf(out, "report: %s\n", html.path.c_str());
    else
      std::fprintf(stderr, "shield_bench: HTML report not written: %s\n", html.error.c_str());
  }
  std::fflush(out);

  if (doc.interrupted) return exit_interrupted;
  const bool all_good = std::all_of(doc.cases.begin(), doc.cases.end(), [](const report::case_record& r) {
    return r.error.empty() && r.thresholds_passed();
  });
  return all_good && written ? 0 : exit_failed;
}
