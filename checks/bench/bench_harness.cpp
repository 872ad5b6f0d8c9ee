#include "checks/bench/bench_harness.hpp"

#include "support/base/read_file.hpp"
#include "support/report/results/results_reader.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include <filesystem>
#include <stdexcept>

namespace shield::bench_checks {

namespace fs = std::filesystem;
namespace json = boost::json;

faulty_backend::faulty_backend(std::vector<std::string> fault_flags) : dir_(servers::make_scratch_dir("shield-bench")) {
  if (dir_.empty()) {
    started_ = base::fail("cannot create a scratch directory");
    return;
  }
  std::vector<std::string> args{"--redis=none", "--threads=1", "--enable_faults"};
  args.insert(args.end(), fault_flags.begin(), fault_flags.end());
  started_ = backend_.start(SHIELD_BACKEND_BIN, args, dir_);
}

faulty_backend::~faulty_backend() {
  backend_.process().stop();
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

base::result<json::value> parse_strict(const std::string& text) {
  for (const char* token : {"NaN", "Infinity"}) {
    if (text.find(token) != std::string::npos) return base::fail(std::string("contains ") + token);
  }
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return base::fail(ec.message(), ec);
  return v;
}

namespace {

json::value read_strict(const fs::path& path) {
  const auto doc = base::read_file(path);
  auto v = parse_strict(doc ? *doc : std::string());
  if (!v) {
    ADD_FAILURE() << path << " is not strict JSON: " << v.error();
    return nullptr;
  }
  return std::move(*v);
}

}  // namespace

bench_outcome run_bench(const std::string& target, const std::string& dir, const std::vector<std::string>& args,
                        std::chrono::milliseconds interrupt_after, int signal_number) {
  static int runs = 0;
  const std::string results_dir = dir + "/results-" + std::to_string(++runs);
  const std::string log = dir + "/bench-" + std::to_string(runs) + ".log";
  std::vector<std::string> argv{SHIELD_BENCH_BIN, "--target=" + target, "--results_dir=" + results_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  bench_outcome out;
  servers::child_process bench;
  if (auto started = bench.start(argv, log); !started) {
    out.log = started.error().message;
    return out;
  }
  if (interrupt_after.count() > 0) {
    std::this_thread::sleep_for(interrupt_after);
    bench.signal(signal_number);
  }
  out.exit_code = bench.wait_exit(std::chrono::seconds(90)).value_or(-1);
  if (out.exit_code == -1) bench.stop();
  const auto log_text = base::read_file(log);
  out.log = log_text ? *log_text : std::string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(results_dir, ec)) {
    if (!entry.path().filename().string().starts_with("stress_test_results_")) continue;
    out.results = read_strict(entry.path());
    // Every real results file round-trips the typed model: results_from_json takes it whole and
    // writes it back the same (it refuses any key or figure results_to_json would not write).
    const auto text = base::read_file(entry.path());
    const auto typed = report::results_from_json_text(text ? *text : std::string());
    if (!typed) ADD_FAILURE() << entry.path() << ": the typed reader refuses it: " << typed.error().message;
  }
  for (const auto& a : args) {
    if (a.starts_with("--benchmark_out=") && fs::exists(a.substr(16))) out.benchmark = read_strict(a.substr(16));
  }
  return out;
}

const json::object& first_benchmark(const json::value& doc) {
  for (const auto& b : doc.at("benchmarks").as_array()) {
    if (b.as_object().at("run_type").as_string() == "iteration") return b.as_object();
  }
  throw std::runtime_error("no benchmark run in the --benchmark_out file");
}

const json::object& first_case(const json::value& results) { return results.at("cases").at(0).as_object(); }

double number_at(const json::object& o, const std::string& key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) throw std::runtime_error("no number at '" + key + "'");
  return v->to_number<double>();
}

}  // namespace shield::bench_checks
