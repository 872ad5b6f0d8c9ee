#include "support/merge/merge_inputs.hpp"

#include "support/base/json_error.hpp"
#include "support/base/read_file.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_reader.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdio>

namespace shield::merge {

namespace json = boost::json;

namespace {

// A configuration figure as the refusal messages show it.
std::string shown(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string shown(const std::vector<std::uint32_t>& list) {
  std::string out;
  for (auto n : list) out += (out.empty() ? "" : ",") + std::to_string(n);
  return "[" + out + "]";
}

// "name (repetition N)" of every case, in file order.
std::vector<std::string> case_keys(const report::results_document& doc) {
  std::vector<std::string> out;
  for (const auto& c : doc.cases) out.push_back(c.name + " (repetition " + std::to_string(c.repetition) + ")");
  return out;
}

}  // namespace

base::result<shard_file> read_shard_file(const std::string& path) {
  const auto text = base::read_file(path);
  if (!text) return text.error();
  // Doubles read exactly, so that one shard merges into exactly its own figures.
  auto parsed = report::detail::parse_exact(*text);
  if (!parsed) return base::fail(path + ": not JSON (" + parsed.error().message + ")");
  const json::value* format = parsed->is_object() ? parsed->get_object().if_contains("format") : nullptr;
  if (format == nullptr || *format != json::value(report::results_format_name)) {
    return base::fail(path + ": not a shield_bench results file (no \"format\": \"shield.stress_test_results\")");
  }
  // The typed model the merge works on: strict, so a key it does not know is refused, not lost.
  auto typed = report::results_from_json(*parsed);
  if (!typed) return base::fail(path + ": " + typed.error().message);
  const report::run_configuration& config = typed->configuration;
  if (config.tool == "shield_merge" || typed->distributed) {
    return base::fail(path + ": is already a merged file (shield_merge output), not a shard");
  }
  if (config.shard_count == 0) {
    return base::fail(path + ": not a shard (no configuration.shard; run shield_bench with --shard=I/N --run_id=ID)");
  }
  shard_file f;
  f.path = path;
  f.index = config.shard_index;
  f.count = config.shard_count;
  f.run_id = config.run_id;
  f.host = config.host;
  f.typed = std::move(*typed);
  return f;
}

base::result<void> check_shards(std::vector<shard_file>& shards) {
  if (shards.empty()) return base::fail("no shard files given");
  const shard_file& first = shards.front();
  const report::run_configuration& c0 = first.typed.configuration;
  // What every shard must share: the word used in the message, equal or not, both values shown.
  struct shared {
    const char* word;
    bool equal;
    std::string mine, first;
  };
  const auto differs = [&](const report::run_configuration& c) -> std::string {
    const shared fields[] = {
        {"profile", c.profile_name == c0.profile_name, c.profile_name, c0.profile_name},
        {"target", c.target == c0.target, c.target, c0.target},
        {"loop", c.mode == c0.mode, c.mode, c0.mode},
        {"rate", c.rate == c0.rate, shown(c.rate), shown(c0.rate)},
        {"concurrency", c.concurrency == c0.concurrency, shown(c.concurrency), shown(c0.concurrency)},
        {"requests", c.requests == c0.requests, std::to_string(c.requests), std::to_string(c0.requests)},
        {"duration", c.duration_s == c0.duration_s, shown(c.duration_s), shown(c0.duration_s)},
        {"case filter", c.filter == c0.filter, c.filter, c0.filter}};
    for (const auto& f : fields) {
      if (!f.equal) return std::string(f.word) + " " + f.mine + " differs from " + f.first;
    }
    return {};
  };
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const shard_file& f = shards[i];
    if (f.run_id != first.run_id) {
      return base::fail(f.path + ": run id '" + f.run_id + "' differs from '" + first.run_id + "' in " + first.path);
    }
    if (f.count != first.count) {
      return base::fail(f.path + ": shard count " + std::to_string(f.count) + " differs from " +
                        std::to_string(first.count) + " in " + first.path);
    }
    if (const std::string why = differs(f.typed.configuration); !why.empty())
      return base::fail(f.path + ": " + why + " in " + first.path);
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
  const auto keys0 = case_keys(shards.front().typed);
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (case_keys(shards[i].typed) != keys0) {
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
