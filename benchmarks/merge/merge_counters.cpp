#include "benchmarks/merge/merge_counters.hpp"

#include "support/load/case_counters.hpp"
#include "support/load/outcome.hpp"
#include "support/load/workload_builder.hpp"
#include "support/stats/grade.hpp"
#include "support/stats/histogram_json.hpp"
#include "support/stats/threshold_check.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace shield::merge {

namespace json = boost::json;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

json::value number(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

double field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr ? as_double(*v).value_or(nan) : nan;
}

// A statistic of a histogram by its counter suffix: mean, min, max, p50, p999...; nullopt if unknown.
std::optional<double> statistic_ms(const stats::latency_histogram& h, const std::string& stat) {
  if (h.count() == 0) return nan;
  if (stat == "mean") return h.mean() / 1e6;
  if (stat == "min") return static_cast<double>(h.min()) / 1e6;
  if (stat == "max") return static_cast<double>(h.max()) / 1e6;
  if (stat.size() >= 3 && stat[0] == 'p' &&
      std::all_of(stat.begin() + 1, stat.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    const double q = std::stod(stat.substr(1)) / std::pow(10.0, static_cast<double>(stat.size() - 1));
    return static_cast<double>(h.value_at_quantile(q)) / 1e6;
  }
  return std::nullopt;
}

// "p95_ms" -> latency histogram, "ttft_p95_ms" -> ttft; nullopt when the name is not a latency figure.
std::optional<double> latency_counter(const json::object& merged_case, const std::string& name) {
  if (!name.ends_with("_ms")) return std::nullopt;
  const std::string stem = name.substr(0, name.size() - 3);
  const auto cut = stem.rfind('_');
  const std::string histogram = cut == std::string::npos ? "latency" : stem.substr(0, cut);
  const std::string stat = cut == std::string::npos ? stem : stem.substr(cut + 1);
  const auto* hs = merged_case.if_contains("histograms");
  const auto* doc = hs != nullptr && hs->is_object() ? hs->get_object().if_contains(histogram) : nullptr;
  if (doc == nullptr) return std::nullopt;
  const auto read = stats::histogram_from_json(*doc);
  if (!read) return std::nullopt;
  return statistic_ms(*read, stat);
}

std::uint64_t failures_of(const json::object& merged_case, std::string_view kind) {
  const auto* f = merged_case.if_contains("failures");
  const auto* k = f != nullptr && f->is_object() ? f->get_object().if_contains(kind) : nullptr;
  const auto* c = k != nullptr && k->is_object() ? k->get_object().if_contains("count") : nullptr;
  return c != nullptr && is_integer(*c) ? c->to_number<std::uint64_t>() : 0;
}

bool whole(double v) { return std::isfinite(v) && v == std::floor(v); }

}  // namespace

json::object merged_counters(const json::object& merged_case, const std::vector<const json::value*>& shard_counters,
                             double window_s, const std::string& path, path_list& lost) {
  std::vector<std::string> names;
  for (auto* c : shard_counters) {
    if (!c->is_object()) continue;
    for (const auto& kv : c->get_object()) {
      if (std::find(names.begin(), names.end(), kv.key()) == names.end()) names.emplace_back(kv.key());
    }
  }
  const double requests = field(merged_case, "requests");
  const double ok = field(merged_case, "ok");
  const auto* stream = merged_case.if_contains("stream");
  json::object out;
  for (const auto& name : names) {
    std::optional<double> v;
    if (name == "success_rate") {
      v = requests > 0 ? 100.0 * ok / requests : nan;
    } else if (name == "rps" || (name.ends_with("_rps") && merged_case.contains(name.substr(0, name.size() - 4)))) {
      const double count = name == "rps" ? requests : field(merged_case, name.substr(0, name.size() - 4));
      // As load_result::requests_per_second: over whole nanoseconds.
      const double ns = std::round(window_s * 1e9);
      v = ns > 0 ? count * 1e9 / ns : 0.0;
    } else if (name.starts_with("err_")) {
      v = static_cast<double>(failures_of(merged_case, name.substr(4)));
    } else if (name == "tokens_per_s" && stream != nullptr && stream->is_object()) {
      v = field(stream->get_object(), "tokens_per_s");
    } else if (name == "incomplete_streams" && stream != nullptr && stream->is_object()) {
      v = field(stream->get_object(), "incomplete");
    } else if (auto latency = latency_counter(merged_case, name)) {
      v = latency;
    } else if (const auto* summed = merged_case.if_contains(name); summed != nullptr && is_integer(*summed)) {
      v = *as_double(*summed);
    } else {
      // Unknown to the merge: a whole number on every shard is a count; anything else cannot be combined.
      double sum = 0.0;
      bool counts = true;
      for (auto* c : shard_counters) {
        const auto* one = c->is_object() ? c->get_object().if_contains(name) : nullptr;
        const double x = one != nullptr ? as_double(*one).value_or(nan) : 0.0;
        counts = counts && whole(x);
        sum += x;
      }
      if (counts) v = sum;
    }
    if (!v) lost.push_back(path + "." + name);
    out[name] = v ? number(*v) : json::value(nullptr);
  }
  return out;
}

json::value grade_of_case(const json::object& merged_case) {
  const auto* c = merged_case.if_contains("counters");
  if (c == nullptr || !c->is_object() || !(field(merged_case, "requests") > 0)) return nullptr;
  std::uint64_t timeouts = 0;
  for (auto kind : load::all_failures) {
    if (load::is_timeout(kind)) timeouts += failures_of(merged_case, load::to_string(kind));
  }
  const auto& counters = c->get_object();
  const auto g =
      stats::grade_of(field(counters, "success_rate"), field(counters, "mean_ms"), field(counters, "p95_ms"), timeouts);
  return json::value(std::string(stats::grade_name(g)));
}

json::array judge_case(std::span<const stats::threshold_rule> rules, const json::object& merged_case) {
  json::array out;
  stats::case_counters counters;
  counters.name = merged_case.contains("name") ? std::string(merged_case.at("name").as_string()) : "";
  counters.endpoint = merged_case.contains("endpoint") ? std::string(merged_case.at("endpoint").as_string()) : "";
  if (const auto* c = merged_case.if_contains("counters"); c != nullptr && c->is_object()) {
    for (const auto& kv : c->get_object()) counters.values[std::string(kv.key())] = as_double(kv.value()).value_or(nan);
  }
  const bool streaming = merged_case.contains("stream");
  const auto& stream_names = load::stream_counter_names();
  for (const auto& rule : rules) {
    const bool stream_rule = std::find(stream_names.begin(), stream_names.end(), rule.counter) != stream_names.end();
    if (rule.endpoint.empty() && stream_rule && !streaming) continue;
    const auto outcome = stats::check_thresholds(std::span(&rule, 1), counters);
    if (outcome.applied == 0) continue;
    const auto found = counters.values.find(rule.counter);
    json::object v{{"rule", stats::to_string(rule)},
                   {"passed", outcome.passed()},
                   {"value", number(found != counters.values.end() ? found->second : nan)}};
    if (!outcome.passed()) v["message"] = outcome.failures.front().message;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> counter_names(const std::vector<shard_file>& shards) {
  std::vector<std::string> out = load::known_counter_names();
  for (const auto& f : shards) {
    for (const auto& c : f.document.at("cases").as_array()) {
      const auto* counters = c.is_object() ? c.get_object().if_contains("counters") : nullptr;
      if (counters == nullptr || !counters->is_object()) continue;
      for (const auto& kv : counters->get_object()) {
        if (std::find(out.begin(), out.end(), kv.key()) == out.end()) out.emplace_back(kv.key());
      }
    }
  }
  return out;
}

std::vector<std::string> endpoint_names(const std::vector<shard_file>& shards) {
  std::vector<std::string> out{std::string(load::mixed_name)};
  for (const auto& f : shards) {
    for (const auto& c : f.document.at("cases").as_array()) {
      const auto* e = c.is_object() ? c.get_object().if_contains("endpoint") : nullptr;
      if (e == nullptr || !e->is_string()) continue;
      if (std::find(out.begin(), out.end(), e->get_string()) == out.end()) out.emplace_back(e->get_string());
    }
  }
  return out;
}

json::object shard_row(const shard_file& shard, const json::object& shard_case) {
  json::object row{{"shard", shard.index}, {"host", shard.host}, {"file", shard.path}};
  for (const char* k : {"started_unix", "wall_s", "requests", "ok", "status"}) {
    if (const auto* v = shard_case.if_contains(k)) row[k] = *v;
  }
  if (const auto* c = shard_case.if_contains("counters"); c != nullptr && c->is_object()) {
    for (const char* k : {"rps", "success_rate", "p50_ms", "p95_ms", "p99_ms"}) {
      if (const auto* v = c->get_object().if_contains(k)) row[k] = *v;
    }
  }
  if (const auto* g = shard_case.if_contains("grade")) row["grade"] = *g;
  return row;
}

}  // namespace shield::merge
