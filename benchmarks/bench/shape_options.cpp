#include "benchmarks/bench/shape_options.hpp"

#include "support/base/flags.hpp"

#include <algorithm>
#include <cmath>

namespace shield::bench {

namespace {

base::result<std::chrono::nanoseconds> seconds_flag(const std::string& name, const std::string& value, double max) {
  const auto s = base::parse_positive(value, max);
  if (!s) return base::fail("--" + name + "=" + value + ": expected seconds, a number above 0");
  return std::chrono::nanoseconds(std::llround(*s * 1e9));
}

}  // namespace

base::result<void> take_shape_options(std::vector<std::string>& args, bench_options& o) {
  base::flag_reader flags(args);
  const auto stages = flags.value("stages");
  const auto find = flags.toggle("find_capacity");
  const auto slo = flags.value("slo");
  const auto precision = flags.value("capacity_precision");
  const auto minimum = flags.value("capacity_min");
  const auto step = flags.value("capacity_step");
  const auto budget = flags.value("capacity_budget");
  const auto max_rps = flags.value("capacity_max_rps");
  if (auto done = flags.finish(); !done) return done.error();

  if (stages) {
    auto parsed = load::parse_stages(*stages);
    if (!parsed) return parsed.error();
    o.stages = std::move(*parsed);
    if (o.duration.count() > 0) return base::fail("--stages and --duration: the stages set the length; drop one");
    if (!o.requests_given) o.requests = 0;  // the preset's count would cut the shape short
    const load::load_shape shape(0, o.stages);
    if (o.open_loop) {
      o.stages_start = o.rate;
      // Without --concurrency: connections for answers within 1 s at the shape's peak rate.
      if (!o.concurrency_given) {
        const double peak = std::max(shape.peak(), o.stages_start);
        o.concurrency = {static_cast<std::uint32_t>(
            std::clamp(std::ceil(peak), double(o.concurrency.front()), double(open_loop_max_connections)))};
        o.concurrency_from_rate = true;
      }
    } else {
      if (o.concurrency_given && o.concurrency.size() != 1)
        return base::fail("--stages without --rate: one --concurrency (the in-flight start value), not a list");
      o.stages_start = o.concurrency_given ? o.concurrency.front() : 0.0;
      // Connections for the peak, opened before the clock; the case is named by it.
      const double peak = std::max(shape.peak(), o.stages_start);
      if (peak < 1) return base::fail("--stages: every in-flight target is 0; nothing would be sent");
      if (peak > 100000) return base::fail("--stages: an in-flight target over the limit of 100000");
      o.concurrency = {static_cast<std::uint32_t>(std::ceil(peak))};
    }
  }
  if (o.open_loop && o.rate == 0 && o.stages.empty())
    return base::fail("--rate=0: expected requests per second, a number above 0 (0 only as a --stages start)");

  o.find_capacity = find.value_or(false);
  const bool capacity_flag = slo || precision || minimum || step || budget || max_rps;
  if (!o.find_capacity) {
    if (capacity_flag) return base::fail("--slo and --capacity_* go with --find_capacity");
    return {};
  }
  if (!o.stages.empty()) return base::fail("--find_capacity chooses its own rates: drop --stages");
  if (o.duration.count() > 0 || o.requests_given)
    return base::fail("--find_capacity sets each step's length (--capacity_step): drop --duration/--requests");
  if (!slo) return base::fail("--find_capacity needs --slo, e.g. --slo='p99_ms<500,success_rate>=99.9'");
  o.slo = *slo;
  if (precision) {
    const auto p = base::parse_positive(*precision, 0.5);
    if (!p) return base::fail("--capacity_precision=" + *precision + ": expected a fraction above 0, at most 0.5");
    o.capacity_precision = *p;
  }
  if (minimum) {
    const auto m = base::parse_positive(*minimum, 1e7);
    if (!m) return base::fail("--capacity_min=" + *minimum + ": expected requests per second, a number above 0");
    o.capacity_min = *m;
  }
  if (step) {
    auto s = seconds_flag("capacity_step", *step, 3600);
    if (!s) return s.error();
    if (*s < std::chrono::seconds(1)) return base::fail("--capacity_step=" + *step + ": at least 1 s");
    o.capacity_step = *s;
  }
  if (budget) {
    auto b = seconds_flag("capacity_budget", *budget, 86400);
    if (!b) return b.error();
    o.capacity_budget = *b;
  }
  if (max_rps) {
    const auto m = base::parse_positive(*max_rps, 1e7);
    if (!m) return base::fail("--capacity_max_rps=" + *max_rps + ": expected requests per second, a number above 0");
    o.capacity_max_rps = *m;
  }
  if (o.capacity_step > o.capacity_budget) return base::fail("--capacity_step is longer than --capacity_budget");
  o.capacity_start = o.open_loop && o.rate > 0 ? o.rate : 50.0;
  if (o.capacity_start > o.capacity_max_rps) return base::fail("--rate is above --capacity_max_rps");
  o.open_loop = true;
  o.requests = 0;
  if (!o.concurrency_given) {
    o.concurrency = {capacity_connections};
    o.concurrency_from_rate = false;
  }
  return {};
}

std::string shape_usage() {
  return "  --stages=DUR:TARGET[,DUR:TARGET...]  load shape, e.g. 30s:200,60s:200,10s:800,30s:0: the target moves\n"
         "                      linearly to TARGET over DUR (ms, s, m, h; 0s:N is a step) from --rate (open\n"
         "                      loop: arrivals/s) or --concurrency (closed loop: in flight), else from 0;\n"
         "                      figures per stage in the table, results file, report and benchmark JSON\n"
         "  --find_capacity     search the highest open-loop rate meeting --slo (grow until it breaks, then\n"
         "                      bisect); each step's first third is discarded. With --concurrency=A,B,C (3 or\n"
         "                      more) a closed-loop sweep runs first and its USL fit's peak seeds the search\n"
         "  --slo=EXPR          the rules every step must meet, as --thresholds ([endpoint:]counter op limit)\n"
         "  --capacity_precision=F  stop when the bracket is within F (default 0.05)\n"
         "  --capacity_min=RPS  exit 1 when the rate that held is below RPS (a CI gate)\n"
         "  --capacity_step=S   one step's length (default 6); --capacity_budget=S the search's (default 150)\n"
         "  --capacity_max_rps=RPS  never offer more (default 100000)\n";
}

}  // namespace shield::bench
