#include "support/export/client_metrics.hpp"

#include "support/export/client_exposition.hpp"

namespace shield::live {

void bucket_counts::add(const stats::latency_histogram& histogram) {
  if (histogram.count() == 0) return;
  using hist = stats::latency_histogram;
  for (std::size_t i = 0; i < hist::bucket_count; ++i) {
    const std::uint64_t n = histogram.count_at(i);
    if (n == 0) continue;
    const double seconds = static_cast<double>(hist::bucket_lowest(i)) / 1e9;
    for (std::size_t b = 0; b < duration_bounds.size(); ++b) {
      if (seconds <= duration_bounds[b]) le[b] += n;
    }
  }
  count += histogram.count();
  sum_seconds += static_cast<double>(histogram.sum()) / 1e9;
}

// Adds a case's intervals to its series; created by client_metrics::observe.
class client_metrics::case_observer final : public load::interval_observer {
 public:
  case_observer(client_metrics& owner, std::size_t index) : owner_(owner), index_(index) {}
  void on_interval(const load::interval_report& report) override { owner_.add_interval(index_, report); }

 private:
  client_metrics& owner_;  // the store (outlives the observer)
  std::size_t index_;      // the case's position in owner_.cases_
};

client_metrics::client_metrics() = default;
client_metrics::~client_metrics() = default;

std::unique_ptr<load::interval_observer> client_metrics::observe(case_shape shape) {
  case_series series;
  series.case_name = std::move(shape.case_name);
  for (auto& name : shape.endpoints) series.endpoints.push_back(endpoint_series{std::move(name), {}, {}});
  series.streams = !shape.stream_endpoint.empty();
  series.stream_endpoint = std::move(shape.stream_endpoint);
  std::lock_guard lock(mutex_);
  cases_.push_back(std::move(series));
  return std::make_unique<case_observer>(*this, cases_.size() - 1);
}

void client_metrics::add_interval(std::size_t index, const load::interval_report& report) {
  std::lock_guard lock(mutex_);
  in_flight_ = report.final ? 0 : report.in_flight;
  if (report.interval == nullptr) return;
  case_series& c = cases_[index];
  if (report.stages > 0) {
    c.shaped = true;
    c.stage = report.stage;
    c.target = report.final ? 0.0 : report.target;
  }
  const load::tally& t = *report.interval;
  for (std::size_t i = 0; i < c.endpoints.size() && i < t.endpoints.size(); ++i) {
    const load::endpoint_tally& e = t.endpoints[i];
    for (std::size_t k = 0; k < load::outcome_count; ++k) c.endpoints[i].outcomes[k] += e.outcomes[k];
    c.endpoints[i].duration.add(e.latency);
  }
  if (c.streams && t.stream) c.ttft.add(t.stream->ttft);
}

metrics_snapshot client_metrics::snapshot() const {
  std::lock_guard lock(mutex_);
  return metrics_snapshot{cases_, in_flight_};
}

std::string client_metrics::render() const { return render_exposition(snapshot()); }

}  // namespace shield::live
