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

std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::string& format) {
  return make(format.empty() ? "json" : format, benchmark::ConsoleReporter::OO_None);
}

tee_reporter::tee_reporter(std::unique_ptr<benchmark::BenchmarkReporter> display,
                           std::unique_ptr<benchmark::BenchmarkReporter> file)
    : display_(std::move(display)), file_(std::move(file)) {
  file_->SetOutputStream(&file_buffer_);
  file_->SetErrorStream(&file_buffer_);
}

bool tee_reporter::ReportContext(const Context& context) {
  const bool display_ok = display_->ReportContext(context);
  return file_->ReportContext(context) && display_ok;
}

void tee_reporter::ReportRuns(const std::vector<Run>& runs) {
  display_->ReportRuns(runs);
  file_->ReportRuns(runs);
}

void tee_reporter::Finalize() {
  display_->Finalize();
  file_->Finalize();
}

void take_benchmark_out(std::vector<std::string>& args, std::string& file, std::string& format) {
  file = base::peek_value(args, "benchmark_out");
  format = base::peek_value(args, "benchmark_out_format");
  std::erase_if(args, [](const std::string& a) {
    return a.starts_with("--benchmark_out=") || a.starts_with("--benchmark_out_format=");
  });
}

}  // namespace shield::bench
