#pragma once
// --metrics_listen=HOST:PORT: the client's live Prometheus exposition for the whole run, fed by
// one interval observer per case (the load engine does not know it exists).

#include "benchmarks/bench/case_runner.hpp"
#include "support/export/client_metrics.hpp"
#include "support/export/listen_address.hpp"
#include "support/export/metrics_server.hpp"
#include "support/load/interval_observer.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shield::bench {

// The parsed flag: an address, or none (off).
struct live_options {
  std::optional<live::listen_address> listen;  // set when --metrics_listen was given
  std::string text;                            // the flag's value as given
};

// Takes --metrics_listen out of args (`--metrics_listen=ADDR` or `--metrics_listen ADDR`); a
// failure is a usage error naming the flag.
base::result<live_options> take_live_options(std::vector<std::string>& args);

// Usage text of the flag.
std::string live_usage();

// The run's client metrics and the server exposing them.
class live_export {
 public:
  explicit live_export(const profile::target_profile& profile);

  // Listens on the address; the failure says why not (address in use, not local...).
  base::result<void> start(const live::listen_address& address);

  // "http://127.0.0.1:PORT/metrics" (after start()).
  std::string url() const;

  // The observer adding one case's intervals to the exposition.
  std::unique_ptr<load::interval_observer> observe(const case_spec& spec);

  // After the last case: when something scrapes the exposition regularly, waits for one more
  // scrape (at most 2.5 scrape intervals, and `limit`), so the final counts reach it; true when one came.
  bool wait_for_final_scrape(std::chrono::milliseconds limit);

  // Something scrapes the exposition regularly (two scrapes or more, at a known gap).
  bool scraped_regularly() const;

 private:
  const profile::target_profile& profile_;  // endpoint names and which one streams
  live::client_metrics metrics_;            // the figures
  live::metrics_server server_;             // serves metrics_.render()
  live::listen_address address_;            // where it listens (port resolved)
};

}  // namespace shield::bench
