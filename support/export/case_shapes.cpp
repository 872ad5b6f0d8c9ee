#include "support/export/case_shapes.hpp"

#include "support/load/workload_builder.hpp"

namespace shield::live {

case_shape shape_of(const profile::target_profile& profile, std::string case_name, const std::string& endpoint) {
  case_shape shape;
  shape.case_name = std::move(case_name);
  std::vector<const profile::endpoint*> eps;
  if (endpoint == load::mixed_name) {
    eps = load::mixed_endpoints(profile);
  } else {
    for (const auto& ep : profile.endpoints) {
      if (ep.name == endpoint) eps.push_back(&ep);
    }
  }
  for (const auto* ep : eps) {
    shape.endpoints.push_back(ep->name);
    if (shape.stream_endpoint.empty() && ep->response == profile::response_kind::sse) shape.stream_endpoint = ep->name;
  }
  if (shape.endpoints.empty()) shape.endpoints.push_back(endpoint);
  return shape;
}

}  // namespace shield::live
