#include "support/merge/merge_bench_json.hpp"

#include "support/load/case_counters.hpp"
#include "support/load/workload_builder.hpp"

#include <boost/json/array.hpp>

#include <cmath>
#include <map>
#include <thread>

namespace shield::merge {

namespace json = boost::json;

namespace {

// One "iteration" entry: a case's repetition or one of its parts (`part` its load_result, `counters` its own).
json::object entry(const std::string& name, int family_index, int repetitions, const report::case_record& c,
                   const std::string& problem, const load::load_result& part,
                   const std::vector<load::counter>& counters) {
  json::object b{{"name", name},
                 {"family_index", family_index},
                 {"per_family_instance_index", 0},
                 {"run_name", name},
                 {"run_type", "iteration"},
                 {"repetitions", repetitions},
                 {"repetition_index", c.repetition},
                 {"threads", 1},
                 {"iterations", 1}};
  if (!problem.empty()) {
    b["error_occurred"] = true;
    b["error_message"] = problem;
    b["real_time"] = 0.0;  // as Google Benchmark writes a case that did not run
    b["cpu_time"] = 0.0;
    b["time_unit"] = "us";
    return b;
  }
  b["real_time"] = load::benchmark_seconds(part) * 1e6;
  // Client CPU is not split by stage or endpoint: a part carries its case's CPU per request.
  b["cpu_time"] = report::cpu_seconds_per_request(c) * 1e6;
  b["time_unit"] = "us";
  for (const auto& k : counters) {
    if (std::isfinite(k.value)) b[k.name] = k.value;  // a figure without data is left out
  }
  return b;
}

// The entries shield_bench writes after a case's repetitions (bench_session::register_cases): one per
// stage and, for mixed, one per endpoint.
void add_parts(const std::vector<const report::case_record*>& reps, json::array& benchmarks,
               std::map<std::string, int>& family) {
  const report::case_record& first = *reps.front();
  std::vector<std::pair<std::string, std::size_t>> parts;  // entry suffix, stage or endpoint index
  for (std::size_t i = 0; i < first.result.stages.size(); ++i) parts.emplace_back("/stage:" + std::to_string(i), i);
  if (first.endpoint == load::mixed_name) {
    for (std::size_t i = 0; i < first.result.endpoints.size(); ++i)
      parts.emplace_back("/endpoint:" + first.result.endpoints[i], i);
  }
  for (const auto& [suffix, index] : parts) {
    const std::string name = first.name + suffix;
    const int family_index = family.emplace(name, static_cast<int>(family.size())).first->second;
    const bool stage = suffix.starts_with("/stage:");
    for (const report::case_record* c : reps) {
      const bool present = stage ? index < c->result.stages.size() : index < c->result.totals.endpoints.size();
      const std::string problem = !c->error.empty() ? c->error : present ? "" : "the case has no such part";
      load::load_result part;
      std::vector<load::counter> counters;
      if (problem.empty()) {
        part = stage ? load::stage_part(c->result, index) : load::endpoint_part(c->result, index);
        counters = stage ? load::stage_counters(c->result, index) : load::endpoint_counters(c->result, index);
      }
      benchmarks.push_back(entry(name, family_index, static_cast<int>(reps.size()), *c, problem, part, counters));
    }
  }
}

}  // namespace

json::object bench_json_of(const report::results_document& doc) {
  const report::run_configuration& config = doc.configuration;
  std::string hosts, run_id;
  std::uint32_t shards = 0;
  if (doc.distributed) {
    for (const auto& h : doc.distributed->hosts) hosts += (hosts.empty() ? "" : ",") + h;
    run_id = doc.distributed->run_id;
    shards = doc.distributed->shards;
  }
  json::object context{{"date", doc.started},
                       {"host_name", hosts},
                       {"executable", "shield_merge"},
                       {"num_cpus", std::thread::hardware_concurrency()},
                       {"mhz_per_cpu", 0},
                       {"cpu_scaling_enabled", false},
                       {"library_build_type", "release"},
                       {"shield_build_type", config.build_type},
                       {"shield_target", config.target},
                       {"shield_preset", config.preset},
                       {"shield_mode", config.mode},
                       {"shield_profile", config.profile_name},
                       {"shield_run_id", run_id},
                       {"shield_shards", std::to_string(shards)}};
  if (!config.git_commit.empty()) context["shield_git_commit"] = config.git_commit;

  std::map<std::string, int> repetitions;  // per case name, for "repetitions"
  for (const auto& c : doc.cases) ++repetitions[c.name];
  json::array benchmarks;
  std::map<std::string, int> family;
  std::vector<const report::case_record*> reps;  // the current case's repetitions so far
  for (std::size_t ci = 0; ci < doc.cases.size(); ++ci) {
    const report::case_record& c = doc.cases[ci];
    const int index = family.emplace(c.name, static_cast<int>(family.size())).first->second;
    const std::string problem = !c.error.empty()                ? c.error
                                : c.result.totals.requests == 0 ? std::string("no request completed")
                                                                : std::string();
    json::object b = entry(c.name, index, repetitions[c.name], c, problem, c.result, load::case_counters(c.result));
    if (problem.empty()) b["label"] = report::benchmark_label(c.grade, c.result.interrupted);
    benchmarks.push_back(std::move(b));
    reps.push_back(&c);
    if (ci + 1 == doc.cases.size() || doc.cases[ci + 1].name != c.name) {
      add_parts(reps, benchmarks, family);
      reps.clear();
    }
  }
  return json::object{{"context", std::move(context)}, {"benchmarks", std::move(benchmarks)}};
}

}  // namespace shield::merge
