#include "benchmarks/bench/live_view.hpp"

#include <cstdio>

namespace shield::bench {

namespace {

double per_second(std::uint64_t n, std::chrono::nanoseconds length) {
  return length.count() > 0 ? static_cast<double>(n) * 1e9 / static_cast<double>(length.count()) : 0.0;
}

double ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

}  // namespace

std::string describe_interval(const load::interval_report& r) {
  char line[256];
  const auto& i = *r.interval;
  const auto& t = *r.total;
  std::snprintf(line, sizeof line, "%llu requests, %.0f/s, %llu failed, %llu in flight",
                static_cast<unsigned long long>(t.requests), per_second(i.requests, r.length),
                static_cast<unsigned long long>(t.failures()), static_cast<unsigned long long>(r.in_flight));
  std::string out = line;
  if (i.latency.count() > 0) {
    std::snprintf(line, sizeof line, ", p50 %.2f ms, p99 %.2f ms", ms(i.latency.value_at_quantile(0.5)),
                  ms(i.latency.value_at_quantile(0.99)));
    out += line;
  }
  return out;
}

void progress_line::on_interval(const load::interval_report& r) {
  if (r.final) {
    std::fprintf(out_, "\r\033[K");
  } else {
    std::fprintf(out_, "\r\033[K%s: %s", name_.c_str(), describe_interval(r).c_str());
  }
  std::fflush(out_);
}

void monitor_lines::on_interval(const load::interval_report& r) {
  const auto& i = *r.interval;
  std::fprintf(out_, "[monitor] %s t=%.1fs interval=%.2fs completed=%llu ok=%llu failed=%llu in_flight=%llu",
               name_.c_str(), static_cast<double>(r.elapsed.count()) / 1e9, static_cast<double>(r.length.count()) / 1e9,
               static_cast<unsigned long long>(i.requests), static_cast<unsigned long long>(i.ok),
               static_cast<unsigned long long>(i.failures()), static_cast<unsigned long long>(r.in_flight));
  if (i.latency.count() > 0) {
    std::fprintf(out_, " p50_ms=%.3f p99_ms=%.3f max_ms=%.3f", ms(i.latency.value_at_quantile(0.5)),
                 ms(i.latency.value_at_quantile(0.99)), ms(i.latency.max()));
  }
  std::fprintf(out_, "%s\n", r.final ? " (end)" : "");
  std::fflush(out_);
}

void observer_fanout::add(std::unique_ptr<load::interval_observer> observer) {
  if (observer) observers_.push_back(std::move(observer));
}

void observer_fanout::on_interval(const load::interval_report& report) {
  for (auto& o : observers_) o->on_interval(report);
}

}  // namespace shield::bench
