#include "benchmarks/compare/compare_tool.hpp"

#include "benchmarks/compare/cli_options.hpp"
#include "support/report/compare/bench_json.hpp"
#include "support/report/compare/compare_cases.hpp"
#include "support/report/compare/compare_html.hpp"
#include "support/report/compare/compare_json.hpp"
#include "support/report/compare/compare_render.hpp"
#include "support/report/compare/compare_trend.hpp"
#include "support/base/atomic_file.hpp"

#include <boost/json/serialize.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace shield::compare {

namespace {

constexpr std::string_view prefix = "shield_compare: ";

// Written atomically (support/base), so readers never see half a report.
base::result<void> write_file(const std::string& path, const std::string& text) {
  if (auto written = base::write_file_atomically(path, text); !written)
    return base::fail("cannot write '" + path + "': " + written.error().message);
  return {};
}

// Writes the optional outputs; false (after reporting) when one fails.
bool write_outputs(const tool_options& o, const std::string& markdown, const std::string& json, std::ostream& err,
                   const std::string& html = {}) {
  for (const auto& [path, text] :
       {std::pair{o.markdown_path, markdown}, std::pair{o.json_path, json}, std::pair{o.html_path, html}}) {
    if (path.empty()) continue;
    if (auto written = write_file(path, text); !written) {
      err << prefix << written.error() << "\n";
      return false;
    }
  }
  return true;
}

bool read_runs(const std::vector<std::string>& files, std::vector<report::bench_run>& runs, std::ostream& err,
               const std::vector<std::string>& roles) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto read = report::read_bench_file(files[i]);
    if (!read) {
      err << prefix << (i < roles.size() ? roles[i] + " file: " : std::string{}) << read.error() << "\n";
      return false;
    }
    // A run stopped half-way has partial cases: comparing it would report changes that are not there.
    if (read->context.shield_interrupted) {
      err << prefix << (i < roles.size() ? roles[i] + " file: " : std::string{}) << files[i]
          << " is an interrupted run (shield_bench was stopped before it finished; its cases are partial): "
             "compare complete runs\n";
      return false;
    }
    runs.push_back(std::move(*read));
  }
  return true;
}

int run_compare(const tool_options& o, std::ostream& out, std::ostream& err) {
  std::vector<report::bench_run> runs;
  if (!read_runs(o.files, runs, err, {"base", "contender"})) return exit_bad_input;
  const auto compared = report::compare_runs(runs[0], runs[1], o.rules);
  if (!compared) {
    err << prefix << compared.error() << "\n";
    return exit_bad_input;
  }
  const report::comparison_report& r = *compared;
  for (const auto& warning : r.warnings) err << prefix << "warning: " << warning << "\n";
  out << report::render_comparison_console(r);
  out.flush();
  const std::string markdown = o.markdown_path.empty() ? std::string{} : report::render_comparison_markdown(r);
  const std::string json = o.json_path.empty() ? std::string{} : report::comparison_json_text(r);
  const std::string html = o.html_path.empty() ? std::string{} : report::render_comparison_html(r);
  if (!write_outputs(o, markdown, json, err, html)) return exit_bad_input;
  return r.has_regression() ? exit_regression : exit_no_regression;
}

int run_trend(const tool_options& o, std::ostream& out, std::ostream& err) {
  std::vector<report::bench_run> runs;
  if (!read_runs(o.files, runs, err, {})) return exit_bad_input;
  std::vector<std::string> counters = o.counters;
  if (counters.empty()) counters.assign(report::default_trend_counters.begin(), report::default_trend_counters.end());
  const auto trend = report::build_trend(runs, counters);
  if (!trend) {
    err << prefix << trend.error() << "\n";
    return exit_bad_input;
  }
  out << report::render_trend_console(*trend);
  out.flush();
  const std::string markdown = o.markdown_path.empty() ? std::string{} : report::render_trend_markdown(*trend);
  const std::string json =
      o.json_path.empty() ? std::string{} : boost::json::serialize(report::trend_to_json(*trend)) + "\n";
  return write_outputs(o, markdown, json, err) ? exit_no_regression : exit_bad_input;
}

}  // namespace

int run_compare_tool(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const auto parsed = parse_command_line(args);
  if (!parsed) {
    err << prefix << parsed.error() << "\n" << prefix << "see shield_compare --help\n";
    return exit_bad_input;
  }
  switch (parsed->mode) {
    case tool_mode::help:
      out << usage_text();
      return exit_no_regression;
    case tool_mode::trend:
      return run_trend(*parsed, out, err);
    case tool_mode::compare:
      break;
  }
  return run_compare(*parsed, out, err);
}

}  // namespace shield::compare
