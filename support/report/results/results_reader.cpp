#include "support/report/results/results_reader.hpp"

#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_merged.hpp"
#include "support/report/results/shape_reader.hpp"
#include "support/report/results/tally_reader.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>

namespace shield::report {

namespace json = boost::json;
using detail::json_object_reader;
using detail::read_failure_kind;
using detail::read_histogram;

namespace {

base::result<run_configuration> read_configuration(const json_object_reader& o) {
  run_configuration c;
  SHIELD_READ(tool, o.text("tool"));
  SHIELD_READ(target, o.text("target"));
  SHIELD_READ(profile, o.text("profile"));
  SHIELD_READ(profile_name, o.text("profile_name"));
  SHIELD_READ(headers, o.texts("headers"));
  SHIELD_READ(preset, o.text("preset"));
  SHIELD_READ(concurrency, o.array("concurrency"));
  c.tool = tool;
  c.target = target;
  c.profile = profile;
  c.profile_name = profile_name;
  c.headers = headers;
  c.preset = preset;
  for (std::size_t i = 0; i < concurrency->size(); ++i) {
    const auto n = detail::as_count((*concurrency)[i]);
    if (!n || *n == 0 || *n > 0xffffffffu)
      return base::fail(o.path_of("concurrency") + "[" + std::to_string(i) + "]: expected a whole number above 0");
    c.concurrency.push_back(static_cast<std::uint32_t>(*n));
  }
  SHIELD_READ(requests, o.count("requests"));
  SHIELD_READ(duration_s, o.number("duration_s"));
  SHIELD_READ(mode, o.text("mode"));
  SHIELD_READ(rate, o.number("rate"));
  SHIELD_READ(io_threads, o.small_count("io_threads"));
  SHIELD_READ(timeout_s, o.number("timeout_s"));
  SHIELD_READ(connect_timeout_s, o.number("connect_timeout_s"));
  SHIELD_READ(idle_timeout_s, o.number("idle_timeout_s"));
  SHIELD_READ(keepalive_idle_s, o.number("keepalive_idle_s"));
  SHIELD_READ(retry, o.text("retry"));
  SHIELD_READ(warmup_s, o.number("warmup_s"));
  SHIELD_READ(preflight, o.flag("preflight"));
  SHIELD_READ(thresholds, o.text("thresholds"));
  SHIELD_READ(filter, o.text("filter"));
  SHIELD_READ(build_type, o.text("build_type"));
  SHIELD_READ(git_commit, o.text("git_commit"));
  SHIELD_READ(host, o.optional_text("host"));
  if (mode != "open" && mode != "closed") return base::fail(o.path_of("mode") + ": expected open or closed");
  c.requests = requests;
  c.duration_s = duration_s;
  c.mode = mode;
  c.rate = rate;
  c.io_threads = io_threads;
  c.timeout_s = timeout_s;
  c.connect_timeout_s = connect_timeout_s;
  c.idle_timeout_s = idle_timeout_s;
  c.keepalive_idle_s = keepalive_idle_s;
  c.retry = retry;
  c.warmup_s = warmup_s;
  c.preflight = preflight;
  c.thresholds = thresholds;
  c.filter = filter;
  c.build_type = build_type;
  c.git_commit = git_commit;
  c.host = host.value_or("");
  if (o.find("shard") != nullptr) {
    SHIELD_READ(shard, o.child("shard"));
    SHIELD_READ(index, shard.small_count("index"));
    SHIELD_READ(count, shard.small_count("count"));
    SHIELD_READ(run_id, shard.text("run_id"));
    SHIELD_READ(start_at, shard.number("start_at"));
    if (count == 0 || index >= count)
      return base::fail(shard.path_of("index") + ": expected below " + shard.path_of("count") + " (above 0)");
    c.shard_index = index;
    c.shard_count = count;
    c.run_id = run_id;
    c.start_at = std::isnan(start_at) ? 0.0 : start_at;
  }
  return c;
}

base::result<load::load_config> read_run(const json_object_reader& run, std::uint32_t& threads) {
  load::load_config c;
  SHIELD_READ(mode, run.text("mode"));
  SHIELD_READ(concurrency, run.small_count("concurrency"));
  SHIELD_READ(io_threads, run.small_count("io_threads"));
  SHIELD_READ(requests, run.count("requests"));
  SHIELD_READ(duration_s, run.number("duration_s"));
  SHIELD_READ(rate, run.number("rate"));
  if (mode != "open" && mode != "closed") return base::fail(run.path_of("mode") + ": expected open or closed");
  c.mode = mode == "open" ? load::load_mode::open : load::load_mode::closed;
  c.concurrency = concurrency;
  c.io_threads = io_threads;
  threads = io_threads;
  c.requests = requests;
  c.duration = detail::nanos(duration_s);
  c.rate = rate;
  return c;
}

base::result<load::stream_figures> read_stream(const json_object_reader& s, const json_object_reader& histograms) {
  load::stream_figures f;
  SHIELD_READ(streams, s.count("streams"));
  SHIELD_READ(incomplete, s.count("incomplete"));
  SHIELD_READ(tokens, s.count("tokens"));
  SHIELD_READ(rated_tokens, s.count("rated_tokens"));
  SHIELD_READ(token_time_ns, s.count("token_time_ns"));
  SHIELD_READ(ttfb, read_histogram(histograms, "ttfb"));
  SHIELD_READ(ttft, read_histogram(histograms, "ttft"));
  SHIELD_READ(gap, read_histogram(histograms, "gap"));
  if (incomplete > streams) return base::fail(s.path_of("incomplete") + ": more than streams");
  f.streams = streams;
  f.incomplete = incomplete;
  f.tokens = tokens;
  f.rated_tokens = rated_tokens;
  f.token_time_ns = token_time_ns;
  f.ttfb = std::move(ttfb);
  f.ttft = std::move(ttft);
  f.gap = std::move(gap);
  return f;
}

// Per-endpoint tallies; a single-endpoint case writes none: its one endpoint is the totals.
base::result<void> read_endpoints(const json_object_reader& c, const std::string& endpoint, load::load_result& r) {
  load::tally& t = r.totals;
  if (c.find("endpoints") == nullptr) {
    r.endpoints = {endpoint};
    load::endpoint_tally e;
    e.requests = t.requests;
    e.ok = t.ok;
    for (std::size_t i = 0; i < load::outcome_count; ++i) e.outcomes[i] = t.outcomes[i].count;
    e.latency = t.latency;
    t.endpoints = {std::move(e)};
    return {};
  }
  SHIELD_READ(endpoints, c.child("endpoints"));
  if (endpoints.object().size() < 2) return base::fail(endpoints.path() + ": written only for two endpoints or more");
  t.endpoints.clear();
  std::uint64_t requests = 0;
  for (const auto& [name, value] : endpoints.object()) {
    SHIELD_READ(e, endpoints.child(name));
    load::endpoint_tally tally;
    SHIELD_READ(n, e.count("requests"));
    SHIELD_READ(ok, e.count("ok"));
    SHIELD_READ(failures, e.child("failures"));
    SHIELD_READ(kinds, detail::read_failure_counts(failures));
    SHIELD_READ(latency, read_histogram(e, "histogram"));
    tally.requests = n;
    tally.ok = ok;
    tally.outcomes[load::index_of(load::outcome::ok)] = ok;
    std::uint64_t failed = 0;
    for (const auto& [kind, count] : kinds) {
      tally.outcomes[load::index_of(kind)] = count;
      failed += count;
    }
    if (ok + failed != n) return base::fail(e.path_of("requests") + ": not ok plus the failures");
    if (latency.count() != ok) return base::fail(e.path_of("histogram") + ": holds other than the ok requests");
    tally.latency = std::move(latency);
    requests += n;
    r.endpoints.emplace_back(name);
    t.endpoints.push_back(std::move(tally));
  }
  if (requests != t.requests) return base::fail(endpoints.path() + ": requests do not add up to the case's");
  return {};
}

base::result<case_record> read_case(const json_object_reader& c) {
  case_record out;
  SHIELD_READ(name, c.text("name"));
  SHIELD_READ(endpoint, c.text("endpoint"));
  SHIELD_READ(repetition, c.count("repetition"));
  SHIELD_READ(status, c.text("status"));
  SHIELD_READ(error, c.optional_text("error"));
  SHIELD_READ(run, c.child("run"));
  SHIELD_READ(wall_s, c.number("wall_s"));
  SHIELD_READ(requests, c.count("requests"));
  SHIELD_READ(ok, c.count("ok"));
  SHIELD_READ(unsent, c.count("unsent"));
  SHIELD_READ(retried, c.count("retried"));
  SHIELD_READ(abandoned, c.count("abandoned"));
  SHIELD_READ(connections_opened, c.count("connections_opened"));
  SHIELD_READ(interrupted, c.flag("interrupted"));
  SHIELD_READ(started_unix, c.optional_number("started_unix"));
  SHIELD_READ(client_cpu_s, c.number("client_cpu_s"));
  SHIELD_READ(failures, c.child("failures"));
  SHIELD_READ(histograms, c.child("histograms"));
  SHIELD_READ(latency, read_histogram(histograms, "latency"));
  SHIELD_READ(service, read_histogram(histograms, "service_time"));
  SHIELD_READ(connect, read_histogram(histograms, "connect"));
  SHIELD_READ(grade, c.value("grade"));
  SHIELD_READ(verdicts, c.objects("thresholds"));
  if (repetition > 1'000'000) return base::fail(c.path_of("repetition") + ": out of range");
  if (ok > requests) return base::fail(c.path_of("ok") + ": more than requests");
  if (latency.count() != ok) return base::fail(histograms.path_of("latency") + ": holds other than the ok requests");

  out.name = name;
  out.endpoint = endpoint;
  out.repetition = static_cast<int>(repetition);
  out.skipped = status == "skipped";
  out.error = error.value_or("");
  out.started_unix = started_unix.value_or(0.0);
  if (!(client_cpu_s >= 0)) return base::fail(c.path_of("client_cpu_s") + ": expected seconds >= 0");
  out.client_cpu_s = client_cpu_s;
  load::load_result& r = out.result;
  SHIELD_READ(config, read_run(run, r.threads));
  r.config = config;
  r.wall = detail::nanos(wall_s);
  r.unsent = unsent;
  r.abandoned = abandoned;
  r.connections_opened = connections_opened;
  r.interrupted = interrupted;
  const bool streaming = c.find("stream") != nullptr;
  r.totals = load::tally(1, streaming);
  load::tally& t = r.totals;
  t.requests = requests;
  t.ok = ok;
  t.retried = retried;
  t.outcomes[load::index_of(load::outcome::ok)].count = ok;
  for (const auto& [kind_name, value] : failures.object()) {
    SHIELD_READ(kind, read_failure_kind(failures, kind_name));
    SHIELD_READ(entry, failures.child(kind_name));
    SHIELD_READ(count, entry.count("count"));
    SHIELD_READ(messages, entry.texts("messages"));
    if (count == 0) return base::fail(entry.path_of("count") + ": a kind with no failure is left out");
    t.outcomes[load::index_of(kind)] = load::outcome_tally{count, std::move(messages)};
  }
  t.latency = std::move(latency);
  t.service = std::move(service);
  t.connect = std::move(connect);
  if (streaming) {
    SHIELD_READ(stream, c.child("stream"));
    SHIELD_READ(figures, read_stream(stream, histograms));
    t.stream = std::move(figures);
  }
  if (auto e = read_endpoints(c, endpoint, r); !e) return e.error();
  if (c.find("stages") != nullptr) {
    if (auto e = detail::read_stages(c, r); !e) return e.error();
  }
  if (run.find("shards") != nullptr) {
    SHIELD_READ(merged, run.count("shards"));
    if (merged == 0 || merged > 0xffffffffu) return base::fail(run.path_of("shards") + ": expected a shard count");
    out.merged_shards = static_cast<std::uint32_t>(merged);
  }
  if (c.find("shards") != nullptr) {
    SHIELD_READ(rows, detail::read_shard_rows(c, "shards"));
    out.shard_rows = std::move(rows);
  }
  SHIELD_READ(skew, c.optional_number("start_skew_s"));
  out.start_skew_s = skew && *skew >= 0 ? *skew : -1.0;
  if (grade->is_string()) {
    out.grade = std::string(grade->get_string());
  } else if (!grade->is_null()) {
    return base::fail(c.path_of("grade") + ": expected a string or null");
  }
  for (const auto& v : verdicts) {
    SHIELD_READ(rule, v.text("rule"));
    SHIELD_READ(passed, v.flag("passed"));
    SHIELD_READ(value, v.number("value"));
    SHIELD_READ(message, v.optional_text("message"));
    out.thresholds.push_back(threshold_verdict{rule, passed, value, message.value_or("")});
  }
  return out;
}

}  // namespace

base::result<results_document> results_from_json(const json::value& document) {
  if (!document.is_object()) return base::fail("results document: expected an object");
  const json_object_reader root(document.get_object(), "");
  SHIELD_READ(format, root.text("format"));
  if (format != results_format_name) return base::fail("format: expected \"" + std::string(results_format_name) + "\"");
  SHIELD_READ(version, root.count("version"));
  if (version != static_cast<std::uint64_t>(results_format_version))
    return base::fail("version: expected " + std::to_string(results_format_version));
  results_document d;
  SHIELD_READ(started, root.text("started"));
  SHIELD_READ(finished, root.text("finished"));
  SHIELD_READ(interrupted, root.flag("interrupted"));
  SHIELD_READ(configuration, root.child("configuration"));
  SHIELD_READ(config, read_configuration(configuration));
  SHIELD_READ(process, root.child("process"));
  SHIELD_READ(peak_rss_kb, process.count("peak_rss_kb"));
  SHIELD_READ(cpu_user_s, process.number("cpu_user_s"));
  SHIELD_READ(cpu_system_s, process.number("cpu_system_s"));
  SHIELD_READ(cases, root.objects("cases"));
  d.started = started;
  d.finished = finished;
  d.interrupted = interrupted;
  d.configuration = std::move(config);
  d.process = process_usage{peak_rss_kb, cpu_user_s, cpu_system_s};
  if (root.find("distributed") != nullptr) {
    SHIELD_READ(distributed, root.child("distributed"));
    SHIELD_READ(run, detail::read_distributed(distributed));
    d.distributed = std::move(run);
  }
  if (root.find("capacity") != nullptr) {
    SHIELD_READ(capacity, root.child("capacity"));
    SHIELD_READ(search, detail::read_capacity(capacity));
    d.capacity = std::move(search);
  }
  for (const auto& c : cases) {
    SHIELD_READ(record, read_case(c));
    d.cases.push_back(std::move(record));
  }
  // Derived figures and unknown keys: the document must be what the writer makes of the model.
  if (auto same = detail::same_document(document, results_to_json(d), ""); !same) return same.error();
  return d;
}

base::result<results_document> results_from_json_text(std::string_view text) {
  auto document = detail::parse_exact(text);
  if (!document) return base::fail("results document " + document.error().message, document.error().code);
  return results_from_json(*document);
}

}  // namespace shield::report
