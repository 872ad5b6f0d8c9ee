#pragma once

#include "support/profile/error.hpp"
#include "support/profile/profile.hpp"

#include <optional>
#include <vector>

namespace shield::profile {

// Endpoints ordered so each comes after the endpoints it requires; otherwise file order is kept.
// Precondition: no cycles (true of every profile the loader accepted).
std::vector<const endpoint*> dependency_order(const target_profile& profile);

// Whether the `requires` graph is usable; the failure (an unknown name or a cycle, with the cycle
// spelled out) is reported against profile.source. The loader calls this.
base::result<void> check_dependencies(const target_profile& profile);

}  // namespace shield::profile
