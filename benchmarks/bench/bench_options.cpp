#include "benchmarks/bench/bench_options.hpp"

#include "support/base/flags.hpp"
#include "support/load/presets.hpp"
#include "support/load/source_addresses.hpp"
#include "support/stats/threshold_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace shield::bench {

base::result<bench_options> take_bench_options(std::vector<std::string>& args) {
  bench_options o;
  base::flag_reader flags(args);
  auto fail = [](const std::string& flag, const std::string& value, const std::string& expected) {
    return base::fail("--" + flag + "=" + value + ": expected " + expected);
  };

  if (flags.help()) {
    o.help = true;
    return o;
  }
  const auto preset = flags.value("preset");
  const auto concurrency = flags.value("concurrency");
  const auto requests = flags.value("requests");
  const auto duration = flags.value("duration");
  const auto rate = flags.value("rate");
  const auto threads = flags.value("io_threads");
  const auto thresholds = flags.value("thresholds");
  const auto results_dir = flags.value("results_dir");
  const auto repetitions = flags.value("repetitions");
  const auto monitor = flags.toggle("monitor");
  const auto filter = flags.value("benchmark_filter");
  const auto keepalive_idle = flags.value("keepalive_idle");
  const auto retry = flags.value("retry");
  const auto warmup = flags.value("warmup");
  const auto skip_preflight = flags.toggle("skip_preflight");
  const auto idle_timeout = flags.value("idle_timeout");
  const auto source_addresses = flags.value("source_addresses");
  if (auto done = flags.finish(); !done) return done.error();

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
    const auto seconds = base::parse_positive(*duration, 7 * 86400.0);
    if (!seconds) return fail("duration", *duration, "seconds, above 0 and at most 604800 (7 days)");
    o.duration = std::chrono::nanoseconds(std::llround(*seconds * 1e9));
    o.requests = 0;  // a duration alone ends the run; --requests may still be added
  }
  if (requests) {
    const auto n = base::parse_whole(*requests, 1, 1'000'000'000'000ull);
    if (!n) return fail("requests", *requests, "a whole number from 1 to 1e12");
    o.requests = *n;
  }
  if (rate) {
    // 0 only starts a --stages shape from nothing; take_shape_options rejects it otherwise.
    const auto rps = *rate == "0" ? std::optional<double>(0.0) : base::parse_positive(*rate, 1e7);
    if (!rps) return fail("rate", *rate, "requests per second, above 0 and at most 1e7");
    o.rate = *rps;
    o.open_loop = true;
    // Open loop without --concurrency: enough connections for answers within 1 s at that rate.
    if (!concurrency && o.rate > 0) {
      o.concurrency = {static_cast<std::uint32_t>(
          std::clamp(std::ceil(o.rate), double(o.concurrency.front()), double(open_loop_max_connections)))};
      o.concurrency_from_rate = true;
    }
  }
  o.concurrency_given = concurrency.has_value();
  o.requests_given = requests.has_value();
  if (threads) {
    const auto n = base::parse_whole(*threads, 1, 64);
    if (!n) return fail("io_threads", *threads, "a whole number from 1 to 64");
    o.io_threads = static_cast<std::uint32_t>(*n);
  }
  o.thresholds = thresholds.value_or(std::string(stats::default_threshold_expression));
  if (results_dir) {
    if (results_dir->empty()) return fail("results_dir", *results_dir, "a directory");
    o.results_dir = *results_dir;
  }
  if (repetitions) {
    const auto n = base::parse_whole(*repetitions, 1, 1000);
    if (!n) return fail("repetitions", *repetitions, "a whole number from 1 to 1000");
    o.repetitions = static_cast<int>(*n);
  }
  o.monitor = monitor.value_or(false);
  o.filter = filter.value_or("");
  if (keepalive_idle) {
    const auto seconds = base::parse_positive(*keepalive_idle, 86400.0);
    if (!seconds) return fail("keepalive_idle", *keepalive_idle, "seconds, above 0 and at most 86400");
    o.keepalive_idle = std::chrono::milliseconds(std::max<long long>(1, std::llround(*seconds * 1e3)));
  }
  if (retry) {
    if (*retry != "idempotent") return fail("retry", *retry, "idempotent (the only retry policy; default: none)");
    o.retry_idempotent = true;
  }
  if (warmup) {
    const auto seconds = base::parse_positive(*warmup, 3600.0);
    if (!seconds) return fail("warmup", *warmup, "seconds, above 0 and at most 3600");
    o.warmup = std::chrono::nanoseconds(std::llround(*seconds * 1e9));
  }
  o.skip_preflight = skip_preflight.value_or(false);
  if (idle_timeout) {
    const auto seconds = base::parse_positive(*idle_timeout, 86400.0);
    if (!seconds) return fail("idle_timeout", *idle_timeout, "seconds, above 0 and at most 86400");
    o.idle_timeout = std::chrono::milliseconds(std::max<long long>(1, std::llround(*seconds * 1e3)));
  }
  if (source_addresses) {
    auto list = load::parse_source_addresses(*source_addresses);
    if (!list) return list.error();
    o.source_addresses = std::move(*list);
  }
  for (const char* name : {"benchmark_format", "benchmark_out_format"}) {
    const std::string value = base::peek_value(args, name);
    if (!value.empty() && value != "console" && value != "json" && value != "csv") {
      return fail(name, value, "console, json or csv");
    }
  }
  return o;
}

std::string bench_usage() {
  return "  --preset=NAME       quick (3 in flight x 15 requests), light (5 x 50), medium (15 x 200),\n"
         "                      heavy (25 x 500), extreme (50 x 1000); default quick\n"
         "  --concurrency=LIST  requests in flight per case, e.g. 1,5,15,25,50 (default: the preset's)\n"
         "  --requests=N        requests per case (default: the preset's; none with --duration alone)\n"
         "  --duration=S        seconds per case; with --requests, whichever comes first ends the case\n"
         "  --rate=RPS          open loop: RPS arrivals per second, latency from each intended send time\n"
         "                      (concurrency = connections; without --concurrency: ceil(RPS x 1 s), at\n"
         "                      least the preset's, at most 1000); without --rate: closed loop, N in flight\n"
         "  --io_threads=N      I/O threads, one event loop each (default 1)\n"
         "  --warmup=S          before each case, S seconds of the same traffic whose figures are discarded\n"
         "  --idle_timeout=S    longest silence while waiting for response bytes (default 10)\n"
         "  --keepalive_idle=S  reopen kept-alive connections idle S seconds or more (default: no limit;\n"
         "                      a connection the server closed is always noticed before writing)\n"
         "  --retry=idempotent  re-send a GET/HEAD/PUT/DELETE/OPTIONS once when its connection closed before\n"
         "                      any response byte; counted as 'retried' (default: nothing is re-sent)\n"
         "  --skip_preflight    run the load even when the target's health probe fails (failures counted)\n"
         "  --source_addresses=LIST  bind the connections, round-robin, to these local addresses before\n"
         "                      connecting, e.g. 127.0.0.2-127.0.0.9 or 10.0.0.5,10.0.0.6: each brings its own\n"
         "                      ~28k ephemeral ports per server address (default: the kernel's choice)\n"
         "  --thresholds=EXPR   pass/fail rules [endpoint:]counter<op>limit, comma-separated, e.g.\n"
         "                      'success_rate>95,mean_ms<2000,anonymize:p95_ms<500'; default\n"
         "                      'success_rate>95,mean_ms<2000'; 'none' disables\n"
         "  --results_dir=DIR   where stress_test_results_YYYYMMDD_HHMMSS.json goes (default shield-results)\n"
         "  --repetitions=N     runs per case (Google Benchmark adds mean/median/stddev aggregates)\n"
         "  --monitor           sample client and target every interval; write metrics_report_*.json,\n"
         "                      metrics_chart_*.png (gnuplot) and verdicts to --results_dir\n";
}

}  // namespace shield::bench
