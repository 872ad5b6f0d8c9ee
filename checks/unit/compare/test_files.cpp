#include "checks/unit/compare/test_files.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace shield::compare_test {

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "shield_compare_test.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string temp_dir::path(const std::string& name) const { return path_ + "/" + name; }

std::string temp_dir::write(const std::string& name, const std::string& text) const {
  const std::string file = path(name);
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file);
  return file;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

namespace json = boost::json;

json::object entry(const synthetic_case& c, std::size_t index, const counters& values) {
  json::object o{{"name", c.name},
                 {"family_index", 0},
                 {"per_family_instance_index", 0},
                 {"run_name", c.name},
                 {"run_type", "iteration"},
                 {"repetitions", c.repetitions.size()},
                 {"repetition_index", index},
                 {"threads", 1}};
  if (!c.error.empty()) {
    o["error_occurred"] = true;
    o["error_message"] = c.error;
  }
  o["iterations"] = 1;
  o["real_time"] = 1.0e9;
  o["cpu_time"] = 1.0e7;
  o["time_unit"] = "ns";
  if (c.error.empty())
    for (const auto& [key, value] : values) o[key] = value;
  o["label"] = c.label;
  return o;
}

// Mean, median, stddev and cv of every counter, as Google Benchmark appends them.
void add_aggregates(const synthetic_case& c, json::array& out) {
  if (c.repetitions.empty()) return;
  for (const char* name : {"mean", "median", "stddev", "cv"}) {
    json::object o{{"name", c.name + "_" + name},
                   {"family_index", 0},
                   {"per_family_instance_index", 0},
                   {"run_name", c.name},
                   {"run_type", "aggregate"},
                   {"repetitions", c.repetitions.size()},
                   {"threads", 1},
                   {"aggregate_name", name},
                   {"aggregate_unit", "time"},
                   {"iterations", c.repetitions.size()},
                   {"real_time", 1.0e9},
                   {"cpu_time", 1.0e7},
                   {"time_unit", "ns"}};
    for (const auto& [key, first] : c.repetitions.front()) {
      std::vector<double> v;
      for (const auto& rep : c.repetitions) v.push_back(rep.at(key));
      double mean = 0.0;
      for (double x : v) mean += x / static_cast<double>(v.size());
      double var = 0.0;
      for (double x : v) var += (x - mean) * (x - mean) / (v.size() > 1 ? static_cast<double>(v.size() - 1) : 1.0);
      std::sort(v.begin(), v.end());
      const double median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
      const std::string n = name;
      o[key] = n == "mean" ? mean : n == "median" ? median : n == "stddev" ? std::sqrt(var) : std::sqrt(var) / mean;
    }
    out.push_back(std::move(o));
  }
}

}  // namespace

std::string benchmark_json(const synthetic_context& context, const std::vector<synthetic_case>& cases) {
  json::array benchmarks;
  for (const auto& c : cases) {
    for (std::size_t i = 0; i < c.repetitions.size(); ++i) benchmarks.push_back(entry(c, i, c.repetitions[i]));
    if (c.aggregates && c.repetitions.size() > 1 && c.error.empty()) add_aggregates(c, benchmarks);
  }
  json::object ctx{
      {"date", "2026-11-28T10:00:00+00:00"},
      {"host_name", context.host_name},
      {"executable", "./shield_bench"},
      {"num_cpus", context.num_cpus},
      {"mhz_per_cpu", 2400},
      {"cpu_scaling_enabled", false},
      {"caches", json::array{json::object{{"type", "Data"}, {"level", 1}, {"size", 32768}, {"num_sharing", 1}}}},
      {"load_avg", json::array{0.5, 0.4, 0.3}},
      {"library_build_type", context.library_build_type},
      {"shield_build_type", context.shield_build_type},
      {"shield_target", "http://127.0.0.1:8000"},
      {"shield_git_commit", context.commit},
      {"shield_preset", context.preset}};
  json::object doc{{"context", std::move(ctx)}, {"benchmarks", std::move(benchmarks)}};
  return json::serialize(doc) + "\n";
}

synthetic_case make_case(std::string name, std::vector<counters> repetitions) {
  synthetic_case c;
  c.name = std::move(name);
  c.repetitions = std::move(repetitions);
  return c;
}

counters http_counters(double rps, double mean_ms, double p95_ms, double p99_ms, double success_rate) {
  return {{"requests", 200.0},
          {"ok", std::round(200.0 * success_rate / 100.0)},
          {"success_rate", success_rate},
          {"rps", rps},
          {"mean_ms", mean_ms},
          {"p50_ms", mean_ms * 0.9},
          {"p90_ms", mean_ms * 1.5},
          {"p95_ms", p95_ms},
          {"p99_ms", p99_ms},
          {"p999_ms", p99_ms * 1.2},
          {"max_ms", p99_ms * 1.5}};
}

std::vector<counters> noisy_repetitions(int n, double rps, double mean_ms, double spread, double success_rate) {
  static constexpr double pattern[] = {0.0, 1.0, -1.0, 0.5, -0.5, 0.75, -0.75, 0.25, -0.25, 0.9, -0.9};
  std::vector<counters> out;
  for (int i = 0; i < n; ++i) {
    const double k = pattern[static_cast<std::size_t>(i) % std::size(pattern)];
    const double f = 1.0 + spread * k;
    // Faster repetitions have both more rps and less latency.
    out.push_back(http_counters(rps * f, mean_ms / f, 2.0 * mean_ms / f, 3.0 * mean_ms / f, success_rate));
  }
  return out;
}

}  // namespace shield::compare_test
