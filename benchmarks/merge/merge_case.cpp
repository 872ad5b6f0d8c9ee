#include "benchmarks/merge/merge_case.hpp"

#include "benchmarks/merge/merge_counters.hpp"
#include "support/report/results/results_document.hpp"
#include "support/stats/histogram_json.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <limits>
#include <map>

namespace shield::merge {

namespace json = boost::json;

namespace {

// Failure messages kept per kind in the merged file (as shield_bench keeps them).
constexpr std::size_t messages_per_kind = 5;

const json::object& case_of(const shard_file& f, std::size_t at) {
  return f.document.at("cases").as_array().at(at).as_object();
}

// Members `key` of the objects that have it.
std::vector<const json::value*> members(const std::vector<const json::object*>& objects, std::string_view key) {
  std::vector<const json::value*> out;
  for (auto* o : objects) {
    if (const auto* v = o->if_contains(key)) out.push_back(v);
  }
  return out;
}

// The histogram a latency summary `<name>_ms` is computed from.
std::string histogram_for(const std::string& summary_key) {
  if (summary_key == "latency_ms") return "latency";
  if (summary_key == "service_time_ms") return "service_time";
  return summary_key.substr(0, summary_key.size() - 3);
}

bool is_summary(const std::string& key, const json::value& v) {
  return key.size() > 3 && key.ends_with("_ms") && v.is_object() && v.get_object().contains("count");
}

// Merges every histogram under `key` of `objects`; recomputes the `<h>_ms` summaries of `target`.
std::string merge_histograms(const std::vector<const json::object*>& objects, const std::vector<std::string>& names,
                             json::object& target, const std::string& path, path_list& lost) {
  std::vector<const json::object*> sets;
  std::vector<std::string> set_names;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const auto* h = objects[i]->if_contains("histograms");
    if (h != nullptr && h->is_object()) {
      sets.push_back(&h->get_object());
      set_names.push_back(names[i]);
    }
  }
  json::object merged;
  std::vector<std::string> keys;
  for (auto* s : sets) {
    for (const auto& kv : *s) {
      if (std::find(keys.begin(), keys.end(), kv.key()) == keys.end()) keys.emplace_back(kv.key());
    }
  }
  std::map<std::string, stats::latency_histogram> by_name;
  for (const auto& k : keys) {
    std::vector<const json::value*> docs;
    std::vector<std::string> doc_names;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      if (const auto* d = sets[i]->if_contains(k)) {
        docs.push_back(d);
        doc_names.push_back(set_names[i] + " " + path + ".histograms." + k);
      }
    }
    auto h = merge_histogram_docs(docs, doc_names);
    if (!h) return h.error().message;
    merged[k] = stats::histogram_to_json(*h);
    by_name.emplace(k, std::move(*h));
  }
  if (!sets.empty()) {
    target["histograms"] = std::move(merged);
    forget(lost, path + ".histograms");
  }
  for (auto& kv : target) {
    const std::string key(kv.key());
    if (!is_summary(key, kv.value())) continue;
    const auto found = by_name.find(histogram_for(key));
    if (found == by_name.end()) continue;  // stays as merged generically (count summed, the rest lost)
    kv.value() = report::latency_summary_json(found->second);
    forget(lost, path + "." + key);
  }
  return {};
}

// Failures by kind: counts summed, the first messages kept.
json::object merge_failures(const std::vector<const json::value*>& sets, const std::string& path, path_list& lost) {
  json::object out;
  for (auto* s : sets) {
    if (!s->is_object()) continue;
    for (const auto& kv : s->get_object()) {
      const auto* count = kv.value().is_object() ? kv.value().get_object().if_contains("count") : nullptr;
      if (count == nullptr || !is_integer(*count)) {
        lost.push_back(path + "." + std::string(kv.key()));
        continue;
      }
      auto& slot = out[kv.key()];
      if (!slot.is_object()) slot = json::object{{"count", 0u}, {"messages", json::array{}}};
      auto& o = slot.get_object();
      o["count"] = o["count"].to_number<std::uint64_t>() + count->to_number<std::uint64_t>();
      auto& kept = o["messages"].get_array();
      if (const auto* m = kv.value().get_object().if_contains("messages"); m != nullptr && m->is_array()) {
        for (const auto& msg : m->get_array()) {
          if (kept.size() < messages_per_kind) kept.push_back(msg);
        }
      }
    }
  }
  return out;
}

}  // namespace

double union_length(std::vector<std::pair<double, double>> intervals) {
  std::sort(intervals.begin(), intervals.end());
  double total = 0.0, begin = 0.0, end = -std::numeric_limits<double>::infinity();
  for (const auto& [start, length] : intervals) {
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

merged_case merge_case(const std::vector<shard_file>& shards, std::size_t at, path_list& lost) {
  merged_case out;
  const std::string path = "cases[" + std::to_string(at) + "]";
  std::vector<const json::object*> cases;
  std::vector<std::string> names;
  for (const auto& f : shards) {
    cases.push_back(&case_of(f, at));
    names.push_back(f.path);
  }
  // Everything generically first (counts summed, equal values kept); then what is known exactly.
  std::vector<const json::value*> values;
  std::vector<json::value> wrapped;
  wrapped.reserve(cases.size());
  for (auto* c : cases) wrapped.emplace_back(*c);
  for (const auto& w : wrapped) values.push_back(&w);
  json::object& o = out.value = merge_values(values, path, lost).as_object();

  const json::object& first = *cases.front();
  for (const char* same : {"name", "endpoint", "repetition", "run"}) {
    if (const auto* v = first.if_contains(same)) o[same] = *v;
    forget(lost, path + "." + same);
  }
  if (auto* run = o.if_contains("run"); run != nullptr && run->is_object()) run->get_object()["shards"] = shards.size();

  // Status, errors, interruption.
  std::string status = "ran", error;
  bool interrupted = false;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto* s = cases[i]->if_contains("status");
    const std::string st = s != nullptr && s->is_string() ? std::string(s->get_string()) : "ran";
    if (st == "error" || (st != "ran" && status == "ran")) status = st;
    if (const auto* e = cases[i]->if_contains("error"); e != nullptr && e->is_string()) {
      error += (error.empty() ? "" : "; ") + names[i] + ": " + std::string(e->get_string());
    }
    if (const auto* in = cases[i]->if_contains("interrupted"); in != nullptr && in->is_bool())
      interrupted |= in->get_bool();
  }
  o["status"] = status;
  if (!error.empty()) o["error"] = error;
  o["interrupted"] = interrupted;
  for (const char* k : {"status", "error", "interrupted"}) forget(lost, path + "." + k);

  // Windows: rps over their union; start skew between the shards.
  std::vector<std::pair<double, double>> windows;
  double earliest = std::numeric_limits<double>::infinity(), latest = -earliest, longest = 0.0;
  for (auto* c : cases) {
    const auto* start = c->if_contains("started_unix");
    const auto* wall = c->if_contains("wall_s");
    const double w = wall != nullptr ? as_double(*wall).value_or(0.0) : 0.0;
    longest = std::max(longest, w);
    if (start == nullptr || !as_double(*start)) continue;
    windows.emplace_back(*as_double(*start), w);
    earliest = std::min(earliest, windows.back().first);
    latest = std::max(latest, windows.back().first);
  }
  if (windows.size() == cases.size()) {
    out.window_s = union_length(windows);
    out.start_skew_s = latest - earliest;
    o["started_unix"] = earliest;
  } else {
    out.window_s = longest;  // a shard without its start: assume the windows coincide
  }
  o["wall_s"] = out.window_s;
  for (const char* k : {"started_unix", "wall_s"}) forget(lost, path + "." + k);

  // Histograms, and the summaries computed from them; failures with their messages.
  if (out.error = merge_histograms(cases, names, o, path, lost); !out.error.empty()) return out;
  o["failures"] = merge_failures(members(cases, "failures"), path + ".failures", lost);
  forget(lost, path + ".failures");
  if (auto* s = o.if_contains("stream"); s != nullptr && s->is_object()) {
    std::vector<const json::object*> streams;
    for (auto* v : members(cases, "stream")) {
      if (v->is_object()) streams.push_back(&v->get_object());
    }
    // The stream summaries come from the case's histograms (ttfb, ttft, gap).
    json::object& so = s->get_object();
    for (auto& kv : so) {
      const std::string key(kv.key());
      const auto* hist = o.if_contains("histograms");
      if (!is_summary(key, kv.value()) || hist == nullptr) continue;
      const auto* doc = hist->get_object().if_contains(histogram_for(key));
      if (doc == nullptr) continue;
      kv.value() = report::latency_summary_json(stats::histogram_from_json(*doc).value());
      forget(lost, path + ".stream." + key);
    }
    const auto rated = so.if_contains("rated_tokens");
    const auto time = so.if_contains("token_time_ns");
    if (rated != nullptr && time != nullptr && is_integer(*rated) && is_integer(*time)) {
      const double ns = *as_double(*time);
      so["tokens_per_s"] = ns > 0 ? *as_double(*rated) * 1e9 / ns : 0.0;
      forget(lost, path + ".stream.tokens_per_s");
    }
  }
  if (auto* eps = o.if_contains("endpoints"); eps != nullptr && eps->is_object()) {
    for (auto& kv : eps->get_object()) {
      const std::string ep_path = path + ".endpoints." + std::string(kv.key());
      std::vector<const json::value*> docs;
      for (auto* c : cases) {
        const auto* e = c->if_contains("endpoints");
        const auto* one = e != nullptr && e->is_object() ? e->get_object().if_contains(kv.key()) : nullptr;
        const auto* h = one != nullptr && one->is_object() ? one->get_object().if_contains("histogram") : nullptr;
        if (h != nullptr) docs.push_back(h);
      }
      if (docs.size() != cases.size() || !kv.value().is_object()) continue;  // an older shard: latency stays lost
      auto h = merge_histogram_docs(docs, names);
      if (!h) {
        out.error = h.error().message;
        return out;
      }
      kv.value().get_object()["histogram"] = stats::histogram_to_json(*h);
      kv.value().get_object()["latency_ms"] = report::latency_summary_json(*h);
      forget(lost, ep_path + ".histogram");
      forget(lost, ep_path + ".latency_ms");
    }
  }

  // Counters from the merged figures; per-shard rows.
  forget(lost, path + ".counters");  // merged_counters lists what it cannot recompute
  o["counters"] = merged_counters(o, members(cases, "counters"), out.window_s, path + ".counters", lost);
  json::array rows;
  for (std::size_t i = 0; i < cases.size(); ++i) rows.push_back(shard_row(shards[i], *cases[i]));
  o["shards"] = std::move(rows);
  if (out.start_skew_s >= 0) o["start_skew_s"] = out.start_skew_s;
  return out;
}

}  // namespace shield::merge
