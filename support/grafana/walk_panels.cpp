#include "support/grafana/detail/walk_parts.hpp"

#include "support/grafana/json_path.hpp"
#include "support/base/text.hpp"

#include <cmath>

namespace shield::grafana::detail {

namespace {

namespace json = boost::json;

using base::is_blank;

std::optional<std::int64_t> integral_id(const json::object& panel) {
  const auto* id = panel.if_contains("id");
  if (id == nullptr) return std::nullopt;
  if (const auto* i = id->if_int64()) return *i;
  if (const auto* u = id->if_uint64(); u != nullptr && *u <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(*u);
  if (const auto* d = id->if_double(); d != nullptr && std::trunc(*d) == *d && std::fabs(*d) < 9e15)
    return static_cast<std::int64_t>(*d);
  return std::nullopt;
}

std::string panel_name(const std::string& row_title, const std::string& title, std::optional<std::int64_t> id) {
  std::string name;
  if (!row_title.empty()) name = "row " + quoted(row_title) + " / ";
  name += "panel " + quoted(title);
  if (id) name += " (id " + std::to_string(*id) + ")";
  return name;
}

void walk_target(const json::value& target_value, const std::string& path, std::size_t index,
                 const std::string& panel_label, const json::object& panel, const std::string& row_title,
                 walk_result& out) {
  const auto* target = target_value.if_object();
  if (target == nullptr) {
    out.errors.push_back({path, "expected a target object, got " + std::string{json_kind_name(target_value)}});
    return;
  }
  const std::string ref_id = string_member(*target, "refId");
  const std::string name = panel_label + " target " + (ref_id.empty() ? "#" + std::to_string(index) : ref_id);
  const auto* expr = target->if_contains("expr");
  if (expr != nullptr && !expr->is_string()) {
    out.errors.push_back({member_path(path, "expr"), "expected a string, got " + std::string{json_kind_name(*expr)}});
    return;
  }
  // A target's own datasource wins; null or absent inherits the panel's.
  const auto* datasource = target->if_contains("datasource");
  if (datasource == nullptr || datasource->is_null()) datasource = panel.if_contains("datasource");
  if (auto reason = non_prometheus_reason(datasource)) {
    out.skipped.push_back({name, path, *reason});
    return;
  }
  if (expr == nullptr) {
    out.skipped.push_back({name, path, "target has no expr"});
    return;
  }
  if (is_blank(expr->get_string())) {
    out.skipped.push_back({name, member_path(path, "expr"), "empty expr"});
    return;
  }
  dashboard_query query;
  query.origin = query_origin::panel_target;
  query.name = name;
  query.path = member_path(path, "expr");
  query.expr = expr->get_string();
  query.raw = query.expr;
  query.row_title = row_title;
  query.title = string_member(panel, "title");
  query.panel_id = integral_id(panel);
  query.ref_id = ref_id;
  query.min_interval = string_member(*target, "interval");
  if (query.min_interval.empty()) query.min_interval = string_member(panel, "interval");
  const auto* hide = target->if_contains("hide");
  query.hidden = hide != nullptr && hide->is_bool() && hide->get_bool();
  out.queries.push_back(std::move(query));
}

void walk_panel(const json::object& panel, const std::string& path, const std::string& row_title, walk_result& out) {
  const std::string label = panel_name(row_title, string_member(panel, "title"), integral_id(panel));
  const auto* targets = array_member(panel, "targets", path, out);
  if (targets == nullptr) {
    // A library panel's model lives elsewhere; say so rather than report nothing.
    const auto* library = panel.if_contains("libraryPanel");
    if (library != nullptr && library->is_object() && !panel.contains("targets"))
      out.skipped.push_back({label, member_path(path, "libraryPanel"),
                             "library panel " + quoted(string_member(library->get_object(), "name")) +
                                 ": its queries are not in the dashboard JSON"});
    return;
  }
  const std::string targets_path = member_path(path, "targets");
  for (std::size_t i = 0; i < targets->size(); ++i)
    walk_target((*targets)[i], index_path(targets_path, i), i, label, panel, row_title, out);
}

// Panels of one level; a row panel names the panels it holds and those that follow it.
void walk_panel_array(const json::array& panels, const std::string& path, std::string row_title, walk_result& out) {
  for (std::size_t i = 0; i < panels.size(); ++i) {
    const std::string panel_path = index_path(path, i);
    const auto* panel = panels[i].if_object();
    if (panel == nullptr) {
      out.errors.push_back({panel_path, "expected a panel object, got " + std::string{json_kind_name(panels[i])}});
      continue;
    }
    const bool is_row = string_member(*panel, "type") == "row";
    if (is_row)
      row_title = string_member(*panel, "title");
    else
      walk_panel(*panel, panel_path, row_title, out);
    // Collapsed rows keep their panels inside.
    if (const auto* nested = array_member(*panel, "panels", panel_path, out))
      walk_panel_array(*nested, member_path(panel_path, "panels"), row_title, out);
  }
}

}  // namespace

void walk_panels(const json::object& dashboard, const std::string& base, walk_result& out) {
  if (const auto* panels = array_member(dashboard, "panels", base, out))
    walk_panel_array(*panels, member_path(base, "panels"), {}, out);

  // Schema before 5.0: rows[] each with its own panels[].
  const auto* rows = array_member(dashboard, "rows", base, out);
  if (rows == nullptr) return;
  const std::string rows_path = member_path(base, "rows");
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const std::string row_path = index_path(rows_path, i);
    const auto* row = (*rows)[i].if_object();
    if (row == nullptr) {
      out.errors.push_back({row_path, "expected a row object, got " + std::string{json_kind_name((*rows)[i])}});
      continue;
    }
    if (const auto* panels = array_member(*row, "panels", row_path, out))
      walk_panel_array(*panels, member_path(row_path, "panels"), string_member(*row, "title"), out);
  }
}

}  // namespace shield::grafana::detail
