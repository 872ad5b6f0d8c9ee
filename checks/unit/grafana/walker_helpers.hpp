#pragma once

#include "support/grafana/dashboard_query.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shield::grafana::testing {

// The query called name, or nullptr.
const dashboard_query* find_query(const walk_result& result, std::string_view name);

// The skipped entry called name, or nullptr.
const skipped_query* find_skipped(const walk_result& result, std::string_view name);

// Every query's name, in order.
std::vector<std::string> query_names(const walk_result& result);

// Every error as "path: message", joined by newlines (for failure messages).
std::string errors_text(const walk_result& result);

// True when some error has this path and a message containing `fragment`.
bool has_error(const walk_result& result, std::string_view path, std::string_view fragment);

}  // namespace shield::grafana::testing
