#include "benchmarks/bench/bench_options.hpp"

#include "support/load/presets.hpp"
#include "support/stats/threshold_rules.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace shield::bench {

namespace {

// A switch: `--name`, or `--name=true|false|1|0`.
std::optional<bool> take_switch(std::vector<std::string>& args, const std::string& name, std::string& error) {
  const std::string flag = "--" + name;
  std::optional<bool> value;
  for (std::size_t i = 0; i < args.size();) {
    std::optional<bool> found;
    if (args[i] == flag) {
      found = true;
    } else if (args[i].rfind(flag + "=", 0) == 0) {
      const std::string v = args[i].substr(flag.size() + 1);
      if (v == "true" || v == "1")
        found = true;
      else if (v == "false" || v == "0")
        found = false;
      else {
        error = args[i] + ": expected true or false";
        return std::nullopt;
      }
    }
    if (!found) {
      ++i;
      continue;
    }
    if (value) {
      error = flag + " is given twice";
      return std::nullopt;
    }
    value = found;
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return value;
}

bool parse_whole(const std::string& text, std::uint64_t min, std::uint64_t max, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size() && out >= min && out <= max;
}

bool parse_positive(const std::string& text, double max, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(out) && out > 0 && out <= max;
}

}  // namespace

// Takes `--name=value` or `--name value`; sets `error` when the value is missing or the flag repeats.
std::optional<std::string> take_value(std::vector<std::string>& args, const std::string& name, std::string& error) {
  const std::string flag = "--" + name;
  std::optional<std::string> value;
  for (std::size_t i = 0; i < args.size();) {
    std::optional<std::string> found;
    std::size_t width = 1;
    if (args[i] == flag) {
      if (i + 1 >= args.size()) {
        error = flag + " needs a value";
        return std::nullopt;
      }
      found = args[i + 1];
      width = 2;
    } else if (args[i].rfind(flag + "=", 0) == 0) {
      found = args[i].substr(flag.size() + 1);
    }
    if (!found) {
      ++i;
      continue;
    }
    if (value) {
      error = flag + " is given twice";
      return std::nullopt;
    }
    value = std::move(found);
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + width));
  }
  return value;
}

base::result<bench_options> take_bench_options(std::vector<std::string>& args) {
  bench_options o;
  std::string error;  // a flag's own error (missing value, given twice)
  auto fail = [](const std::string& flag, const std::string& value, const std::string& expected) {
    return base::fail("--" + flag + "=" + value + ": expected " + expected);
  };

  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      o.help = true;
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      return o;
    }
  }
  const auto preset = take_value(args, "preset", error);
  const auto concurrency = take_value(args, "concurrency", error);
  const auto requests = take_value(args, "requests", error);
  const auto duration = take_value(args, "duration", error);
  const auto rate = take_value(args, "rate", error);
  const auto threads = take_value(args, "io_threads", error);
  const auto thresholds = take_value(args, "thresholds", error);
  const auto results_dir = take_value(args, "results_dir", error);
  const auto repetitions = take_value(args, "repetitions", error);
  const auto monitor = take_switch(args, "monitor", error);
  const auto filter = take_value(args, "benchmark_filter", error);
  const auto keepalive_idle = take_value(args, "keepalive_idle", error);
  const auto retry = take_value(args, "retry", error);
  const auto warmup = take_value(args, "warmup", error);
  const auto skip_preflight = take_switch(args, "skip_preflight", error);
  const auto idle_timeout = take_value(args, "idle_timeout", error);
  if (!error.empty()) return base::fail(error);

  if (preset) o.preset = *preset;
  const auto chosen = load::find_preset(o.preset);
  if (!chosen) return fail("preset", o.preset, "one of " + load::preset_names());
  o.concurrency = {chosen->concurrency};
  o.requests = chosen->requests;
  if (concurrency) {
    auto list = load::parse_concurrency_list(*concurrency);
    if (!list) return base::fail("--concurrency=" + *concurrency + ": " + list.error().message);
    o.concurrency = std::move(*list);
  }
  if (duration) {
    double seconds = 0;
    if (!parse_positive(*duration, 7 * 86400.0, seconds))
      return fail("duration", *duration, "seconds, a number above 0");
    o.duration = std::chrono::nanoseconds(std::llround(seconds * 1e9));
    o.requests = 0;  // a duration alone ends the run; --requests may still be added
  }
  if (requests) {
    std::uint64_t n = 0;
    if (!parse_whole(*requests, 1, 1'000'000'000'000ull, n))
      return fail("requests", *requests, "a whole number above 0");
    o.requests = n;
  }
  if (rate) {
    if (!parse_positive(*rate, 1e7, o.rate)) return fail("rate", *rate, "requests per second, a number above 0");
  }
  if (threads) {
    std::uint64_t n = 0;
    if (!parse_whole(*threads, 1, 64, n)) return fail("io_threads", *threads, "a whole number from 1 to 64");
    o.io_threads = static_cast<std::uint32_t>(n);
  }
  o.thresholds = thresholds.value_or(std::string(stats::default_threshold_expression));
  if (results_dir) {
    if (results_dir->empty()) return fail("results_dir", *results_dir, "a directory");
    o.results_dir = *results_dir;
  }
  if (repetitions) {
    std::uint64_t n = 0;
    if (!parse_whole(*repetitions, 1, 1000, n))
      return fail("repetitions", *repetitions, "a whole number from 1 to 1000");
    o.repetitions = static_cast<int>(n);
  }
  o.monitor = monitor.value_or(false);
  o.filter = filter.value_or("");
  double seconds = 0;
  if (keepalive_idle) {
    if (!parse_positive(*keepalive_idle, 86400.0, seconds))
      return fail("keepalive_idle", *keepalive_idle, "seconds, a number above 0");
    o.keepalive_idle = std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1e3)));
  }
  if (retry) {
    if (*retry != "idempotent") return fail("retry", *retry, "idempotent (the only retry policy; default: none)");
    o.retry_idempotent = true;
  }
  if (warmup) {
    if (!parse_positive(*warmup, 3600.0, seconds)) return fail("warmup", *warmup, "seconds, a number above 0");
    o.warmup = std::chrono::nanoseconds(std::llround(seconds * 1e9));
  }
  o.skip_preflight = skip_preflight.value_or(false);
  if (idle_timeout) {
    if (!parse_positive(*idle_timeout, 86400.0, seconds))
      return fail("idle_timeout", *idle_timeout, "seconds, a number above 0");
    o.idle_timeout = std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1e3)));
  }
  for (const char* name : {"benchmark_format", "benchmark_out_format"}) {
    const std::string value = peek_value(args, name);
    if (!value.empty() && value != "console" && value != "json" && value != "csv") {
      return fail(name, value, "console, json or csv");
    }
  }
  return o;
}

bool has_switch(const std::vector<std::string>& args, const std::string& name) {
  const std::string flag = "--" + name;
  for (const auto& a : args) {
    if (a == flag || a == flag + "=true" || a == flag + "=1") return true;
  }
  return false;
}

std::string peek_value(const std::vector<std::string>& args, const std::string& name) {
  const std::string prefix = "--" + name + "=";
  for (const auto& a : args) {
    if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
  }
  return {};
}

std::string bench_usage() {
  return "  --preset=NAME       quick (3 in flight x 15 requests), light (5 x 50), medium (15 x 200),\n"
         "                      heavy (25 x 500), extreme (50 x 1000); default quick\n"
         "  --concurrency=LIST  requests in flight per case, e.g. 1,5,15,25,50 (default: the preset's)\n"
         "  --requests=N        requests per case (default: the preset's; none with --duration alone)\n"
         "  --duration=S        seconds per case; with --requests, whichever comes first ends the case\n"
         "  --rate=RPS          open loop: RPS arrivals per second, latency from each intended send time\n"
         "                      (concurrency = connections); without it: closed loop, N in flight\n"
         "  --io_threads=N      I/O threads, one event loop each (default 1)\n"
         "  --warmup=S          before each case, S seconds of the same traffic whose figures are discarded\n"
         "  --idle_timeout=S    longest silence while waiting for response bytes (default 10)\n"
         "  --keepalive_idle=S  reopen kept-alive connections idle S seconds or more (default: no limit;\n"
         "                      a connection the server closed is always noticed before writing)\n"
         "  --retry=idempotent  re-send a GET/HEAD/PUT/DELETE/OPTIONS once when its connection closed before\n"
         "                      any response byte; counted as 'retried' (default: nothing is re-sent)\n"
         "  --skip_preflight    run the load even when the target's health probe fails (failures counted)\n"
         "  --thresholds=EXPR   pass/fail rules [endpoint:]counter<op>limit, comma-separated, e.g.\n"
         "                      'success_rate>95,mean_ms<2000,anonymize:p95_ms<500'; default\n"
         "                      'success_rate>95,mean_ms<2000'; 'none' disables\n"
         "  --results_dir=DIR   where stress_test_results_YYYYMMDD_HHMMSS.json goes (default shield-results)\n"
         "  --repetitions=N     runs per case (Google Benchmark adds mean/median/stddev aggregates)\n"
         "  --monitor           sample client and target every interval; write metrics_report_*.json,\n"
         "                      metrics_chart_*.png (gnuplot) and verdicts to --results_dir\n";
}

}  // namespace shield::bench
