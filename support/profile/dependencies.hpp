#pragma once

#include "support/profile/error.hpp"
#include "support/profile/profile.hpp"

#include <optional>
#include <vector>

namespace shield::profile {

// Endpoints ordered so each comes after the endpoints it requires; otherwise file order is kept.
// Precondition: no cycles (true of every profile the loader accepted).
std::vector<const endpoint*> dependency_order(const target_profile& profile);

// Why the `requires` graph is unusable (an unknown name or a cycle, with the cycle spelled out),
// reported against profile.source; nullopt when it is fine. The loader calls this.
std::optional<profile_error> check_dependencies(const target_profile& profile);

}  // namespace shield::profile
