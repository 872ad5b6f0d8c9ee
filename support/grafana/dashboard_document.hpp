#pragma once

#include "support/grafana/dashboard_query.hpp"
#include "support/base/result.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace shield::grafana {

// Parses dashboard text (a dashboard or the API's {"dashboard": ..., "meta": ...} wrapper): the
// document root, or a failure such as "not JSON: syntax error at line 3, column 7".
base::result<boost::json::value> parse_document(std::string_view text);

// Where the dashboard model sits inside a document.
struct dashboard_location {
  const boost::json::object* dashboard = nullptr;  // points into the document; nullptr when none
  std::string path = "$";                          // `$` or `$.dashboard` for the API wrapper
  std::string error;                               // why there is no dashboard object; empty otherwise
};

// The dashboard object: the root itself, or root.dashboard for the API wrapper
// (an object whose `dashboard` member is an object and that has no `panels`/`rows` of its own).
dashboard_location locate_dashboard(const boost::json::value& root);

}  // namespace shield::grafana
