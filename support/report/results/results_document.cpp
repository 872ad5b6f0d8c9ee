#include "support/report/results/results_document.hpp"

#include "support/report/results/json_writer.hpp"

#include "support/load/case_counters.hpp"
#include "support/report/results/results_merged.hpp"
#include "support/report/results/scalability.hpp"
#include "support/report/results/shape_json.hpp"
#include "support/stats/histogram_json.hpp"
#include "support/stats/latency_summary.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>

namespace shield::report {

namespace json = boost::json;
using detail::json_number;
using detail::json_seconds;

namespace {

json::object failures_json(const load::tally& t) {
  json::object out;
  for (load::outcome kind : load::all_failures) {
    const auto& ot = t.outcomes[load::index_of(kind)];
    if (ot.count == 0) continue;
    json::array messages;
    for (const auto& m : ot.messages) messages.emplace_back(m);
    out[load::to_string(kind)] = json::object{{"count", ot.count}, {"messages", std::move(messages)}};
  }
  return out;
}

json::object stream_json(const load::stream_figures& s) {
  return json::object{
      {"streams", s.streams},
      {"incomplete", s.incomplete},
      {"tokens", s.tokens},
      {"rated_tokens", s.rated_tokens},  // with token_time_ns: tokens_per_s of merged shards
      {"token_time_ns", s.token_time_ns},
      {"tokens_per_s", json_number(s.tokens_per_second())},
      {"ttfb_ms", latency_summary_json(s.ttfb)},
      {"ttft_ms", latency_summary_json(s.ttft)},
      {"gap_ms", latency_summary_json(s.gap)},
  };
}

json::object endpoints_json(const load::load_result& r) {
  json::object out;
  for (std::size_t i = 0; i < r.endpoints.size() && i < r.totals.endpoints.size(); ++i) {
    const auto& e = r.totals.endpoints[i];
    json::object failures;
    for (load::outcome kind : load::all_failures) {
      if (const auto n = e.outcomes[load::index_of(kind)]; n > 0) failures[load::to_string(kind)] = n;
    }
    out[r.endpoints[i]] = json::object{{"requests", e.requests},
                                       {"ok", e.ok},
                                       {"failures", std::move(failures)},
                                       {"latency_ms", latency_summary_json(e.latency)},
                                       {"histogram", stats::histogram_to_json(e.latency)}};  // for merging shards
  }
  return out;
}

json::object config_json(const load::load_config& c, std::uint32_t threads) {
  return json::object{
      {"mode", load::to_string(c.mode)}, {"concurrency", c.concurrency},           {"io_threads", threads},
      {"requests", c.requests},          {"duration_s", json_seconds(c.duration)}, {"rate", c.rate}};
}

json::object case_json(const case_record& c) {
  const load::load_result& r = c.result;
  json::object o{{"name", c.name}, {"endpoint", c.endpoint}, {"repetition", c.repetition}};
  o["status"] = case_status(c);
  if (!c.error.empty()) o["error"] = c.error;
  o["run"] = config_json(r.config, r.threads);
  if (c.merged_shards > 0) o["run"].as_object()["shards"] = c.merged_shards;
  o["wall_s"] = json_seconds(r.wall);
  o["requests"] = r.totals.requests;
  o["ok"] = r.totals.ok;
  o["failed"] = r.totals.failures();
  o["unsent"] = r.unsent;
  o["retried"] = r.totals.retried;
  o["abandoned"] = r.abandoned;
  o["connections_opened"] = r.connections_opened;
  o["interrupted"] = r.interrupted;
  if (c.started_unix > 0) o["started_unix"] = c.started_unix;
  o["client_cpu_s"] = c.client_cpu_s;
  json::object counters;
  for (const auto& k : load::case_counters(r)) counters[k.name] = json_number(k.value);
  o["counters"] = std::move(counters);
  o["latency_ms"] = latency_summary_json(r.totals.latency);
  o["service_time_ms"] = latency_summary_json(r.totals.service);
  o["connect_ms"] = latency_summary_json(r.totals.connect);
  o["failures"] = failures_json(r.totals);
  if (r.totals.stream) o["stream"] = stream_json(*r.totals.stream);
  if (r.endpoints.size() > 1) o["endpoints"] = endpoints_json(r);
  if (!r.stages.empty()) o["stages"] = stages_json(r);
  json::object histograms{{"latency", stats::histogram_to_json(r.totals.latency)},
                          {"service_time", stats::histogram_to_json(r.totals.service)},
                          {"connect", stats::histogram_to_json(r.totals.connect)}};
  if (r.totals.stream) {
    histograms["ttfb"] = stats::histogram_to_json(r.totals.stream->ttfb);
    histograms["ttft"] = stats::histogram_to_json(r.totals.stream->ttft);
    histograms["gap"] = stats::histogram_to_json(r.totals.stream->gap);
  }
  o["histograms"] = std::move(histograms);
  if (c.grade.empty()) {
    o["grade"] = nullptr;
  } else {
    o["grade"] = c.grade;
  }
  json::array verdicts;
  for (const auto& v : c.thresholds) {
    json::object t{{"rule", v.rule}, {"passed", v.passed}, {"value", json_number(v.value)}};
    if (!v.passed) t["message"] = v.message;
    verdicts.push_back(std::move(t));
  }
  o["thresholds"] = std::move(verdicts);
  o["thresholds_passed"] = c.thresholds_passed();
  if (!c.shard_rows.empty()) o["shards"] = detail::shard_rows_json(c.shard_rows);
  if (c.start_skew_s >= 0) o["start_skew_s"] = c.start_skew_s;
  return o;
}

json::object configuration_json(const run_configuration& c) {
  json::array headers;
  for (const auto& h : c.headers) headers.emplace_back(h);
  json::array concurrency;
  for (auto n : c.concurrency) concurrency.emplace_back(n);
  json::object out{{"tool", c.tool},
                   {"target", c.target},
                   {"profile", c.profile},
                   {"profile_name", c.profile_name},
                   {"headers", std::move(headers)},
                   {"preset", c.preset},
                   {"concurrency", std::move(concurrency)},
                   {"requests", c.requests},
                   {"duration_s", c.duration_s},
                   {"mode", c.mode},
                   {"rate", c.rate},
                   {"io_threads", c.io_threads},
                   {"timeout_s", c.timeout_s},
                   {"connect_timeout_s", c.connect_timeout_s},
                   {"idle_timeout_s", c.idle_timeout_s},
                   {"keepalive_idle_s", c.keepalive_idle_s},
                   {"retry", c.retry},
                   {"warmup_s", c.warmup_s},
                   {"preflight", c.preflight},
                   {"thresholds", c.thresholds},
                   {"filter", c.filter},
                   {"build_type", c.build_type},
                   {"git_commit", c.git_commit}};
  if (!c.host.empty()) out["host"] = c.host;
  if (c.shard_count > 0) {
    json::object shard{{"index", c.shard_index}, {"count", c.shard_count}, {"run_id", c.run_id}};
    shard["start_at"] = c.start_at > 0 ? json::value(c.start_at) : json::value(nullptr);
    out["shard"] = std::move(shard);
  }
  return out;
}

}  // namespace

process_usage current_process_usage() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  process_usage u;
  u.peak_rss_kb = static_cast<std::uint64_t>(ru.ru_maxrss);
  u.cpu_user_s = static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
  u.cpu_system_s = static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
  return u;
}

bool case_record::thresholds_passed() const {
  return std::all_of(thresholds.begin(), thresholds.end(), [](const threshold_verdict& v) { return v.passed; });
}

json::value latency_summary_json(const stats::latency_histogram& histogram) {
  const stats::latency_summary s = stats::summarize(histogram);
  if (s.count == 0) return json::object{{"count", 0}};
  return json::object{{"count", s.count}, {"mean", s.mean}, {"stddev", s.stddev}, {"min", s.min},   {"p50", s.p50},
                      {"p90", s.p90},     {"p95", s.p95},   {"p99", s.p99},       {"p999", s.p999}, {"max", s.max}};
}

std::string case_status(const case_record& c) {
  return c.skipped ? "skipped" : !c.error.empty() ? "error" : (c.result.interrupted ? "interrupted" : "ran");
}

double cpu_seconds_per_request(const case_record& record) {
  const std::uint64_t requests = record.result.totals.requests;
  return requests > 0 ? record.client_cpu_s / static_cast<double>(requests) : record.client_cpu_s;
}

run_summary summarize_run(const results_document& d) {
  run_summary s;
  s.cases = d.cases.size();
  for (const auto& c : d.cases) {
    if (!c.error.empty() && !c.skipped) ++s.errors;
    if (!c.thresholds_passed()) ++s.threshold_failures;
  }
  s.passed = s.errors == 0 && s.threshold_failures == 0 && !d.interrupted;
  return s;
}

json::value results_to_json(const results_document& d) {
  json::array cases;
  for (const auto& c : d.cases) cases.push_back(case_json(c));
  json::value scalability =
      scalability_json(scalability_from_cases(d.cases));  // USL per endpoint swept over 3+ concurrencies
  const run_summary s = summarize_run(d);
  json::object summary{
      {"cases", s.cases}, {"errors", s.errors}, {"threshold_failures", s.threshold_failures}, {"passed", s.passed}};
  json::object out{{"format", results_format_name},
                   {"version", results_format_version},
                   {"started", d.started},
                   {"finished", d.finished},
                   {"interrupted", d.interrupted},
                   {"configuration", configuration_json(d.configuration)},
                   {"process", json::object{{"peak_rss_kb", d.process.peak_rss_kb},
                                            {"cpu_user_s", d.process.cpu_user_s},
                                            {"cpu_system_s", d.process.cpu_system_s}}},
                   {"summary", std::move(summary)},
                   {"scalability", std::move(scalability)},
                   {"cases", std::move(cases)}};
  if (d.capacity) out["capacity"] = capacity_json(*d.capacity);
  if (d.distributed) out["distributed"] = detail::distributed_json(*d.distributed);
  return out;
}

}  // namespace shield::report
