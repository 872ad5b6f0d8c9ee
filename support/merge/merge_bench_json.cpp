#include "support/merge/merge_bench_json.hpp"

#include "support/load/case_counters.hpp"
#include "support/load/workload_builder.hpp"
#include "support/report/results/results_document.hpp"
#include "support/report/results/results_reader.hpp"

#include <boost/json/array.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <thread>

namespace shield::merge {

namespace json = boost::json;

namespace {

std::optional<double> as_double(const json::value& v) {
  if (!v.is_number()) return std::nullopt;
  return v.to_number<double>();
}

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// The entries shield_bench writes after a case's repetitions (bench_session::register_cases): one per
// stage and, for mixed, one per endpoint, each with its case's client CPU per request.
void add_parts(const std::vector<report::case_record>& reps, json::array& benchmarks,
               std::map<std::string, int>& family) {
  if (reps.empty()) return;
  const report::case_record& first = reps.front();
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
    for (const auto& c : reps) {
      json::object b{{"name", name},
                     {"family_index", family_index},
                     {"per_family_instance_index", 0},
                     {"run_name", name},
                     {"run_type", "iteration"},
                     {"repetitions", static_cast<int>(reps.size())},
                     {"repetition_index", c.repetition},
                     {"threads", 1},
                     {"iterations", 1}};
      const bool present = stage ? index < c.result.stages.size() : index < c.result.totals.endpoints.size();
      if (!c.error.empty() || !present) {
        b["error_occurred"] = true;
        b["error_message"] = c.error.empty() ? std::string("the case has no such part") : c.error;
        b["real_time"] = 0.0;
        b["cpu_time"] = 0.0;
        b["time_unit"] = "us";
      } else {
        const load::load_result part = stage ? load::stage_part(c.result, index) : load::endpoint_part(c.result, index);
        const std::uint64_t requests = c.result.totals.requests;
        b["real_time"] = load::benchmark_seconds(part) * 1e6;
        b["cpu_time"] = (requests > 0 ? c.client_cpu_s / static_cast<double>(requests) : c.client_cpu_s) * 1e6;
        b["time_unit"] = "us";
        const auto counters = stage ? load::stage_counters(c.result, index) : load::endpoint_counters(c.result, index);
        for (const auto& k : counters) {
          if (std::isfinite(k.value)) b[k.name] = k.value;
        }
      }
      benchmarks.push_back(std::move(b));
    }
  }
}

}  // namespace

json::object bench_json_of(const json::object& doc) {
  const json::object& config = doc.at("configuration").as_object();
  const json::object& dist = doc.at("distributed").as_object();
  std::string hosts;
  for (const auto& h : dist.at("hosts").as_array()) hosts += (hosts.empty() ? "" : ",") + std::string(h.as_string());
  json::object context{{"date", text(doc, "started")},
                       {"host_name", hosts},
                       {"executable", "shield_merge"},
                       {"num_cpus", std::thread::hardware_concurrency()},
                       {"mhz_per_cpu", 0},
                       {"cpu_scaling_enabled", false},
                       {"library_build_type", "release"},
                       {"shield_build_type", text(config, "build_type")},
                       {"shield_target", text(config, "target")},
                       {"shield_preset", text(config, "preset")},
                       {"shield_mode", text(config, "mode")},
                       {"shield_profile", text(config, "profile_name")},
                       {"shield_run_id", dist.at("run_id")},
                       {"shield_shards", std::to_string(dist.at("shards").to_number<std::uint64_t>())}};
  if (const std::string commit = text(config, "git_commit"); !commit.empty()) context["shield_git_commit"] = commit;

  // Repetitions per case name, for "repetitions".
  std::map<std::string, int> repetitions;
  for (const auto& c : doc.at("cases").as_array()) ++repetitions[text(c.as_object(), "name")];
  json::array benchmarks;
  std::map<std::string, int> family;
  // The typed cases, for the parts after each case's repetitions (none when the document does not read).
  std::vector<report::case_record> typed;
  if (auto read = report::results_from_json(json::value(doc))) typed = std::move(read->cases);
  const json::array& cases = doc.at("cases").as_array();
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    const json::object& c = cases[ci].as_object();
    const std::string name = text(c, "name");
    const int index = family.emplace(name, static_cast<int>(family.size())).first->second;
    json::object b{{"name", name},
                   {"family_index", index},
                   {"per_family_instance_index", 0},
                   {"run_name", name},
                   {"run_type", "iteration"},
                   {"repetitions", repetitions[name]},
                   {"repetition_index", c.contains("repetition") ? c.at("repetition") : json::value(0)},
                   {"threads", 1},
                   {"iterations", 1}};
    const double requests = c.contains("requests") ? as_double(c.at("requests")).value_or(0) : 0;
    const double wall = c.contains("wall_s") ? as_double(c.at("wall_s")).value_or(0) : 0;
    const std::string status = text(c, "status");
    if (status == "error" || status == "skipped" || requests <= 0) {
      b["error_occurred"] = true;
      b["error_message"] = c.contains("error") ? c.at("error") : json::value("no request completed");
      b["real_time"] = 0.0;  // as Google Benchmark writes a case that did not run
      b["cpu_time"] = 0.0;
      b["time_unit"] = "us";
    } else {
      // As shield_bench (bench_session.hpp): real_time is wall time per completed request in closed
      // loop, the mean latency of the successful requests in open loop; cpu_time the client's CPU
      // (every shard's) per completed request.
      double real_us = wall / requests * 1e6;
      const auto* run = c.if_contains("run");
      const auto* latency = c.if_contains("latency_ms");
      const bool open = run != nullptr && run->is_object() && text(run->get_object(), "mode") == "open";
      if (open && latency != nullptr && latency->is_object()) {
        const auto* count = latency->get_object().if_contains("count");
        const auto* mean = latency->get_object().if_contains("mean");
        if (count != nullptr && as_double(*count).value_or(0) > 0 && mean != nullptr && as_double(*mean))
          real_us = *as_double(*mean) * 1e3;
      }
      const auto* cpu = c.if_contains("client_cpu_s");
      b["real_time"] = real_us;
      b["cpu_time"] = (cpu != nullptr ? as_double(*cpu).value_or(0) : 0.0) / requests * 1e6;
      b["time_unit"] = "us";
      if (const auto* counters = c.if_contains("counters"); counters != nullptr && counters->is_object()) {
        for (const auto& kv : counters->get_object()) {
          if (kv.value().is_number()) b[kv.key()] = kv.value();  // null (not known) counters are left out
        }
      }
      const std::string grade = text(c, "grade");
      const bool interrupted =
          c.contains("interrupted") && c.at("interrupted").is_bool() && c.at("interrupted").as_bool();
      b["label"] = report::benchmark_label(grade, interrupted);
    }
    benchmarks.push_back(std::move(b));
    const bool last_repetition = ci + 1 == cases.size() || text(cases[ci + 1].as_object(), "name") != name;
    if (last_repetition && typed.size() == cases.size()) {
      std::vector<report::case_record> reps;
      for (std::size_t k = ci + 1 - static_cast<std::size_t>(repetitions[name]); k <= ci; ++k) reps.push_back(typed[k]);
      add_parts(reps, benchmarks, family);
    }
  }
  return json::object{{"context", std::move(context)}, {"benchmarks", std::move(benchmarks)}};
}

}  // namespace shield::merge
