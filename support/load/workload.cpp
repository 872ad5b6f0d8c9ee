#include "support/load/workload.hpp"

#include <algorithm>

namespace shield::load {

bool workload::has_stream() const {
  return std::any_of(endpoints.begin(), endpoints.end(), [](const workload_endpoint& e) { return e.stream; });
}

base::result<void> workload::check() const {
  if (pool.empty()) return base::fail("workload '" + name + "' has no requests");
  for (const auto& p : pool) {
    if (p.endpoint >= endpoints.size()) return base::fail("workload '" + name + "' names an endpoint it does not list");
  }
  return {};
}

}  // namespace shield::load
