#include "support/report/results/results_merged.hpp"

#include "support/report/results/json_writer.hpp"

#include <cmath>

namespace shield::report::detail {

namespace json = boost::json;

namespace {

json::object process_json(const process_usage& p) {
  return json::object{{"peak_rss_kb", p.peak_rss_kb}, {"cpu_user_s", p.cpu_user_s}, {"cpu_system_s", p.cpu_system_s}};
}

}  // namespace

json::object distributed_json(const distributed_run& run) {
  json::array files, hosts, per_shard, lost;
  for (const auto& f : run.files) files.emplace_back(f);
  for (const auto& h : run.hosts) hosts.emplace_back(h);
  for (const auto& s : run.per_shard) {
    per_shard.push_back(json::object{{"shard", s.shard},
                                     {"host", s.host},
                                     {"file", s.file},
                                     {"process", process_json(s.process)},
                                     {"started", s.started}});
  }
  for (const auto& p : run.not_merged) lost.emplace_back(p);
  json::object out{{"run_id", run.run_id},
                   {"shards", run.shards},
                   {"files", std::move(files)},
                   {"hosts", std::move(hosts)},
                   {"per_shard", std::move(per_shard)}};
  if (run.has_start_at) out["start_at"] = run.start_at > 0 ? json::value(run.start_at) : json::value(nullptr);
  out["start_skew_s"] = run.start_skew_s >= 0 ? json::value(run.start_skew_s) : json::value(nullptr);
  out["not_merged"] = std::move(lost);
  return out;
}

json::array shard_rows_json(const std::vector<shard_case_row>& rows) {
  json::array out;
  for (const auto& r : rows) {
    json::object o{{"shard", r.shard}, {"host", r.host}, {"file", r.file}};
    if (r.started_unix > 0) o["started_unix"] = r.started_unix;
    o["wall_s"] = r.wall_s;
    o["requests"] = r.requests;
    o["ok"] = r.ok;
    o["status"] = r.status;
    o["rps"] = json_number(r.rps);
    o["success_rate"] = json_number(r.success_rate);
    o["p50_ms"] = json_number(r.p50_ms);
    o["p95_ms"] = json_number(r.p95_ms);
    o["p99_ms"] = json_number(r.p99_ms);
    o["grade"] = r.grade.empty() ? json::value(nullptr) : json::value(r.grade);
    out.push_back(std::move(o));
  }
  return out;
}

base::result<distributed_run> read_distributed(const json_object_reader& o) {
  distributed_run d;
  SHIELD_READ(run_id, o.text("run_id"));
  SHIELD_READ(shards, o.small_count("shards"));
  SHIELD_READ(files, o.texts("files"));
  SHIELD_READ(hosts, o.texts("hosts"));
  SHIELD_READ(per_shard, o.objects("per_shard"));
  SHIELD_READ(start_at, o.optional_number("start_at"));
  SHIELD_READ(skew, o.number("start_skew_s"));
  SHIELD_READ(lost, o.texts("not_merged"));
  d.run_id = run_id;
  d.shards = shards;
  d.files = files;
  d.hosts = hosts;
  for (const auto& s : per_shard) {
    shard_source src;
    SHIELD_READ(shard, s.small_count("shard"));
    SHIELD_READ(host, s.text("host"));
    SHIELD_READ(file, s.text("file"));
    SHIELD_READ(started, s.text("started"));
    SHIELD_READ(process, s.child("process"));
    SHIELD_READ(rss, process.count("peak_rss_kb"));
    SHIELD_READ(user, process.number("cpu_user_s"));
    SHIELD_READ(system, process.number("cpu_system_s"));
    src.shard = shard;
    src.host = host;
    src.file = file;
    src.started = started;
    src.process = process_usage{rss, user, system};
    d.per_shard.push_back(std::move(src));
  }
  d.has_start_at = start_at.has_value();
  d.start_at = start_at && std::isfinite(*start_at) ? *start_at : 0.0;
  d.start_skew_s = std::isfinite(skew) ? skew : -1.0;
  d.not_merged = lost;
  return d;
}

base::result<std::vector<shard_case_row>> read_shard_rows(const json_object_reader& c, std::string_view key) {
  SHIELD_READ(rows, c.objects(key));
  std::vector<shard_case_row> out;
  for (const auto& o : rows) {
    shard_case_row r;
    SHIELD_READ(shard, o.small_count("shard"));
    SHIELD_READ(host, o.text("host"));
    SHIELD_READ(file, o.text("file"));
    SHIELD_READ(started, o.optional_number("started_unix"));
    SHIELD_READ(wall, o.number("wall_s"));
    SHIELD_READ(requests, o.count("requests"));
    SHIELD_READ(ok, o.count("ok"));
    SHIELD_READ(status, o.text("status"));
    SHIELD_READ(rps, o.number("rps"));
    SHIELD_READ(rate, o.number("success_rate"));
    SHIELD_READ(p50, o.number("p50_ms"));
    SHIELD_READ(p95, o.number("p95_ms"));
    SHIELD_READ(p99, o.number("p99_ms"));
    SHIELD_READ(grade, o.value("grade"));
    if (!grade->is_null() && !grade->is_string()) return base::fail(o.path_of("grade") + ": expected a string or null");
    r.shard = shard;
    r.host = host;
    r.file = file;
    r.started_unix = started.value_or(0.0);
    r.wall_s = wall;
    r.requests = requests;
    r.ok = ok;
    r.status = status;
    r.rps = rps;
    r.success_rate = rate;
    r.p50_ms = p50;
    r.p95_ms = p95;
    r.p99_ms = p99;
    if (grade->is_string()) r.grade = std::string(grade->get_string());
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace shield::report::detail
