#pragma once

#include "grafana/dashboard_query.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace shield::grafana {

// A parsed JSON document, or why the text is not JSON.
struct parsed_document {
    boost::json::value root;  // null when parsing failed
    std::string error;        // e.g. "not JSON: syntax error at line 3, column 7"; empty on success

    bool ok() const noexcept { return error.empty(); }
};

// Parses dashboard text (a dashboard or the API's {"dashboard": ..., "meta": ...} wrapper).
parsed_document parse_document(std::string_view text);

// Where the dashboard model sits inside a document.
struct dashboard_location {
    const boost::json::object* dashboard = nullptr;  // points into the document; nullptr when none
    std::string path = "$";                          // `$` or `$.dashboard` for the API wrapper
    std::string error;                               // why there is no dashboard object; empty otherwise
};

// The dashboard object: the root itself, or root.dashboard for the API wrapper
// (an object whose `dashboard` member is an object and that has no `panels`/`rows` of its own).
dashboard_location locate_dashboard(const boost::json::value& root);

// Reads a whole file; false with error set when it cannot be read.
bool read_text_file(const std::string& file, std::string& text, std::string& error);

}  // namespace shield::grafana
