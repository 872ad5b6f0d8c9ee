#pragma once
// The metrics a Prometheus holds, as a catalog for the dashboard checks: series names from the
// __name__ label values, family types from /api/v1/metadata (names without metadata are untyped).
// This is how a dashboard for any service is checked with --dashboard and --prometheus alone.

#include "checks/metrics/metric_catalog.hpp"
#include "support/base/result.hpp"
#include "support/prom/prom_api_client.hpp"

namespace shield::metrics {

[[nodiscard]] base::result<metric_catalog> catalog_from_prometheus(prom::prom_api_client& client);

}  // namespace shield::metrics
