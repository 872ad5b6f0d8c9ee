#include "checks/metrics/client_traffic.hpp"

#include "support/export/case_shapes.hpp"
#include "support/export/client_metrics.hpp"
#include "support/export/metrics_server.hpp"
#include "support/load/engine.hpp"
#include "support/load/workload_builder.hpp"

#include <memory>
#include <unistd.h>

namespace shield::metrics {

namespace {

// The exposition and its server, alive until the process ends (Prometheus keeps scraping it).
struct client_side {
  live::client_metrics metrics;
  live::metrics_server server{[this] { return metrics.render(); }};
};

}  // namespace

client_traffic_result start_client_traffic(const client::target_setup& setup, const std::string& listen) {
  static std::unique_ptr<client_side> side;  // one per process
  client_traffic_result out;
  const auto address = live::parse_listen_address(listen);
  if (!address) {
    out.error = "client exposition address " + address.error().message;
    return out;
  }
  side = std::make_unique<client_side>();
  if (auto started = side->server.start(*address); !started) {
    out.error = "client exposition: " + started.error().message;
    return out;
  }
  out.url = "http://" + address->host + ":" + std::to_string(side->server.port());

  load::workload_inputs inputs;
  inputs.texts = {"Escribe a ana.garcia@example.com o llama al +34 612 345 678"};
  inputs.session_ids = {"metrics-checks-client-" + std::to_string(::getpid())};
  inputs.headers = setup.http_headers();
  auto work = load::build_mixed_workload(setup.profile, inputs);
  if (!work) {
    out.error = "client load: " + work.error().message;
    return out;
  }
  const load::load_target target{setup.url, setup.options, nullptr, nullptr, {}};
  std::vector<std::string> names;
  for (const auto& e : work->endpoints) names.push_back(e.name);
  for (const auto& stage : load::build_setup_stages(setup.profile, names, inputs)) {
    load::load_config config;
    config.requests = stage.pool.size();
    (void)load::run_load(config, stage, target);
  }
  load::load_config config;
  config.concurrency = 2;
  config.requests = 40;
  const std::string mixed(load::mixed_name);
  // Named apart from shield_bench's cases, which may share this Prometheus.
  auto observer = side->metrics.observe(live::shape_of(setup.profile, "metrics_checks/" + mixed, mixed));
  const auto r = load::run_load(config, *work, target, observer.get());
  out.requests = r.totals.requests;
  out.ok = r.totals.ok;
  if (!r.error.empty()) out.error = "client load: " + r.error;
  return out;
}

}  // namespace shield::metrics
