#include "support/merge/merge_inputs.hpp"

#include "support/base/json_error.hpp"
#include "support/base/read_file.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_reader.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>

namespace shield::merge {

namespace json = boost::json;

namespace {

// A member of an object, or null when absent.
const json::value& member(const json::object& o, std::string_view key) {
  static const json::value null;
  const json::value* v = o.if_contains(key);
  return v != nullptr ? *v : null;
}

std::string text_of(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.get_double());
    return buf;
  }
  return json::serialize(v);
}

// "name/concurrency:N#repetition" of every case, in file order.
std::vector<std::string> case_keys(const json::object& doc) {
  std::vector<std::string> out;
  const json::value& cases = member(doc, "cases");
  if (!cases.is_array()) return out;
  for (const auto& c : cases.get_array()) {
    if (!c.is_object()) continue;
    out.push_back(text_of(member(c.get_object(), "name")) + " (repetition " +
                  text_of(member(c.get_object(), "repetition")) + ")");
  }
  return out;
}

}  // namespace

base::result<shard_file> read_shard_file(const std::string& path) {
  const auto text = base::read_file(path);
  if (!text) return text.error();
  // Doubles read exactly, so that one shard merges into exactly its own figures.
  auto parsed = report::detail::parse_exact(*text);
  if (!parsed) return base::fail(path + ": not JSON (" + parsed.error().message + ")");
  json::value& v = *parsed;
  if (!v.is_object() || member(v.get_object(), "format") != json::value(report::results_format_name)) {
    return base::fail(path + ": not a shield_bench results file (no \"format\": \"shield.stress_test_results\")");
  }
  shard_file f;
  f.path = path;
  f.document = std::move(v.get_object());
  const json::value& config = member(f.document, "configuration");
  if (!config.is_object()) {
    return base::fail(path + ": has no configuration object");
  }
  if (member(config.get_object(), "tool") == json::value("shield_merge")) {
    return base::fail(path + ": is already a merged file (shield_merge output), not a shard");
  }
  const json::value& shard = member(config.get_object(), "shard");
  const json::value* index = shard.is_object() ? shard.get_object().if_contains("index") : nullptr;
  const json::value* count = shard.is_object() ? shard.get_object().if_contains("count") : nullptr;
  if (index == nullptr || count == nullptr || !index->is_number() || !count->is_number()) {
    return base::fail(path + ": not a shard (no configuration.shard; run shield_bench with --shard=I/N --run_id=ID)");
  }
  boost::system::error_code n_ec;
  f.index = index->to_number<std::uint32_t>(n_ec);
  f.count = n_ec ? 0 : count->to_number<std::uint32_t>(n_ec);
  if (n_ec || f.count == 0 || f.index >= f.count) {
    return base::fail(path + ": shard " + json::serialize(*index) + "/" + json::serialize(*count) +
                      " is not a valid shard");
  }
  f.run_id = text_of(member(shard.get_object(), "run_id"));
  f.host = member(config.get_object(), "host").is_string() ? text_of(member(config.get_object(), "host")) : "";
  if (!member(f.document, "cases").is_array()) {
    return base::fail(path + ": has no \"cases\" array");
  }
  // The merge reads these members as they are typed here.
  const auto& cases = member(f.document, "cases").get_array();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string where = path + ": cases[" + std::to_string(i) + "]";
    if (!cases[i].is_object()) return base::fail(where + " is not an object");
    const auto& c = cases[i].get_object();
    if (!member(c, "name").is_string()) return base::fail(where + " has no \"name\" string");
    if (c.contains("endpoint") && !member(c, "endpoint").is_string())
      return base::fail(where + ": \"endpoint\" is not a string");
  }
  return f;
}

base::result<void> check_shards(std::vector<shard_file>& shards) {
  if (shards.empty()) return base::fail("no shard files given");
  const shard_file& first = shards.front();
  const json::object& c0 = member(first.document, "configuration").get_object();
  // What every shard must share, with the word used in the message.
  static const std::vector<std::pair<std::string, std::string>> same{
      {"profile_name", "profile"},    {"target", "target"},     {"mode", "loop"},           {"rate", "rate"},
      {"concurrency", "concurrency"}, {"requests", "requests"}, {"duration_s", "duration"}, {"filter", "case filter"}};
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const shard_file& f = shards[i];
    if (f.run_id != first.run_id) {
      return base::fail(f.path + ": run id '" + f.run_id + "' differs from '" + first.run_id + "' in " + first.path);
    }
    if (f.count != first.count) {
      return base::fail(f.path + ": shard count " + std::to_string(f.count) + " differs from " +
                        std::to_string(first.count) + " in " + first.path);
    }
    const json::object& c = member(f.document, "configuration").get_object();
    for (const auto& [key, word] : same) {
      if (member(c, key) != member(c0, key)) {
        return base::fail(f.path + ": " + word + " " + text_of(member(c, key)) + " differs from " +
                          text_of(member(c0, key)) + " in " + first.path);
      }
    }
  }
  std::sort(shards.begin(), shards.end(), [](const shard_file& a, const shard_file& b) { return a.index < b.index; });
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (shards[i].index == shards[i - 1].index) {
      return base::fail(shards[i].path + ": shard " + std::to_string(shards[i].index) + "/" +
                        std::to_string(shards[i].count) + " repeats " + shards[i - 1].path);
    }
  }
  std::string missing;
  for (std::uint32_t want = 0, at = 0; want < first.count; ++want) {
    if (at < shards.size() && shards[at].index == want) {
      ++at;
    } else {
      missing += (missing.empty() ? "" : ", ") + std::to_string(want);
    }
  }
  if (!missing.empty()) {
    std::string given;
    for (const auto& f : shards)
      given += (given.empty() ? "" : ", ") + f.path + " (shard " + std::to_string(f.index) + ")";
    return base::fail("run '" + first.run_id + "' has " + std::to_string(first.count) + " shards; missing shard(s) " +
                      missing + "; given: " + given);
  }
  const auto keys0 = case_keys(shards.front().document);
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (case_keys(shards[i].document) != keys0) {
      return base::fail(shards[i].path + ": its cases differ from those of " + shards.front().path);
    }
  }
  return {};
}

base::result<std::vector<shard_file>> read_shards(const std::vector<std::string>& paths) {
  std::vector<shard_file> shards;
  for (const auto& p : paths) {
    auto one = read_shard_file(p);
    if (!one) return one.error();
    shards.push_back(std::move(*one));
  }
  if (auto checked = check_shards(shards); !checked) return checked.error();
  // The typed model the merge works on: strict, so a key it does not know is refused, not lost.
  for (auto& f : shards) {
    auto typed = report::results_from_json(json::value(f.document));
    if (!typed) return base::fail(f.path + ": " + typed.error().message);
    f.typed = std::move(*typed);
  }
  if (auto checked = check_shapes(shards); !checked) return checked.error();
  return shards;
}

base::result<void> check_shapes(const std::vector<shard_file>& shards) {
  if (shards.size() > 1) {
    for (const auto& f : shards) {
      if (f.typed.capacity) {
        return base::fail(
            f.path +
            ": holds a capacity search; searches of several shards do not merge (each chose its own rates "
            "and stopped on its own): run --find_capacity from one process, or merge that shard alone");
      }
    }
  }
  // Stages merge by index: every shard whose case ran must have run the same shape.
  const auto& cases0 = shards.front().typed.cases;
  for (std::size_t at = 0; at < cases0.size(); ++at) {
    const shard_file* shaped = nullptr;
    for (const auto& f : shards) {
      const auto& stages = f.typed.cases.at(at).result.stages;
      if (stages.empty()) continue;
      if (!shaped) {
        shaped = &f;
        continue;
      }
      const auto& want = shaped->typed.cases.at(at).result.stages;
      bool same = stages.size() == want.size();
      for (std::size_t i = 0; same && i < stages.size(); ++i)
        same = stages[i].spec.duration == want[i].spec.duration && stages[i].spec.target == want[i].spec.target &&
               stages[i].from == want[i].from;
      if (!same) {
        return base::fail(f.path + ": case '" + cases0[at].name + "' ran other stages than in " + shaped->path +
                          " (shards of a shaped run must run the same --stages and --rate/--concurrency)");
      }
    }
  }
  return {};
}

}  // namespace shield::merge
