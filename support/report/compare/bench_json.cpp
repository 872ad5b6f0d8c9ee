#include "support/report/compare/bench_json.hpp"

#include "support/base/json_error.hpp"
#include "support/base/read_file.hpp"
#include "support/base/text.hpp"

#include <boost/json/object.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>

namespace shield::report {

namespace {

namespace json = boost::json;

constexpr std::string_view how_to_produce =
    "shield_compare reads Google Benchmark JSON (--benchmark_out=FILE --benchmark_out_format=json)";

// Entry keys that describe the entry rather than measure it.
constexpr std::array<std::string_view, 5> structural_keys = {"family_index", "per_family_instance_index", "repetitions",
                                                             "repetition_index", "threads"};

// Quotes bare NaN/Infinity tokens outside strings so a strict JSON parser accepts the text.
std::string quote_non_finite(std::string_view text) {
  static constexpr std::array<std::string_view, 4> tokens = {"-Infinity", "Infinity", "-NaN", "NaN"};
  std::string out;
  out.reserve(text.size() + 64);
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      ++i;
      continue;
    }
    const auto token =
        std::find_if(tokens.begin(), tokens.end(), [&](std::string_view t) { return text.substr(i).starts_with(t); });
    if (token != tokens.end()) {
      out += '"';
      out += *token == "-NaN" ? std::string_view{"NaN"} : *token;
      out += '"';
      i += token->size();
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

// 1-based line of a byte offset.
std::size_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 +
         static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// A measurement as a double: JSON numbers and the quoted non-finite tokens; nullopt otherwise.
std::optional<double> as_measure(const json::value& v) {
  if (v.is_number()) return v.to_number<double>();
  if (v.is_string()) {
    const std::string_view s = v.get_string();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  }
  return std::nullopt;
}

// A whole number that fits in long long; nullopt otherwise (a cast would be undefined out of range).
std::optional<long long> whole_number(const json::value& v) {
  boost::system::error_code ec;
  const auto n = v.to_number<long long>(ec);
  if (ec) return std::nullopt;
  return n;
}

std::string string_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string{v->get_string()} : std::string{};
}

void read_context(const json::object& o, bench_context& ctx) {
  ctx.date = string_field(o, "date");
  ctx.host_name = string_field(o, "host_name");
  ctx.executable = string_field(o, "executable");
  if (const auto* v = o.if_contains("num_cpus"); v && v->is_number()) ctx.num_cpus = whole_number(*v).value_or(0);
  if (const auto* v = o.if_contains("mhz_per_cpu"); v && v->is_number()) ctx.mhz_per_cpu = v->to_number<double>();
  if (const auto* v = o.if_contains("cpu_scaling_enabled"); v && v->is_bool()) ctx.cpu_scaling_enabled = v->get_bool();
  ctx.library_build_type = string_field(o, "library_build_type");
  ctx.shield_build_type = string_field(o, "shield_build_type");
  ctx.shield_target = string_field(o, "shield_target");
  ctx.shield_git_commit = string_field(o, "shield_git_commit");
  ctx.shield_preset = string_field(o, "shield_preset");
  ctx.shield_interrupted = string_field(o, "shield_interrupted") == "true";
}

// A string member that must be present (required) or may be absent; wrong types are errors.
base::result<std::string> take_string(const json::object& o, std::string_view key, bool required) {
  const auto* v = o.if_contains(key);
  if (!v) {
    if (required) return base::fail("has no \"" + std::string{key} + "\"");
    return std::string{};
  }
  if (!v->is_string()) return base::fail("\"" + std::string{key} + "\" is not a string");
  return std::string{v->get_string()};
}

// Reads one entry into the run; the failure's text has no entry prefix.
base::result<void> read_entry(const json::value& value, bench_run& run) {
  if (!value.is_object()) return base::fail("is not an object");
  const json::object& o = value.get_object();
  const auto name = take_string(o, "name", true);
  const auto run_name_read = take_string(o, "run_name", false);
  const auto run_type_read = take_string(o, "run_type", false);
  const auto time_unit = take_string(o, "time_unit", false);
  const auto label = take_string(o, "label", false);
  for (const auto* read : {&name, &run_name_read, &run_type_read, &time_unit, &label})
    if (!*read) return read->error();
  std::string run_name = run_name_read->empty() ? *name : *run_name_read;
  std::string run_type = run_type_read->empty() ? "iteration" : *run_type_read;
  if (run_type != "iteration" && run_type != "aggregate")
    return base::fail("has unknown run_type '" + run_type + "' (expected iteration or aggregate)");

  counter_values counters;
  for (const auto& member : o) {
    const std::string_view key = member.key();
    if (std::find(structural_keys.begin(), structural_keys.end(), key) != structural_keys.end()) continue;
    if (const auto measure = as_measure(member.value()); measure && !std::isnan(*measure))
      counters.emplace(std::string{key}, *measure);
  }

  // Find or add the case, keeping first-appearance order.
  auto it =
      std::find_if(run.cases.begin(), run.cases.end(), [&](const bench_case& c) { return c.run_name == run_name; });
  if (it == run.cases.end()) {
    run.cases.push_back(bench_case{run_name, *time_unit, {}, {}});
    it = std::prev(run.cases.end());
  }

  if (run_type == "aggregate") {
    const auto aggregate = take_string(o, "aggregate_name", true);
    if (!aggregate) return base::fail("is an aggregate but " + aggregate.error().message);
    it->aggregates[*aggregate] = std::move(counters);
    return {};
  }
  bench_repetition rep;
  if (const auto* v = o.if_contains("repetition_index")) {
    const auto index = v->is_int64() || v->is_uint64() ? whole_number(*v) : std::nullopt;
    if (!index) return base::fail("\"repetition_index\" is not an integer (of at most 19 digits)");
    rep.index = *index;
  }
  if (const auto* v = o.if_contains("error_occurred"); v && v->is_bool() && v->get_bool()) {
    rep.error = string_field(o, "error_message");
    if (rep.error.empty()) rep.error = "error_occurred without a message";
  }
  rep.counters = std::move(counters);
  rep.label = *label;
  it->repetitions.push_back(std::move(rep));
  return {};
}

bool is_suite_results_name(std::string_view source) {
  const std::string stem = std::filesystem::path{std::string{source}}.filename().string();
  return stem.starts_with("stress_test_results_");
}

}  // namespace

const bench_case* bench_run::find(std::string_view run_name) const {
  const auto it = std::find_if(cases.begin(), cases.end(), [&](const bench_case& c) { return c.run_name == run_name; });
  return it == cases.end() ? nullptr : &*it;
}

base::result<bench_run> parse_bench_json(std::string_view text, std::string_view source) {
  bench_run run;
  run.source = source;
  const std::string quoted = "'" + std::string{source} + "'";
  if (base::is_blank(text)) return base::fail(quoted + " is empty; " + std::string{how_to_produce});

  // Parse, keeping the byte offset of a syntax error for the message.
  const std::string clean = quote_non_finite(text);
  json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(clean.data(), clean.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    return base::fail(quoted + " is not JSON (line " + std::to_string(line_of(clean, used)) + ": " +
                      base::json_error_text(ec) + "); " + std::string{how_to_produce});
  }
  const json::value document = parser.release();

  // Shape: an object with a "context" object and a "benchmarks" array.
  const json::object* top = document.if_object();
  const json::value* benchmarks = top ? top->if_contains("benchmarks") : nullptr;
  if (!top || !benchmarks) {
    std::string why = quoted +
                      " is JSON but not Google Benchmark output (expected an object with \"context\" and "
                      "\"benchmarks\")";
    if (is_suite_results_name(source) || (top && top->contains("results")))
      why += "; the suite's stress_test_results_*.json files are not supported yet";
    return base::fail(why + "; " + std::string{how_to_produce});
  }
  if (!benchmarks->is_array()) {
    return base::fail(quoted + " is not Google Benchmark output: \"benchmarks\" is not an array");
  }
  const json::value* context = top->if_contains("context");
  if (!context || !context->is_object()) {
    return base::fail(quoted + " is not Google Benchmark output: no \"context\" object");
  }
  read_context(context->get_object(), run.context);

  const json::array& entries = benchmarks->get_array();
  if (entries.empty()) {
    return base::fail(quoted + " holds no benchmark results (\"benchmarks\" is empty)");
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (auto read = read_entry(entries[i], run); !read) {
      return base::fail(quoted + ": benchmarks[" + std::to_string(i) + "] " + read.error().message);
    }
  }
  return run;
}

base::result<bench_run> read_bench_file(const std::string& path) {
  const auto text = base::read_file(path);
  if (!text) return text.error();
  return parse_bench_json(*text, path);
}

std::vector<double> counter_samples(const bench_case& c, std::string_view counter) {
  std::vector<double> values;
  for (const auto& rep : c.repetitions) {
    if (!rep.error.empty()) continue;
    if (const auto it = rep.counters.find(counter); it != rep.counters.end()) values.push_back(it->second);
  }
  if (c.repetitions.empty()) {
    for (const std::string_view name : {"median", "mean"}) {
      const auto agg = c.aggregates.find(name);
      if (agg == c.aggregates.end()) continue;
      if (const auto it = agg->second.find(counter); it != agg->second.end()) {
        values.push_back(it->second);
        break;
      }
    }
  }
  return values;
}

std::optional<double> median_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  return values[mid - 1] / 2.0 + values[mid] / 2.0;
}

std::size_t good_repetitions(const bench_case& c) {
  if (c.repetitions.empty()) return c.aggregates.empty() ? 0 : 1;
  return static_cast<std::size_t>(std::count_if(c.repetitions.begin(), c.repetitions.end(),
                                                [](const bench_repetition& r) { return r.error.empty(); }));
}

std::string first_error(const bench_case& c) {
  for (const auto& rep : c.repetitions)
    if (!rep.error.empty()) return rep.error;
  return {};
}

std::string labels_of(const bench_case& c) {
  std::vector<std::string> seen;
  for (const auto& rep : c.repetitions)
    if (!rep.label.empty() && std::find(seen.begin(), seen.end(), rep.label) == seen.end()) seen.push_back(rep.label);
  std::string out;
  for (const auto& label : seen) out += (out.empty() ? "" : "/") + label;
  return out;
}

}  // namespace shield::report
