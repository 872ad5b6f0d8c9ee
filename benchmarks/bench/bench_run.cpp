#include "benchmarks/bench/bench_run.hpp"

#include "benchmarks/bench/bench_describe.hpp"
#include "benchmarks/bench/bench_session.hpp"
#include "benchmarks/bench/interrupt.hpp"
#include "benchmarks/bench/live_view.hpp"
#include "benchmarks/bench/monitor_hook.hpp"
#include "benchmarks/bench/payload_pool.hpp"
#include "benchmarks/bench/reporters.hpp"
#include "benchmarks/bench/shape_options.hpp"
#include "support/report/results/scalability.hpp"

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>

namespace shield::bench {
namespace {

namespace fs = std::filesystem;

run_outcome stop(int status) { return run_outcome{status, {}, {}, {}, {}, {}}; }

// Whether a file can be created beside `path` (its directory is writable); the failure says why not.
base::result<void> probe_writable(const std::string& path) {
  const std::string probe = path + ".probe." + std::to_string(::getpid());
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return base::fail("cannot create a file there: " + std::string(std::strerror(errno)));
  ::close(fd);
  ::unlink(probe.c_str());
  return {};
}

// --find_capacity over several concurrencies: each run closed loop for one step's length (cases of
// the run); the USL fit's peak throughput (else the highest measured) seeds the search.
void sweep_for_seed(const command_line& command, case_runner& runner, capacity_options& search, run_outcome& out,
                    std::FILE* console) {
  const auto began = std::chrono::steady_clock::now();
  for (const case_spec& c : command.cases) {
    if (bench::interrupt_flag().load()) return;
    report::case_record rec = runner.run_sweep_case(c, command.options.capacity_step);
    std::fprintf(console, "capacity sweep %s: %.1f/s%s\n", c.name.c_str(), rec.result.requests_per_second(),
                 rec.error.empty() ? "" : (" (" + rec.error + ")").c_str());
    out.cases.push_back(std::move(rec));
  }
  const auto rows = report::scalability_from_cases(out.cases);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (rows.empty() || !rows.front().fit.ok()) {
    std::fprintf(console, "capacity sweep took %.1f s; no USL fit (%s): the search starts unseeded\n", took,
                 rows.empty() ? "fewer than 3 concurrencies ran" : rows.front().fit.error.c_str());
    return;
  }
  const stats::usl_fit& fit = rows.front().fit;
  double measured = 0;
  for (const auto& p : rows.front().points) measured = std::max(measured, p.throughput);
  const bool peaked = std::isfinite(fit.peak_throughput);
  search.seed_rps = std::min(peaked ? fit.peak_throughput : measured, search.max_rps);
  std::fprintf(console, "capacity sweep took %.1f s; seed %.1f/s (%s; fit error %.1f %%)\n", took, *search.seed_rps,
               peaked ? "the USL fit's peak throughput" : "no peak in the fit: the highest measured throughput",
               fit.rms_error_percent);
}

// --find_capacity: the search over the one selected case (seeded by a sweep when several are).
void search_capacity(const command_line& command, case_runner& runner, run_outcome& out) {
  const bench_options& o = command.options;
  capacity_options search;
  search.slo = command.slo;
  search.start_rps = o.capacity_start;
  search.precision = o.capacity_precision;
  search.max_rps = o.capacity_max_rps;
  search.step_length = o.capacity_step;
  search.budget = o.capacity_budget;
  search.cancelled = [] { return bench::interrupt_flag().load(); };
  std::FILE* console = command.format.empty() || command.format == "console" ? stdout : stderr;
  case_spec spec = command.cases.front();
  if (command.cases.size() > 1) {
    sweep_for_seed(command, runner, search, out, console);
    std::uint32_t connections = capacity_connections;
    for (const case_spec& c : command.cases) connections = std::max(connections, c.concurrency);
    spec = case_spec{case_name(spec.endpoint, connections), spec.endpoint, connections};
  }
  std::fprintf(console,
               "capacity search of %s: SLO %s, precision %g%%, steps of %.0f s (first third discarded), "
               "budget %.0f s\n",
               spec.name.c_str(), o.slo.c_str(), o.capacity_precision * 100,
               std::chrono::duration<double>(o.capacity_step).count(),
               std::chrono::duration<double>(o.capacity_budget).count());
  std::fflush(console);
  std::size_t index = 0;
  bool last_held = true;
  const auto began = std::chrono::steady_clock::now();
  const capacity_outcome result = run_capacity_search(
      search,
      [&](double rate) {
        const bool settle = index > 0 && !last_held;
        capacity_step step = runner.run_capacity_step(spec, rate, search, settle);
        last_held = step.held;
        ++index;
        return step;
      },
      [&](const capacity_step& step, std::size_t number) {
        std::fputs(step_line(step, number).c_str(), console);
        std::fflush(console);
      });
  std::fputs(outcome_lines(spec.name, result, search).c_str(), console);
  std::fprintf(console, "capacity search wall time %.1f s\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  std::fflush(console);
  out.capacity = capacity_to_record(spec.name, o.slo, search, result, o.capacity_min);
}

}  // namespace

run_outcome run_cases(const command_line& command) {
  const bench_options& options = command.options;
  const client::target_setup& setup = command.setup;

  bench::payload_pool_options pool;
  pool.run_seed = std::random_device{}();
  pool.sessions = std::clamp<std::uint64_t>(options.requests > 0 ? options.requests : 64, 1, 64);
  load::workload_inputs inputs = bench::make_payload_pool(pool);
  inputs.headers = setup.http_headers();
  if (command.timeout_given) inputs.timeout = setup.options.request_timeout;

  // The client's live exposition, up for the whole run; a bad or busy address is a usage error.
  std::unique_ptr<bench::live_export> live;
  if (command.live.listen) {
    live = std::make_unique<bench::live_export>(setup.profile);
    if (auto started = live->start(*command.live.listen); !started)
      return stop(usage_error("--metrics_listen=" + command.live.text + ": " + started.error().message));
    std::fprintf(stderr, "client metrics: %s\n", live->url().c_str());
  }

  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  const monitor_settings& monitor = command.monitor;
  bench::observer_factory observers = [&options, &monitor, &setup, terminal, &live](const bench::case_spec& spec) {
    auto fan = std::make_unique<bench::observer_fanout>();
    if (live) fan->add(live->observe(spec));
    if (terminal && !options.monitor) fan->add(std::make_unique<bench::progress_line>(spec.name, stderr));
    fan->add(bench::make_monitor(spec, options, monitor, setup));
    return fan->empty() ? nullptr : std::unique_ptr<load::interval_observer>(std::move(fan));
  };
  bench::case_runner runner(setup, options, command.rules, std::move(inputs), &bench::interrupt_flag(), observers);
  bench::bench_session session(runner, bench::interrupt_flag());
  std::vector<std::string> mixed;
  for (const auto* e : load::mixed_endpoints(setup.profile)) mixed.push_back(e->name);
  session.register_cases(command.cases, options.repetitions, options.stages.size(), mixed);

  if (options.skip_preflight) {
    std::cerr << "shield_bench: --skip_preflight: no health probe; an unreachable target shows as failed requests\n";
  } else if (auto reached = client::preflight(setup); !reached) {
    std::cerr << "shield_bench: " << reached.error() << " (--skip_preflight runs the load anyway)\n";
    return stop(exit_unreachable);
  }

  add_benchmark_context(setup, options);

  // The output directories exist, and --benchmark_out's takes a file, before the first case.
  for (const auto& dir : {fs::path(options.results_dir), fs::path(command.bench_out).parent_path()}) {
    std::error_code ec;
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) return stop(usage_error("cannot create the directory " + dir.string() + ": " + ec.message()));
  }
  if (!command.bench_out.empty()) {
    if (auto writable = probe_writable(command.bench_out); !writable)
      return stop(usage_error("--benchmark_out=" + command.bench_out + ": " + writable.error().message));
  }

  bench::install_interrupt_handlers();
  run_outcome out;
  out.started = std::chrono::system_clock::now();
  const cpu_lookup cpu = [&session](const std::string& name, std::int64_t repetition) {
    return session.cpu_per_request(name, repetition);
  };
  auto display = bench::make_display_reporter(command.args, cpu);
  std::unique_ptr<tee_reporter> tee;
  if (!command.bench_out.empty())
    tee = std::make_unique<tee_reporter>(std::move(display), make_file_reporter(command.bench_out_format, cpu));
  if (options.find_capacity)
    search_capacity(command, runner, out);
  else
    benchmark::RunSpecifiedBenchmarks(tee ? static_cast<benchmark::BenchmarkReporter*>(tee.get()) : display.get());
  out.finished = std::chrono::system_clock::now();
  if (tee) out.bench_out_text = tee->file_text();
  benchmark::Shutdown();
  // A scraper (Prometheus) gets one more look, so the last case's final counts reach it.
  if (live && !bench::interrupt_flag().load() && !live->wait_for_final_scrape(std::chrono::seconds(30)) &&
      live->scraped_regularly())
    std::fprintf(stderr,
                 "client metrics: no scrape came within 2.5 scrape intervals after the last case: the "
                 "scraper may not hold the final counts\n");
  for (auto& record : session.take_records()) out.cases.push_back(std::move(record));  // after a sweep's
  return out;
}

}  // namespace shield::bench
