#include "support/merge/merge_shards.hpp"

#include "support/report/results/case_verdicts.hpp"
#include "support/stats/latency_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace shield::merge {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string seconds_text(double s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

std::string status_of(const report::case_record& c) {
  return c.skipped ? "skipped" : !c.error.empty() ? "error" : c.result.interrupted ? "interrupted" : "ran";
}

// One shard's part of a merged case, as that shard measured it.
report::shard_case_row row_of(const shard_input& shard, const report::case_record& c) {
  const load::load_result& r = c.result;
  const stats::latency_summary s = stats::summarize(r.totals.latency);
  const bool timed = s.count > 0;
  report::shard_case_row row;
  row.shard = shard.document.configuration.shard_index;
  row.host = shard.document.configuration.host;
  row.file = shard.path;
  row.started_unix = c.started_unix;
  row.wall_s = static_cast<double>(r.wall.count()) / 1e9;
  row.requests = r.totals.requests;
  row.ok = r.totals.ok;
  row.status = status_of(c);
  row.rps = r.requests_per_second();
  row.success_rate = r.success_rate_percent();
  row.p50_ms = timed ? s.p50 : nan;
  row.p95_ms = timed ? s.p95 : nan;
  row.p99_ms = timed ? s.p99 : nan;
  row.grade = c.grade;
  return row;
}

// Stages aligned by index (read_shards checks every shard ran the same shape): each stage's span
// from the shards' common shape, its tallies and histograms summed, so its rps is the union's.
void merge_stages(const std::vector<const report::case_record*>& cases, load::load_result& r, std::size_t messages) {
  const auto staged = std::find_if(cases.begin(), cases.end(), [](const auto* c) { return !c->result.stages.empty(); });
  if (staged == cases.end()) return;
  for (const load::stage_result& shape : (*staged)->result.stages) {
    load::stage_result& st = r.stages.emplace_back();
    st.spec = shape.spec;
    st.from = shape.from;
    st.begin = shape.begin;
    st.end = shape.end;
    st.totals = load::tally(r.totals.endpoints.size(), false);
  }
  for (const auto* c : cases)
    for (std::size_t i = 0; i < c->result.stages.size() && i < r.stages.size(); ++i)
      r.stages[i].totals.merge(c->result.stages[i].totals, messages);
}

// Case `at` of every shard merged: tallies and histograms exactly, the window their union.
report::case_record merge_case(const std::vector<shard_input>& shards, std::size_t at) {
  std::vector<const report::case_record*> cases;
  cases.reserve(shards.size());
  for (const auto& s : shards) cases.push_back(&s.document.cases.at(at));
  const report::case_record& first = *cases.front();
  report::case_record out;
  out.name = first.name;
  out.endpoint = first.endpoint;
  out.repetition = first.repetition;
  out.merged_shards = static_cast<std::uint32_t>(shards.size());
  load::load_result& r = out.result;
  r.config = first.result.config;
  r.threads = first.result.threads;
  // The widest shape: a shard whose case did not run has no stream figures or per-endpoint tallies.
  const report::case_record* shape = &first;
  bool streaming = false;
  for (const auto* c : cases) {
    if (c->result.totals.endpoints.size() > shape->result.totals.endpoints.size()) shape = c;
    streaming |= c->result.totals.stream.has_value();
  }
  r.endpoints = shape->result.endpoints;
  r.totals = load::tally(std::max<std::size_t>(1, shape->result.totals.endpoints.size()), streaming);
  const std::size_t messages = load::load_config{}.messages_per_kind;  // as one run keeps them
  bool errored = false, skipped = false;
  std::vector<std::pair<double, double>> windows;
  double longest = 0.0, earliest = std::numeric_limits<double>::infinity(), latest = -earliest;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const report::case_record& c = *cases[i];
    r.totals.merge(c.result.totals, messages);
    r.unsent += c.result.unsent;
    r.abandoned += c.result.abandoned;
    r.connections_opened += c.result.connections_opened;
    r.interrupted |= c.result.interrupted;
    out.client_cpu_s += c.client_cpu_s;
    if (!c.error.empty()) out.error += (out.error.empty() ? "" : "; ") + shards[i].path + ": " + c.error;
    errored |= !c.error.empty() && !c.skipped;
    skipped |= c.skipped;
    const double wall = static_cast<double>(c.result.wall.count()) / 1e9;
    longest = std::max(longest, wall);
    if (c.started_unix > 0) {
      windows.emplace_back(c.started_unix, wall);
      earliest = std::min(earliest, c.started_unix);
      latest = std::max(latest, c.started_unix);
    }
    out.shard_rows.push_back(row_of(shards[i], c));
  }
  merge_stages(cases, r, messages);
  out.skipped = skipped && !errored;
  if (windows.size() == cases.size()) {
    r.wall = std::chrono::nanoseconds(std::llround(union_length(windows) * 1e9));
    out.started_unix = earliest;
    out.start_skew_s = latest - earliest;
  } else {
    r.wall = std::chrono::nanoseconds(std::llround(longest * 1e9));  // a shard without its start: windows coincide
  }
  return out;
}

// Earliest "started" and latest "finished" (same ISO layout: text order is time order).
void run_times(const std::vector<shard_input>& shards, report::results_document& doc) {
  for (const auto& s : shards) {
    if (doc.started.empty() || s.document.started < doc.started) doc.started = s.document.started;
    if (s.document.finished > doc.finished) doc.finished = s.document.finished;
  }
}

}  // namespace

double union_length(std::vector<std::pair<double, double>> intervals) {
  std::sort(intervals.begin(), intervals.end());
  // Offsets from the earliest start: Unix times lose a length's last digits when added to it.
  const double origin = intervals.empty() ? 0.0 : intervals.front().first;
  double total = 0.0, begin = 0.0, end = -std::numeric_limits<double>::infinity();
  for (auto [start, length] : intervals) {
    start -= origin;
    const double stop = start + std::max(0.0, length);
    if (start > end) {
      if (end > begin) total += end - begin;
      begin = start;
      end = stop;
    } else {
      end = std::max(end, stop);
    }
  }
  if (end > begin) total += end - begin;
  return total;
}

std::vector<std::string> endpoint_names(const std::vector<shard_input>& shards) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  for (const auto& s : shards) {
    for (const auto& c : s.document.cases) {
      add(c.endpoint);
      for (const auto& e : c.result.endpoints) add(e);
    }
  }
  return out;
}

merged_run merge_shards(const std::vector<shard_input>& shards, std::span<const stats::threshold_rule> rules,
                        const std::string& thresholds) {
  merged_run out;
  report::results_document& doc = out.document;
  const report::results_document& first = shards.front().document;
  double worst_skew = -1.0;
  for (std::size_t at = 0; at < first.cases.size(); ++at) {
    report::case_record c = merge_case(shards, at);
    report::grade_and_judge(c, rules);  // the same verdicts as one run's
    for (const auto& v : c.thresholds) {
      if (!v.passed) out.threshold_failures.push_back(v.message);
    }
    if (!c.error.empty() || c.skipped) out.cases_ok = false;
    doc.interrupted |= c.result.interrupted;
    if (c.start_skew_s >= 0) {
      worst_skew = std::max(worst_skew, c.start_skew_s);
      out.skew_lines.push_back("start skew " + seconds_text(c.start_skew_s) + ": " + c.name);
      if (c.start_skew_s > skew_warning_s) {
        out.warnings.push_back("shards of case '" + c.name + "' started " + seconds_text(c.start_skew_s) +
                               " apart (above 1 s): they did not load the target together; rps is over the union "
                               "of their windows");
      }
    } else if (c.error.empty() && !c.skipped) {  // a case that ran: one of its shards lacks a start
      out.warnings.push_back("case '" + c.name +
                             "': a shard has no start time (started_unix); the start skew is unknown");
    }
    doc.cases.push_back(std::move(c));
  }

  doc.configuration = first.configuration;
  doc.configuration.tool = "shield_merge";
  doc.configuration.thresholds = thresholds;
  doc.configuration.shard_index = 0;
  doc.configuration.shard_count = 0;
  doc.configuration.run_id.clear();
  doc.configuration.start_at = 0.0;
  report::distributed_run d;
  d.run_id = first.configuration.run_id;
  d.shards = first.configuration.shard_count;
  d.has_start_at = true;
  d.start_at = first.configuration.start_at;
  d.start_skew_s = worst_skew;
  for (const auto& s : shards) {
    const report::results_document& sd = s.document;
    const std::string& host = sd.configuration.host;
    if (std::find(d.hosts.begin(), d.hosts.end(), host) == d.hosts.end()) d.hosts.push_back(host);
    d.files.push_back(s.path);
    d.per_shard.push_back(report::shard_source{sd.configuration.shard_index, host, s.path, sd.process, sd.started});
    doc.process.peak_rss_kb = std::max(doc.process.peak_rss_kb, sd.process.peak_rss_kb);  // the largest shard process
    doc.process.cpu_user_s += sd.process.cpu_user_s;
    doc.process.cpu_system_s += sd.process.cpu_system_s;
    doc.interrupted |= sd.interrupted;
  }
  std::string hosts;  // a string as in a shard's file: "a,b"
  for (const auto& h : d.hosts) hosts += (hosts.empty() ? "" : ",") + h;
  doc.configuration.host = hosts;
  doc.distributed = std::move(d);
  run_times(shards, doc);
  // One shard's search is the run's; several shards' searches do not merge (read_shards refuses them).
  if (shards.size() == 1) doc.capacity = first.capacity;
  if (doc.interrupted) out.cases_ok = false;
  return out;
}

}  // namespace shield::merge
