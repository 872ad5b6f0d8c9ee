// shield_prom_speed: parse + validate a generated 30,004-line exposition (2,000 histogram series)
// with support/prom and with `promtool check metrics` on the same file in the same run; prints
// MB/s (wall and CPU) of both and the ratios. Exit 0 when parse + lint is at least --min_ratio
// times faster than the promtool command (wall), 1 below it, 2 on bad usage or a failed run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <time.h>
#include <unistd.h>

#include "support/base/flags.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/lint.hpp"
#include "support/prom/synthetic_exposition.hpp"
#include "benchmarks/prom_speed/promtool_timer.hpp"

namespace {

using shield::prom::exposition_format;
using seconds_d = std::chrono::duration<double>;

// Command-line settings.
struct options {
  std::size_t histogram_series = 2000;  // --histogram_series: series of the generated histogram
  int repeat = 30;                      // --repeat: timed runs of our parse + lint
  int promtool_repeat = 5;              // --promtool_repeat: timed promtool runs
  double min_ratio = 10.0;              // --min_ratio: required speed-up over promtool
  std::string promtool;                 // --promtool: path; default SHIELD_PROMTOOL or PATH
  std::string keep_file;                // --keep_file: write the exposition here and keep it
};

// The one flag module's rules: a repeated flag, a missing or malformed value, an unknown flag fail.
shield::base::result<options> parse_options(int argc, char** argv) {
  namespace base = shield::base;
  options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  base::flag_reader flags(args);
  const auto series = flags.value("histogram_series");
  const auto repeat = flags.value("repeat");
  const auto promtool_repeat = flags.value("promtool_repeat");
  const auto min_ratio = flags.value("min_ratio");
  const auto promtool = flags.value("promtool");
  const auto keep_file = flags.value("keep_file");
  if (auto done = flags.finish(); !done) return done.error();
  if (auto unknown = base::reject_unknown(args); !unknown) return unknown.error();
  if (!args.empty()) return base::fail("bad argument '" + args.front() + "'");
  auto whole = [](const std::optional<std::string>& v, const char* name, std::uint64_t max,
                  auto& out) -> base::result<void> {
    if (!v) return {};
    const auto n = base::parse_whole(*v, 1, max);
    if (!n)
      return base::fail("--" + std::string(name) + "=" + *v + ": expected a whole number from 1 to " +
                        std::to_string(max));
    out = static_cast<std::remove_reference_t<decltype(out)>>(*n);
    return {};
  };
  if (auto r = whole(series, "histogram_series", 10'000'000, o.histogram_series); !r) return r.error();
  if (auto r = whole(repeat, "repeat", 100'000, o.repeat); !r) return r.error();
  if (auto r = whole(promtool_repeat, "promtool_repeat", 100'000, o.promtool_repeat); !r) return r.error();
  if (min_ratio) {
    const auto n = base::parse_positive(*min_ratio, 1e6);
    if (!n) return base::fail("--min_ratio=" + *min_ratio + ": expected a number above 0");
    o.min_ratio = *n;
  }
  for (const auto& [value, slot, name] :
       {std::tuple{&promtool, &o.promtool, "promtool"}, std::tuple{&keep_file, &o.keep_file, "keep_file"}}) {
    if (!*value) continue;
    if ((*value)->empty()) return base::fail("--" + std::string(name) + " needs a value");
    *slot = **value;
  }
  return o;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Median wall and CPU seconds of one measured thing.
struct timing {
  double wall = 0;  // elapsed seconds
  double cpu = 0;   // user + system seconds over all threads
};

double process_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Medians of `repeat` calls of fn after two warm-up calls.
template <typename Fn>
timing time_median(int repeat, Fn fn) {
  fn();
  fn();
  std::vector<double> walls, cpus;
  for (int i = 0; i < repeat; ++i) {
    const double cpu_start = process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    fn();
    walls.push_back(seconds_d(std::chrono::steady_clock::now() - start).count());
    cpus.push_back(process_cpu_seconds() - cpu_start);
  }
  return {median(walls), median(cpus)};
}

// Medians of promtool runs on file; nullopt with a message when a run fails.
std::optional<timing> promtool_median(const std::string& promtool, const std::string& file, int repeat) {
  std::vector<double> walls, cpus;
  for (int i = 0; i < repeat + 1; ++i) {
    const auto run = shield::prom_speed::time_promtool(promtool, file);
    if (!run.error.empty() || run.exit_code != 0) {
      std::cerr << "shield_prom_speed: promtool on " << file << ": "
                << (run.error.empty() ? "exit " + std::to_string(run.exit_code) : run.error)
                << ", expected a clean exit 0\n";
      return std::nullopt;
    }
    if (i == 0) continue;  // the first run warms the page cache
    walls.push_back(seconds_d(run.wall).count());
    cpus.push_back(seconds_d(run.cpu).count());
  }
  return timing{median(walls), median(cpus)};
}

bool write_file(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(out);
}

void print_row(const char* what, const timing& t, double bytes) {
  std::printf("  %-36s %9.2f %9.1f %9.2f %9.1f\n", what, t.wall * 1e3, bytes / t.wall / 1e6, t.cpu * 1e3,
              bytes / t.cpu / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  auto flags_read = parse_options(argc, argv);
  if (!flags_read) {
    std::cerr << "shield_prom_speed: " << flags_read.error().message
              << "\nusage: shield_prom_speed [--histogram_series=N] [--repeat=N] "
              << "[--promtool_repeat=N] [--min_ratio=X] [--promtool=PATH] [--keep_file=PATH]\n";
    return 2;
  }
  options o = std::move(*flags_read);
  if (o.promtool.empty()) o.promtool = shield::prom_speed::find_promtool_on_path();
  if (o.promtool.empty()) {
    std::cerr << "shield_prom_speed: promtool not found (package prometheus; or --promtool=PATH)\n";
    return 2;
  }

  shield::prom::synthetic_options shape;
  shape.histogram_series = o.histogram_series;
  const std::string text = shield::prom::make_synthetic_exposition(shape);
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  const auto bytes = static_cast<double>(text.size());

  // Same bytes for both: promtool reads the file we write.
  const std::string file =
      o.keep_file.empty()
          ? (std::filesystem::temp_directory_path() / ("shield_prom_speed_" + std::to_string(::getpid()) + ".prom"))
                .string()
          : o.keep_file;
  const std::string tiny = file + ".tiny";
  if (!write_file(file, text) || !write_file(tiny, "# HELP a_total A\n# TYPE a_total counter\na_total 1\n")) {
    std::cerr << "shield_prom_speed: cannot write " << file << "\n";
    return 2;
  }

  // Our verdict must be the one promtool gives (clean) before speed means anything.
  const auto verdict = shield::prom::check_metrics(text, exposition_format::prometheus_text);
  if (!verdict.ok()) {
    std::cerr << "shield_prom_speed: the generated exposition does not check clean:\n"
              << shield::prom::format_problems(verdict.problems);
    return 2;
  }

  std::size_t sink = 0;  // keeps the optimizer from dropping the work
  const timing ours = time_median(o.repeat, [&] {
    const auto checked = shield::prom::check_metrics(text, exposition_format::prometheus_text);
    sink += checked.parsed.families.size() + checked.problems.size();
  });
  const timing parse_only = time_median(o.repeat, [&] {
    const auto parsed = shield::prom::parse_exposition(text, exposition_format::prometheus_text);
    sink += parsed.families.size();
  });
  const auto promtool_full = promtool_median(o.promtool, file, o.promtool_repeat);
  const auto promtool_startup = promtool_median(o.promtool, tiny, o.promtool_repeat);
  if (o.keep_file.empty()) std::filesystem::remove(file);
  std::filesystem::remove(tiny);
  if (!promtool_full || !promtool_startup) return 2;
  const timing promtool_check{std::max(promtool_full->wall - promtool_startup->wall, 1e-9),
                              std::max(promtool_full->cpu - promtool_startup->cpu, 1e-9)};

  std::printf("input: %zu lines, %zu histogram series, %.2f MB (%s); promtool: %s\n", lines, o.histogram_series,
              bytes / 1e6, o.keep_file.empty() ? "temporary file" : file.c_str(), o.promtool.c_str());
  std::printf("medians of %d runs (ours, in process) and %d runs (promtool, one process each):\n", o.repeat,
              o.promtool_repeat);
  std::printf("  %-36s %9s %9s %9s %9s\n", "", "wall ms", "MB/s", "cpu ms", "MB/s cpu");
  print_row("shield parse + validate + lint", ours, bytes);
  print_row("shield parse + validate only", parse_only, bytes);
  print_row("promtool check metrics (command)", *promtool_full, bytes);
  print_row("promtool start-up (3-line file)", *promtool_startup, bytes);
  print_row("promtool check metrics minus start-up", promtool_check, bytes);
  const double ratio = promtool_full->wall / ours.wall;
  std::printf(
      "speed-up of parse + validate + lint: %.1fx vs the promtool command (wall), %.1fx (cpu); "
      "%.1fx vs its check alone (wall), %.1fx (cpu)\n",
      ratio, promtool_full->cpu / ours.cpu, promtool_check.wall / ours.wall, promtool_check.cpu / ours.cpu);
  const bool pass = ratio >= o.min_ratio;
  std::printf("target >= %.0fx vs the promtool command (wall): %s\n", o.min_ratio, pass ? "met" : "NOT met");
  return sink == 0 ? 2 : (pass ? 0 : 1);
}
