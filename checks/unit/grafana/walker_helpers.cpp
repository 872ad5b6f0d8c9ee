#include "checks/unit/grafana/walker_helpers.hpp"

namespace shield::grafana::testing {

const dashboard_query* find_query(const walk_result& result, std::string_view name) {
  for (const auto& query : result.queries)
    if (query.name == name) return &query;
  return nullptr;
}

const skipped_query* find_skipped(const walk_result& result, std::string_view name) {
  for (const auto& skipped : result.skipped)
    if (skipped.name == name) return &skipped;
  return nullptr;
}

std::vector<std::string> query_names(const walk_result& result) {
  std::vector<std::string> names;
  for (const auto& query : result.queries) names.push_back(query.name);
  return names;
}

std::string errors_text(const walk_result& result) {
  std::string out;
  for (const auto& error : result.errors) out += to_string(error) + "\n";
  return out;
}

bool has_error(const walk_result& result, std::string_view path, std::string_view fragment) {
  for (const auto& error : result.errors)
    if (error.path == path && error.message.find(fragment) != std::string::npos) return true;
  return false;
}

}  // namespace shield::grafana::testing
