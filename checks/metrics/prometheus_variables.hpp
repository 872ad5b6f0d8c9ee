#pragma once
// Grafana query variables answered by a real Prometheus (label and query APIs), for
// grafana::resolve_variables.

#include <string>
#include <string_view>
#include <vector>

#include "support/grafana/variable_resolution.hpp"
#include "support/prom/prom_api_client.hpp"

namespace shield::metrics {

class prometheus_variable_source final : public grafana::variable_source {
 public:
  explicit prometheus_variable_source(prom::prom_api_client& client) : client_(client) {}

  base::result<std::vector<std::string>> label_values(std::string_view match, std::string_view label) override;
  base::result<std::vector<std::string>> label_names(std::string_view match) override;
  base::result<std::vector<std::string>> query_result(std::string_view expr) override;

 private:
  prom::prom_api_client& client_;  // the Prometheus asked; outlives this source
};

}  // namespace shield::metrics
