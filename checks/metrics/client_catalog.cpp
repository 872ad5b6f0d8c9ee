#include "checks/metrics/client_catalog.hpp"

#include <algorithm>

#include "support/prom/promql_analyzer.hpp"

#include "support/export/case_shapes.hpp"
#include "support/export/client_metrics.hpp"
#include "support/load/workload_builder.hpp"
#include "support/prom/exposition_parser.hpp"

namespace shield::metrics {

std::string client_exposition_text(const profile::target_profile& profile) {
  live::client_metrics client;
  std::vector<std::unique_ptr<load::interval_observer>> observers;
  for (const auto& ep : profile.endpoints) {
    observers.push_back(client.observe(live::shape_of(profile, ep.name + "/concurrency:1", ep.name)));
  }
  if (!load::mixed_endpoints(profile).empty()) {
    const std::string mixed(load::mixed_name);
    observers.push_back(client.observe(live::shape_of(profile, mixed + "/concurrency:1", mixed)));
  }
  return client.render();
}

metric_catalog client_catalog(const profile::target_profile& profile) {
  const auto parsed = prom::parse_exposition(client_exposition_text(profile), prom::exposition_format::prometheus_text);
  return catalog_from_exposition(parsed, "the load client's exposition (shield_bench --metrics_listen)");
}

metric_catalog with_client(metric_catalog target, const profile::target_profile& profile,
                           const prepared_dashboard* only_if_read_by) {
  const metric_catalog client = client_catalog(profile);
  if (only_if_read_by != nullptr) {
    const auto reads_client = [&](const prepared_query& q) {
      const auto names = prom::analyze_promql(q.promql).metric_names();
      return std::any_of(names.begin(), names.end(),
                         [&](const std::string& n) { return client.resolve(n) && !made_by_prometheus(n); });
    };
    if (std::none_of(only_if_read_by->queries.begin(), only_if_read_by->queries.end(), reads_client)) return target;
  }
  for (const auto& [name, type] : client.families) target.families.emplace(name, type);
  for (const auto& [name, labels] : client.labels) target.labels[name].insert(labels.begin(), labels.end());
  target.folded.insert(client.folded.begin(), client.folded.end());
  target.source += " and " + client.source;
  return target;
}

}  // namespace shield::metrics
