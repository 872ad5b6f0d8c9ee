#pragma once
// The exposition's view of a case from the target profile: which endpoints its tally holds (in
// the workload's order) and which one streams.

#include "support/export/client_metrics.hpp"
#include "support/profile/profile.hpp"

#include <string>

namespace shield::live {

// The shape of case `case_name` sending to `endpoint` (a profile endpoint, or "mixed": every
// endpoint the mixed workload has, in its order).
case_shape shape_of(const profile::target_profile& profile, std::string case_name, const std::string& endpoint);

}  // namespace shield::live
