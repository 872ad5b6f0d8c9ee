#include "benchmarks/merge/merge_tool.hpp"

#include "support/merge/merge_bench_json.hpp"
#include "support/merge/merge_inputs.hpp"
#include "support/load/case_counters.hpp"
#include "support/merge/merge_shards.hpp"
#include "support/report/html/html_report.hpp"
#include "support/base/atomic_file.hpp"
#include "support/base/flags.hpp"
#include "support/report/results/results_file.hpp"
#include "support/report/results/results_table.hpp"
#include "support/report/results/scalability.hpp"
#include "support/base/secrets.hpp"
#include "support/stats/threshold_rules.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace shield::merge {

namespace json = boost::json;

namespace {

const char* const usage =
    "usage: shield_merge --results_dir=DIR [--benchmark_out=FILE] [--thresholds=EXPR] SHARD_RESULTS.json...\n\n"
    "Merges the results files of the shards of one distributed shield_bench run (--shard=I/N --run_id=ID)\n"
    "exactly: counts summed, histograms merged, percentiles, rps (over the union of the shards' windows),\n"
    "grades and thresholds recomputed. Writes DIR/stress_test_results_merged_<run id>.json and, with\n"
    "--benchmark_out, Google Benchmark JSON for shield_compare / compare.py. Refuses (naming the file)\n"
    "shards missing or repeated and files of different run ids, profiles, targets or loops.\n"
    "  --thresholds=EXPR  rules as in shield_bench (default: the shards' own; 'none' disables)\n\n"
    "Exit status: 0 merged and passed, 1 a threshold failed or a case did not run, 2 bad input.\n";

struct merge_options {
  std::string results_dir;                // --results_dir
  std::string benchmark_out;              // --benchmark_out
  std::optional<std::string> thresholds;  // --thresholds
  std::vector<std::string> files;         // shard results files
  bool help = false;                      // --help
};

// The one flag module's rules (support/base/flags.hpp); after `--` everything is a file.
base::result<void> parse(std::span<const std::string_view> given, merge_options& o) {
  std::vector<std::string> args, after;
  bool flags = true;
  for (std::string_view a : given) {
    if (flags && a == "--") {
      flags = false;
    } else {
      (flags ? args : after).emplace_back(a);
    }
  }
  base::flag_reader reader(args);
  o.help = reader.help();
  auto results_dir = reader.value("results_dir");
  auto benchmark_out = reader.value("benchmark_out");
  o.thresholds = reader.value("thresholds");
  if (auto done = reader.finish(); !done) return done;
  if (auto unknown = base::reject_unknown(args); !unknown)
    return base::fail(unknown.error().message + " (known: --results_dir, --benchmark_out, --thresholds, --help)");
  if (o.help) return {};
  for (const auto* value : {&results_dir, &benchmark_out}) {
    if (*value && (*value)->empty())
      return base::fail("--" + std::string(value == &results_dir ? "results_dir" : "benchmark_out") + " needs a value");
  }
  o.results_dir = results_dir.value_or("");
  o.benchmark_out = benchmark_out.value_or("");
  o.files = std::move(args);
  o.files.insert(o.files.end(), after.begin(), after.end());
  if (o.results_dir.empty()) return base::fail("--results_dir=DIR is required");
  if (o.files.empty()) return base::fail("no shard results files given");
  return {};
}

}  // namespace

int run_merge_tool(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  merge_options o;
  if (auto parsed = parse(args, o); !parsed) {
    err << "shield_merge: " << parsed.error().message << "\n(run shield_merge --help for the flags)\n";
    return exit_bad_input;
  }
  if (o.help) {
    out << usage;
    return exit_passed;
  }
  auto inputs = read_shards(o.files);
  if (!inputs) {
    err << "shield_merge: " << inputs.error() << "\n";
    return exit_bad_input;
  }
  const auto& shards = *inputs;
  std::vector<shard_input> typed;
  typed.reserve(shards.size());
  for (const auto& f : shards) typed.push_back(shard_input{f.path, f.typed});
  const std::string expression = o.thresholds.value_or(typed.front().document.configuration.thresholds);
  const auto rules = stats::parse_thresholds(expression, load::known_counter_names(), endpoint_names(typed));
  if (!rules) {
    err << "shield_merge: --thresholds='" << expression << "': " << rules.error().message << "\n";
    return exit_bad_input;
  }
  const merged_run merged = merge_shards(typed, *rules, expression);
  const json::object document = report::results_to_json(merged.document).as_object();

  std::string hosts;
  std::vector<std::string> seen;
  for (const auto& f : shards) {
    if (std::find(seen.begin(), seen.end(), f.host) != seen.end()) continue;
    seen.push_back(f.host);
    hosts += (hosts.empty() ? "" : ", ") + f.host;
  }
  out << "merged " << shards.size() << " shards of run '" << shards.front().run_id << "' (hosts: " << hosts << ")\n";
  for (const auto& l : merged.skew_lines) out << l << "\n";
  for (const auto& w : merged.warnings) err << "shield_merge: warning: " << w << "\n";
  // The same summary as shield_bench prints, from the same typed model.
  out << "\n"
      << base::scrub(report::summary_table(merged.document.cases))
      << report::scalability_lines(report::scalability_from_cases(merged.document.cases));

  std::error_code ec;
  std::filesystem::create_directories(o.results_dir, ec);
  if (ec) {
    err << "shield_merge: cannot create " << o.results_dir << ": " << ec.message() << "\n";
    return exit_bad_input;
  }
  const std::string path =
      (std::filesystem::path(o.results_dir) / ("stress_test_results_merged_" + shards.front().run_id + ".json"))
          .string();
  if (auto written = base::write_file_atomically(path, report::pretty_json(document)); !written) {
    err << "shield_merge: " << path << ": " << written.error().message << "\n";
    return exit_bad_input;
  }
  out << "merged results: " << path << "\n";
  const std::string html = report::report_path_for(path);
  if (auto written = report::write_html_report(merged.document, html); !written) {
    err << "shield_merge: " << html << ": " << written.error() << "\n";
    return exit_bad_input;
  }
  out << "merged report: " << html << "\n";
  if (!o.benchmark_out.empty()) {
    const auto parent = std::filesystem::path(o.benchmark_out).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (auto written =
            base::write_file_atomically(o.benchmark_out, report::pretty_json(bench_json_of(merged.document)));
        !written) {
      err << "shield_merge: " << o.benchmark_out << ": " << written.error().message << "\n";
      return exit_bad_input;
    }
    out << "merged benchmark JSON: " << o.benchmark_out << "\n";
  }
  for (const auto& f : merged.threshold_failures) err << "threshold failed: " << f << "\n";
  return merged.cases_ok && merged.threshold_failures.empty() ? exit_passed : exit_failed;
}

}  // namespace shield::merge
