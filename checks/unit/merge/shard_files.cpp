#include "checks/unit/merge/shard_files.hpp"

#include "support/base/atomic_file.hpp"

#include "benchmarks/merge/merge_tool.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_file.hpp"

#include <boost/json/parse.hpp>

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace shield::merge::test {

namespace fs = std::filesystem;

scratch_dir::scratch_dir() {
  static int counter = 0;
  path =
      fs::temp_directory_path() / ("shield_merge_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(path);
  fs::create_directories(path);
}

scratch_dir::~scratch_dir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

report::results_document shard_document(const shard_spec& spec) {
  report::results_document d;
  auto& c = d.configuration;
  c.target = "http://127.0.0.1:8000";
  c.profile = "fixtures/profiles/shield.json";
  c.profile_name = "shield";
  c.preset = "quick";
  c.concurrency = {4};
  c.duration_s = 5;
  c.mode = "open";
  c.rate = 300;
  c.thresholds = "success_rate>95,mean_ms<2000";
  c.host = spec.host;
  c.shard_index = spec.index;
  c.shard_count = spec.count;
  c.run_id = spec.run_id;
  c.start_at = spec.started_unix;
  d.started = "2026-12-03T08:00:00+0000";
  d.finished = "2026-12-03T08:00:05+0000";
  report::case_record r;
  r.name = "anonymize/concurrency:4";
  r.endpoint = "anonymize";
  r.started_unix = spec.started_unix;
  r.client_cpu_s = spec.client_cpu_s;
  auto& res = r.result;
  res.config.mode = load::load_mode::open;
  res.config.concurrency = 4;
  res.config.rate = 300;
  res.config.duration = std::chrono::seconds(5);
  res.config.shard_index = spec.index;
  res.config.shard_count = spec.count;
  res.threads = 1;
  res.endpoints = {"anonymize"};
  res.totals = load::tally(1, false);
  auto& t = res.totals;
  for (auto ns : spec.ok_ns) {
    t.latency.record(ns);
    t.service.record(ns / 2 + 1000);
  }
  t.ok = spec.ok_ns.size();
  t.outcomes[load::index_of(load::outcome::ok)].count = t.ok;
  auto& reset = t.outcomes[load::index_of(load::outcome::reset)];
  reset.count = spec.resets;
  if (spec.resets > 0) reset.messages = {"reset on " + spec.host};
  t.outcomes[load::index_of(load::outcome::request_timeout)].count = spec.timeouts;
  t.requests = t.ok + spec.resets + spec.timeouts;
  res.wall = std::chrono::nanoseconds(static_cast<std::int64_t>(spec.wall_s * 1e9));
  r.grade = "excellent";  // as the shard saw it; the merge grades again
  d.cases.push_back(std::move(r));
  return d;
}

std::string write_shard(const fs::path& dir, const std::string& name, const report::results_document& doc,
                        const std::function<void(boost::json::object&)>& edit) {
  boost::json::value v = report::results_to_json(doc);
  if (edit) edit(v.as_object());
  const std::string path = (dir / name).string();
  const auto written = base::write_file_atomically(path, report::pretty_json(v));
  if (!written) throw std::runtime_error(written.error().message);
  return path;
}

std::vector<std::uint64_t> sample_latencies(std::size_t n, unsigned seed) {
  std::mt19937_64 rng{seed};
  std::lognormal_distribution<double> dist{15.0, 0.8};  // around 3 ms, long tail
  std::vector<std::uint64_t> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<std::uint64_t>(dist(rng)) + 1000);
  return out;
}

tool_run run_tool(const std::vector<std::string>& args) {
  std::vector<std::string_view> views(args.begin(), args.end());
  std::ostringstream out, err;
  tool_run r;
  r.code = run_merge_tool(views, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

boost::json::value read_json(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return report::detail::parse_exact(s.str()).value();  // doubles exactly as written
}

}  // namespace shield::merge::test
