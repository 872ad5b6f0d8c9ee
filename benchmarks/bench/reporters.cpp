#include "benchmarks/bench/reporters.hpp"

#include "support/base/flags.hpp"

#include <unistd.h>

#include <cmath>
#include <map>

namespace shield::bench {

namespace {

using run = benchmark::BenchmarkReporter::Run;

// Base reporter with the run names cleaned before they are printed, counters without a finite
// value (e.g. the coefficient of variation of a counter that is 0 in every repetition) left out
// (JSON has no NaN or Infinity), and the CPU time set to the client's CPU per request: Google
// Benchmark measures one iteration's CPU, i.e. the whole case, while real_time is per request.
template <class Base>
class clean_runs final : public Base {
 public:
  template <class... A>
  explicit clean_runs(cpu_lookup cpu, A... a) : Base(a...), cpu_(std::move(cpu)) {}

  void ReportRuns(const std::vector<run>& runs) override {
    std::vector<run> cleaned = runs;
    for (auto& r : cleaned) {
      const std::string name = r.run_name.function_name;
      r.run_name.iterations.clear();
      r.run_name.time_type.clear();
      std::erase_if(r.counters, [](const auto& kv) { return !std::isfinite(kv.second.value); });
      if (r.run_type == run::RT_Iteration) {
        const auto cpu = cpu_ ? cpu_(name, r.repetition_index) : std::nullopt;
        if (!cpu) continue;
        r.cpu_accumulated_time = *cpu * static_cast<double>(r.iterations);
        auto& seen = per_case_[name];
        seen.values.push_back(*cpu);
        seen.statistics = r.statistics;
      } else if (const auto found = per_case_.find(name); found != per_case_.end()) {
        // Aggregates (mean, median, stddev, cv) of the per-request CPU, as Google Benchmark computes them.
        for (const auto& stat : found->second.statistics ? *found->second.statistics : no_statistics_) {
          if (stat.name_ == r.aggregate_name)
            r.cpu_accumulated_time = stat.compute_(found->second.values) * static_cast<double>(r.iterations);
        }
      }
    }
    Base::ReportRuns(cleaned);
  }

 private:
  // One case's per-request CPU over its repetitions, and the statistics Google Benchmark applies.
  struct case_cpu {
    std::vector<double> values;                                                // per repetition, seconds
    const std::vector<benchmark::internal::Statistics>* statistics = nullptr;  // from its runs
  };
  cpu_lookup cpu_;                            // the session's per-request CPU
  std::map<std::string, case_cpu> per_case_;  // by case name
  inline static const std::vector<benchmark::internal::Statistics> no_statistics_{};
};

std::unique_ptr<benchmark::BenchmarkReporter> make(const std::string& format,
                                                   benchmark::ConsoleReporter::OutputOptions console,
                                                   const cpu_lookup& cpu) {
  if (format == "console") return std::make_unique<clean_runs<benchmark::ConsoleReporter>>(cpu, console);
  if (format == "json") return std::make_unique<clean_runs<benchmark::JSONReporter>>(cpu);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // csv is still a documented --benchmark_format
  if (format == "csv") return std::make_unique<clean_runs<benchmark::CSVReporter>>(cpu);
#pragma GCC diagnostic pop
  return nullptr;
}

bool truthy(const std::string& v) { return v == "true" || v == "yes" || v == "1"; }

}  // namespace

std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(const std::vector<std::string>& args,
                                                                    const cpu_lookup& cpu) {
  std::string format = base::peek_value(args, "benchmark_format");
  if (format.empty()) format = "console";
  const std::string color = base::peek_value(args, "benchmark_color");
  const bool use_color = color.empty() || color == "auto" ? ::isatty(STDOUT_FILENO) == 1 : truthy(color);
  int options = use_color ? benchmark::ConsoleReporter::OO_Color : benchmark::ConsoleReporter::OO_None;
  if (base::has_switch(args, "benchmark_counters_tabular")) options |= benchmark::ConsoleReporter::OO_Tabular;
  return make(format, static_cast<benchmark::ConsoleReporter::OutputOptions>(options), cpu);
}

std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::vector<std::string>& args,
                                                                 const cpu_lookup& cpu) {
  if (base::peek_value(args, "benchmark_out").empty()) return nullptr;
  std::string format = base::peek_value(args, "benchmark_out_format");
  if (format.empty()) format = "json";
  return make(format, benchmark::ConsoleReporter::OO_None, cpu);
}

}  // namespace shield::bench
