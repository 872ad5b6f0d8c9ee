#include "benchmarks/bench/bench_write.hpp"

#include "benchmarks/bench/bench_describe.hpp"
#include "benchmarks/bench/html_output.hpp"
#include "benchmarks/bench/interrupt.hpp"
#include "support/report/results/results_file.hpp"
#include "support/report/results/results_table.hpp"
#include "support/report/results/scalability.hpp"
#include "support/base/atomic_file.hpp"
#include "support/base/secrets.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "support/stats/threshold_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shield::bench {
namespace {

// A JSON benchmark document with "shield_interrupted": "true" in its context, so shield_compare
// can refuse it; any other text (csv, console) as it is.
std::string mark_interrupted(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (ec || !doc.is_object()) return text;
  auto* context = doc.as_object().if_contains("context");
  if (context == nullptr || !context->is_object()) return text;
  context->as_object()["shield_interrupted"] = "true";
  return boost::json::serialize(doc) + "\n";
}

}  // namespace

int write_outputs(const command_line& command, run_outcome run) {
  const bench_options& options = command.options;
  // The summary goes where the console table went, unless stdout carries JSON or CSV.
  std::FILE* out = command.format.empty() || command.format == "console" ? stdout : stderr;
  report::results_document doc;
  doc.cases = std::move(run.cases);
  doc.capacity = std::move(run.capacity);
  // Failure messages quote what came back: no secret an answer echoed reaches the console.
  if (!doc.cases.empty()) std::fprintf(out, "\n%s", base::scrub(report::summary_table(doc.cases)).c_str());
  doc.configuration = describe_run(command.setup, options, options.filter);
  doc.started = report::iso_local_time(run.started);
  doc.finished = report::iso_local_time(run.finished);
  doc.interrupted = bench::interrupt_flag().load();
  doc.process = report::current_process_usage();
  std::fprintf(out, "%s", report::scalability_lines(report::scalability_from_cases(doc.cases)).c_str());
  const auto written = report::write_results(options.results_dir, doc, run.started);
  if (!written) {
    std::fprintf(stderr, "shield_bench: results not written: %s\n", written.error().message.c_str());
  } else {
    std::fprintf(out, "results: %s\n", written->c_str());
    const auto html =
        bench::write_run_report(doc, *written, options.results_dir, options.monitor, run.started, run.finished);
    if (html)
      std::fprintf(out, "report: %s\n", html->c_str());
    else
      std::fprintf(stderr, "shield_bench: HTML report not written: %s\n", html.error().message.c_str());
  }
  // --benchmark_out whole or not at all: a failure leaves no file and makes the exit status 1.
  bool bench_written = true;
  if (!command.bench_out.empty() && run.bench_out_text.empty()) {
    std::fprintf(stderr,
                 "shield_bench: --benchmark_out not written: no benchmark case ran (--find_capacity writes "
                 "its steps to the results file)\n");
  } else if (!command.bench_out.empty()) {
    const std::string text = doc.interrupted ? mark_interrupted(run.bench_out_text) : run.bench_out_text;
    if (auto saved = base::write_file_atomically(command.bench_out, text); !saved) {
      bench_written = false;
      std::fprintf(stderr, "shield_bench: --benchmark_out not written (no file left): %s\n",
                   saved.error().message.c_str());
    }
  }
  std::fflush(out);

  if (!written || !bench_written) return exit_failed;
  if (doc.interrupted) return exit_interrupted;
  if (doc.capacity && std::isfinite(doc.capacity->minimum_rps)) {
    const double held = doc.capacity->highest_ok_rps;
    if (!(held >= doc.capacity->minimum_rps)) {
      std::fprintf(stderr, "capacity below --capacity_min: %s held %s/s, required at least %g/s\n",
                   doc.capacity->case_name.c_str(),
                   std::isfinite(held) ? stats::format_number(held).c_str() : "nothing", doc.capacity->minimum_rps);
      return exit_failed;
    }
  }
  const bool all_good = std::all_of(doc.cases.begin(), doc.cases.end(), [](const report::case_record& r) {
    return r.error.empty() && r.thresholds_passed();
  });
  return all_good ? 0 : exit_failed;
}

}  // namespace shield::bench
