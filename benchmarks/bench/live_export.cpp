#include "benchmarks/bench/live_export.hpp"

#include "support/base/flags.hpp"
#include "support/export/case_shapes.hpp"

#include <algorithm>
#include <thread>

namespace shield::bench {

base::result<live_options> take_live_options(std::vector<std::string>& args) {
  base::flag_reader flags(args);
  const auto value = flags.value("metrics_listen");
  if (auto done = flags.finish(); !done) return done.error();
  if (!value) return live_options{};
  auto parsed = live::parse_listen_address(*value);
  if (!parsed) return base::fail("--metrics_listen=" + parsed.error().message);
  return live_options{*parsed, *value};
}

std::string live_usage() {
  return "  --metrics_listen=HOST:PORT  serve the client's live Prometheus metrics at http://HOST:PORT/metrics\n"
         "                      for the whole run (a bare PORT listens on 127.0.0.1; 0 picks a free port);\n"
         "                      default off\n";
}

live_export::live_export(const profile::target_profile& profile)
    : profile_(profile), server_([this] { return metrics_.render(); }) {}

base::result<void> live_export::start(const live::listen_address& address) {
  address_ = address;
  if (auto started = server_.start(address); !started) return started;
  address_.port = server_.port();
  return {};
}

std::string live_export::url() const { return "http://" + address_.to_string() + "/metrics"; }

std::unique_ptr<load::interval_observer> live_export::observe(const case_spec& spec) {
  return metrics_.observe(live::shape_of(profile_, spec.name, spec.endpoint));
}

bool live_export::scraped_regularly() const { return server_.scrapes() >= 2 && server_.scrape_gap().count() > 0; }

bool live_export::wait_for_final_scrape(std::chrono::milliseconds limit) {
  const auto gap = server_.scrape_gap();
  if (!scraped_regularly()) return false;  // no regular scraper: nothing to wait for
  // The final counts are in: wait until a scraper has received, whole, an exposition rendered now or later
  // (a scrape rendered before, or cut off when this process exits, would miss the last requests);
  // a busy machine delays a scrape by more than half an interval at times.
  const auto now = std::chrono::steady_clock::now();
  const auto until = now + std::min<std::chrono::nanoseconds>(limit, gap * 5 / 2);
  while (std::chrono::steady_clock::now() < until) {
    if (server_.delivered_since(now)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace shield::bench
