#include "support/load/workload.hpp"

#include <algorithm>

namespace shield::load {

bool workload::has_stream() const {
  return std::any_of(endpoints.begin(), endpoints.end(), [](const workload_endpoint& e) { return e.stream; });
}

std::string workload::problem() const {
  if (pool.empty()) return "workload '" + name + "' has no requests";
  for (const auto& p : pool) {
    if (p.endpoint >= endpoints.size()) return "workload '" + name + "' names an endpoint it does not list";
  }
  return {};
}

}  // namespace shield::load
