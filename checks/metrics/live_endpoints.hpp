#pragma once
// Where the live tests find the running servers: environment first, then the CTest fixtures' state.

#include "support/base/result.hpp"

#include <string>

namespace shield::metrics::live {

// A URL (e.g. http://127.0.0.1:41234), or why there is none.
using live_url = base::result<std::string>;

// SHIELD_PROMETHEUS, else $SHIELD_STATE_DIR/prometheus.url (the shield_prometheus fixture).
[[nodiscard]] live_url prometheus_url();
// SHIELD_TARGET, else $SHIELD_STATE_DIR/target.url (the shield_backend fixture).
[[nodiscard]] live_url target_url();

}  // namespace shield::metrics::live
