#include "benchmarks/bench/reporters.hpp"

#include "support/base/flags.hpp"

#include <unistd.h>

#include <cmath>

namespace shield::bench {

namespace {

// Base reporter with the run names cleaned before they are printed, and counters without a finite
// value (e.g. the coefficient of variation of a counter that is 0 in every repetition) left out:
// JSON has no NaN or Infinity.
template <class Base>
class clean_names final : public Base {
 public:
  using Base::Base;
  void ReportRuns(const std::vector<benchmark::BenchmarkReporter::Run>& runs) override {
    std::vector<benchmark::BenchmarkReporter::Run> renamed = runs;
    for (auto& run : renamed) {
      run.run_name.iterations.clear();
      run.run_name.time_type.clear();
      std::erase_if(run.counters, [](const auto& kv) { return !std::isfinite(kv.second.value); });
    }
    Base::ReportRuns(renamed);
  }
};

std::unique_ptr<benchmark::BenchmarkReporter> make(const std::string& format,
                                                   benchmark::ConsoleReporter::OutputOptions console) {
  if (format == "console") return std::make_unique<clean_names<benchmark::ConsoleReporter>>(console);
  if (format == "json") return std::make_unique<clean_names<benchmark::JSONReporter>>();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // csv is still a documented --benchmark_format
  if (format == "csv") return std::make_unique<clean_names<benchmark::CSVReporter>>();
#pragma GCC diagnostic pop
  return nullptr;
}

bool truthy(const std::string& v) { return v == "true" || v == "yes" || v == "1"; }

}  // namespace

std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(const std::vector<std::string>& args) {
  std::string format = base::peek_value(args, "benchmark_format");
  if (format.empty()) format = "console";
  const std::string color = base::peek_value(args, "benchmark_color");
  const bool use_color = color.empty() || color == "auto" ? ::isatty(STDOUT_FILENO) == 1 : truthy(color);
  int options = use_color ? benchmark::ConsoleReporter::OO_Color : benchmark::ConsoleReporter::OO_None;
  if (base::has_switch(args, "benchmark_counters_tabular")) options |= benchmark::ConsoleReporter::OO_Tabular;
  return make(format, static_cast<benchmark::ConsoleReporter::OutputOptions>(options));
}

std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::vector<std::string>& args) {
  if (base::peek_value(args, "benchmark_out").empty()) return nullptr;
  std::string format = base::peek_value(args, "benchmark_out_format");
  if (format.empty()) format = "json";
  return make(format, benchmark::ConsoleReporter::OO_None);
}

}  // namespace shield::bench
