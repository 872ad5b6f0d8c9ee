#include "support/monitor/time_series.hpp"

#include <utility>

namespace shield::monitor {

void series_recorder::add(double t, std::string phase, const client_interval& client, const scrape_result& scrape,
                          const std::optional<proc_sample>& local) {
  series_sample s;
  s.t = t;
  s.phase = std::move(phase);
  s.client = client;
  s.target.scrape_ok = scrape.ok;
  s.target.scrape_message = scrape.message;
  if (scrape.ok) {
    s.target.values = scrape.values;
    // Rates span back to the last good scrape, so one failed scrape costs resolution, not data.
    if (last_good_) s.target.rates = compute_rates(*last_good_, scrape.values, t - last_good_t_);
    last_good_ = scrape.values;
    last_good_t_ = t;
  } else {
    ++scrape_failures_;
  }
  s.target.scrape_failures = scrape_failures_;
  if (local) {
    s.local.watched = true;
    s.local.status = local->status;
    s.local.cpu_percent = local->cpu_percent;
    s.local.rss_bytes = local->rss_bytes;
  }
  samples_.push_back(std::move(s));
}

std::vector<series_sample> series_recorder::take() {
  std::vector<series_sample> out = std::move(samples_);
  samples_.clear();
  return out;
}

}  // namespace shield::monitor
