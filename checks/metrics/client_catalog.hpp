#pragma once
// The load client's side of the dashboard: the exposition shield_bench --metrics_listen serves
// (support/export), rendered for a profile's cases, as a catalog the "Client side" row is checked
// against together with the target's.

#include "checks/metrics/dashboard_verdict.hpp"
#include "checks/metrics/metric_catalog.hpp"
#include "support/profile/profile.hpp"

#include <string>

namespace shield::metrics {

// The client's exposition for one case per profile endpoint and mixed (every series at zero).
[[nodiscard]] std::string client_exposition_text(const profile::target_profile& profile);

// That exposition, parsed, as a catalog.
[[nodiscard]] metric_catalog client_catalog(const profile::target_profile& profile);

// `target` plus the client's families (the client's win no name: they all start shield_client_).
// With `only_if_read_by`, the client is added only when one of its queries reads a client metric,
// so messages about other dashboards never mention the load client.
[[nodiscard]] metric_catalog with_client(metric_catalog target, const profile::target_profile& profile,
                                         const prepared_dashboard* only_if_read_by = nullptr);

}  // namespace shield::metrics
