#pragma once
// The load engine: drives one workload against the target on `io_threads` Asio threads, closed
// loop (N in flight) or open loop (fixed arrival rate, latency from each intended send time).

#include "support/load/interval_observer.hpp"
#include "support/load/load_config.hpp"
#include "support/load/load_result.hpp"
#include "support/load/workload.hpp"
#include "support/http/client_options.hpp"
#include "support/http/url.hpp"

#include <memory>
#include <string>
#include <vector>

namespace shield::http {
class tls_context;
struct resolved_addresses;
}  // namespace shield::http

namespace shield::load {

// Where the requests go and how connections behave.
struct load_target {
  http::target_url url;                          // scheme, host, port, base path
  http::client_options options;                  // timeouts, limits, TLS switches
  std::shared_ptr<const http::tls_context> tls;  // shared by every connection; null: built from options for https
  std::shared_ptr<const http::resolved_addresses> addresses;  // null: run_load resolves the host once, before the clock
  std::vector<std::string> source_addresses;  // local IPs for the connections, round-robin; empty: the kernel's choice
};

// Runs the workload; blocks until the run ends (request count, duration, or config.stop). The host
// is resolved and every connection opened before the clock starts (connect times apart, in
// totals.connect); open loop: arrivals due but never sent are failures (outcome::not_sent).
// Never throws for target trouble: failures are counted by kind; a configuration that cannot run
// comes back with `error` set and nothing sent.
load_result run_load(const load_config& config, const workload& work, const load_target& target,
                     interval_observer* observer = nullptr);

}  // namespace shield::load
