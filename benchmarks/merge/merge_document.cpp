#include "benchmarks/merge/merge_document.hpp"

#include "benchmarks/merge/merge_case.hpp"
#include "benchmarks/merge/merge_counters.hpp"
#include "support/report/results/scalability.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cstdio>

namespace shield::merge {

namespace json = boost::json;

namespace {

std::string seconds_text(double s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

const json::value* find(const json::object& o, std::string_view key) { return o.if_contains(key); }

// Earliest "started" and latest "finished" of the shards (same ISO layout, so text order is time order
// within one UTC offset).
std::pair<std::string, std::string> run_times(const std::vector<shard_file>& shards) {
  std::string started, finished;
  for (const auto& f : shards) {
    const auto* s = find(f.document, "started");
    const auto* e = find(f.document, "finished");
    if (s != nullptr && s->is_string() && (started.empty() || s->get_string() < started)) started = s->get_string();
    if (e != nullptr && e->is_string() && std::string(e->get_string()) > finished) finished = e->get_string();
  }
  return {started, finished};
}

}  // namespace

merged_run merge_run(const std::vector<shard_file>& shards, std::span<const stats::threshold_rule> rules,
                     const std::string& thresholds) {
  merged_run out;
  path_list lost;
  json::array cases;
  std::size_t errors = 0, threshold_failures = 0;
  double worst_skew = -1.0;
  bool interrupted = false;
  const std::size_t n = shards.front().document.at("cases").as_array().size();
  for (std::size_t at = 0; at < n; ++at) {
    merged_case m = merge_case(shards, at, lost);
    if (!m.error.empty()) {
      out.error = m.error;
      return out;
    }
    json::object& c = m.value;
    const std::string name =
        c.contains("name") && c.at("name").is_string() ? std::string(c.at("name").as_string()) : "?";
    const std::string path = "cases[" + std::to_string(at) + "]";
    const bool ran = c.at("status") != json::value("error") && c.at("status") != json::value("skipped");
    c["grade"] = ran ? grade_of_case(c) : json::value(nullptr);
    c["thresholds"] = ran ? judge_case(rules, c) : json::array{};
    bool passed = true;
    for (const auto& v : c["thresholds"].as_array()) {
      if (v.as_object().at("passed").as_bool()) continue;
      passed = false;
      out.threshold_failures.push_back(std::string(v.as_object().at("message").as_string()));
    }
    c["thresholds_passed"] = passed;
    for (const char* k : {"grade", "thresholds", "thresholds_passed"}) forget(lost, path + "." + k);
    if (!ran) out.cases_ok = false;
    if (c.at("status") == json::value("error")) ++errors;  // as one run counts: a skipped case is no error
    if (!passed) ++threshold_failures;
    if (c.at("interrupted").as_bool()) interrupted = true;
    if (m.start_skew_s >= 0) {
      worst_skew = std::max(worst_skew, m.start_skew_s);
      out.skew_lines.push_back("start skew " + seconds_text(m.start_skew_s) + ": " + name);
      if (m.start_skew_s > skew_warning_s) {
        out.warnings.push_back("shards of case '" + name + "' started " + seconds_text(m.start_skew_s) +
                               " apart (above 1 s): they did not load the target together; rps is over the union "
                               "of their windows");
      }
    } else {
      out.warnings.push_back("case '" + name +
                             "': a shard has no start time (started_unix); the start skew is unknown");
    }
    cases.push_back(std::move(c));
  }
  for (const auto& p : lost) out.warnings.push_back(p + " could not be merged exactly (set to null)");

  const shard_file& first = shards.front();
  json::object config = first.document.at("configuration").as_object();
  config["tool"] = "shield_merge";
  config["thresholds"] = thresholds;
  config.erase("shard");
  json::array hosts, files, rows;
  std::uint64_t rss_kb = 0;
  double cpu_user = 0, cpu_system = 0;
  for (const auto& f : shards) {
    if (std::find(hosts.begin(), hosts.end(), json::value(f.host)) == hosts.end()) hosts.emplace_back(f.host);
    files.emplace_back(f.path);
    json::object row{{"shard", f.index}, {"host", f.host}, {"file", f.path}};
    if (const auto* p = find(f.document, "process"); p != nullptr && p->is_object()) {
      row["process"] = *p;
      const auto& po = p->get_object();
      if (const auto* v = po.if_contains("peak_rss_kb"); v != nullptr && is_integer(*v)) {
        rss_kb = std::max(rss_kb, v->to_number<std::uint64_t>());  // the largest shard process
      }
      if (const auto* v = po.if_contains("cpu_user_s")) cpu_user += as_double(*v).value_or(0);
      if (const auto* v = po.if_contains("cpu_system_s")) cpu_system += as_double(*v).value_or(0);
    }
    if (const auto* s = find(f.document, "started")) row["started"] = *s;
    rows.push_back(std::move(row));
  }
  std::string host_list;  // a string as in a shard's file: "a,b"
  for (const auto& h : hosts) host_list += (host_list.empty() ? "" : ",") + std::string(h.as_string());
  config["host"] = host_list;
  json::object distributed{{"run_id", first.run_id},
                           {"shards", first.count},
                           {"files", std::move(files)},
                           {"hosts", std::move(hosts)},
                           {"per_shard", std::move(rows)}};
  const auto* shard_cfg = first.document.at("configuration").as_object().if_contains("shard");
  if (shard_cfg != nullptr && shard_cfg->is_object()) {
    if (const auto* at = shard_cfg->get_object().if_contains("start_at")) distributed["start_at"] = *at;
  }
  distributed["start_skew_s"] = worst_skew >= 0 ? json::value(worst_skew) : json::value(nullptr);
  json::array lost_paths;
  for (const auto& p : lost) lost_paths.emplace_back(p);
  distributed["not_merged"] = std::move(lost_paths);

  for (const auto& f : shards) {
    if (const auto* v = find(f.document, "interrupted"); v != nullptr && v->is_bool() && v->get_bool())
      interrupted = true;
  }
  const auto [started, finished] = run_times(shards);
  json::object summary{{"cases", n},
                       {"errors", errors},
                       {"threshold_failures", threshold_failures},
                       {"passed", errors == 0 && threshold_failures == 0 && !interrupted}};
  // The same USL fit as one run's, over the merged cases' rps.
  json::value scalability = report::scalability_json(report::scalability_from_cases(cases));
  out.document = json::object{
      {"format", "shield.stress_test_results"},
      {"version", 1},
      {"started", started},
      {"finished", finished},
      {"interrupted", interrupted},
      {"configuration", std::move(config)},
      {"distributed", std::move(distributed)},
      {"process", json::object{{"peak_rss_kb", rss_kb}, {"cpu_user_s", cpu_user}, {"cpu_system_s", cpu_system}}},
      {"summary", std::move(summary)},
      {"scalability", std::move(scalability)},
      {"cases", std::move(cases)}};
  if (interrupted) out.cases_ok = false;
  return out;
}

}  // namespace shield::merge
