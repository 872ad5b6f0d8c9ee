#pragma once

#include "support/grafana/dashboard_query.hpp"

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

namespace shield::grafana {

// Every query of a dashboard (or of the API wrapper {"dashboard": ..., "meta": ...}):
// panel targets (rows, collapsed rows and the old rows[] schema included), templating query
// variables and annotations. Non-Prometheus queries go to `skipped`; structural problems to
// `errors`, each naming its JSON path, and walking goes on past them.
walk_result walk_dashboard(const boost::json::value& document);

// The same from JSON text; text that is not JSON gives one error at path `$`.
walk_result walk_dashboard_text(std::string_view text);

// The same from a file; an unreadable file gives one error at path `$`.
walk_result walk_dashboard_file(const std::string& file);

}  // namespace shield::grafana
