#include "support/grafana/detail/walk_parts.hpp"

#include "support/grafana/json_path.hpp"
#include "support/grafana/template_query.hpp"
#include "support/base/text.hpp"

namespace shield::grafana::detail {

namespace {

namespace json = boost::json;

using base::is_blank;

// The member as an object; nullptr when absent, error appended when it is not an object.
const json::object* object_member(const json::object& object, std::string_view key, const std::string& path,
                                  walk_result& out) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return nullptr;
  if (const auto* inner = value->if_object()) return inner;
  out.errors.push_back({member_path(path, key), "expected an object, got " + std::string{json_kind_name(*value)}});
  return nullptr;
}

// The `list` array of `templating` or `annotations`, with its path.
const json::array* section_list(const json::object& dashboard, std::string_view section, const std::string& base,
                                std::string& list_path, walk_result& out) {
  const auto* object = object_member(dashboard, section, base, out);
  if (object == nullptr) return nullptr;
  const std::string section_path = member_path(base, section);
  list_path = member_path(section_path, "list");
  return array_member(*object, "list", section_path, out);
}

// Where a query variable keeps its text; false (error appended) when it is malformed.
bool variable_query_text(const json::object& variable, const std::string& path, std::string& text,
                         std::string& text_path, std::string& ref_id, walk_result& out) {
  text_path = member_path(path, "query");
  const auto* query = variable.if_contains("query");
  if (query != nullptr && query->is_string()) {
    text = query->get_string();
  } else if (query != nullptr && query->is_object()) {
    // Newer editors store {"query": "...", "refId": "..."}.
    const auto& object = query->get_object();
    ref_id = string_member(object, "refId");
    const auto* inner = object.if_contains("query");
    if (inner != nullptr && !inner->is_string()) {
      out.errors.push_back(
          {member_path(text_path, "query"), "expected a string, got " + std::string{json_kind_name(*inner)}});
      return false;
    }
    if (inner != nullptr) {
      text = inner->get_string();
      text_path = member_path(text_path, "query");
    }
  } else if (query != nullptr && !query->is_null()) {
    out.errors.push_back({text_path, "expected a string or an object, got " + std::string{json_kind_name(*query)}});
    return false;
  }
  // Older exports keep the text only in `definition`.
  if (is_blank(text)) {
    const std::string definition = string_member(variable, "definition");
    if (!is_blank(definition)) {
      text = definition;
      text_path = member_path(path, "definition");
    }
  }
  return true;
}

void walk_variable(const json::object& variable, const std::string& path, walk_result& out) {
  if (string_member(variable, "type") != "query") return;
  const std::string name = string_member(variable, "name");
  const std::string label = "variable " + quoted(name);
  if (auto reason = non_prometheus_reason(variable.if_contains("datasource"))) {
    out.skipped.push_back({label, path, *reason});
    return;
  }
  std::string text;
  std::string text_path;
  std::string ref_id;
  if (!variable_query_text(variable, path, text, text_path, ref_id, out)) return;
  if (is_blank(text)) {
    out.skipped.push_back({label, path, "query variable has no query"});
    return;
  }
  auto parsed = parse_variable_query(text);
  if (!parsed) {
    out.errors.push_back({text_path, parsed.error().message});
    return;
  }
  dashboard_query query;
  query.origin = query_origin::template_variable;
  query.name = label;
  query.path = text_path;
  query.expr = std::move(parsed->expr);
  query.raw = text;
  query.title = name;
  query.ref_id = ref_id;
  query.function = parsed->function;
  query.metric = std::move(parsed->metric);
  query.label = std::move(parsed->label);
  query.metric_regex = std::move(parsed->metric_regex);
  out.queries.push_back(std::move(query));
}

void walk_annotation(const json::object& annotation, const std::string& path, walk_result& out) {
  // The built-in "Annotations & Alerts" entry queries Grafana itself.
  const auto* built_in = annotation.if_contains("builtIn");
  if (built_in != nullptr &&
      ((built_in->is_int64() && built_in->get_int64() == 1) || (built_in->is_bool() && built_in->get_bool())))
    return;
  const std::string label = "annotation " + quoted(string_member(annotation, "name"));
  std::string expr_path = member_path(path, "expr");
  std::string ref_id;
  const auto* expr = annotation.if_contains("expr");
  if (expr == nullptr) {
    // Some versions nest the query in `target`.
    const auto* target = annotation.if_contains("target");
    if (target != nullptr && target->is_object()) {
      expr = target->get_object().if_contains("expr");
      expr_path = member_path(member_path(path, "target"), "expr");
      ref_id = string_member(target->get_object(), "refId");
    }
  }
  if (expr != nullptr && !expr->is_string()) {
    out.errors.push_back({expr_path, "expected a string, got " + std::string{json_kind_name(*expr)}});
    return;
  }
  if (auto reason = non_prometheus_reason(annotation.if_contains("datasource"))) {
    out.skipped.push_back({label, path, *reason});
    return;
  }
  if (expr == nullptr || is_blank(expr->get_string())) {
    out.skipped.push_back({label, path, expr == nullptr ? "annotation has no expr" : "empty expr"});
    return;
  }
  dashboard_query query;
  query.origin = query_origin::annotation;
  query.name = label;
  query.path = expr_path;
  query.expr = expr->get_string();
  query.raw = query.expr;
  query.title = string_member(annotation, "name");
  query.ref_id = ref_id;
  query.min_interval = string_member(annotation, "step");
  const auto* enable = annotation.if_contains("enable");
  query.hidden = enable != nullptr && enable->is_bool() && !enable->get_bool();
  out.queries.push_back(std::move(query));
}

}  // namespace

void walk_templating(const json::object& dashboard, const std::string& base, walk_result& out) {
  std::string list_path;
  const auto* list = section_list(dashboard, "templating", base, list_path, out);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = index_path(list_path, i);
    if (const auto* variable = (*list)[i].if_object())
      walk_variable(*variable, path, out);
    else
      out.errors.push_back({path, "expected a variable object, got " + std::string{json_kind_name((*list)[i])}});
  }
}

void walk_annotations(const json::object& dashboard, const std::string& base, walk_result& out) {
  std::string list_path;
  const auto* list = section_list(dashboard, "annotations", base, list_path, out);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = index_path(list_path, i);
    if (const auto* annotation = (*list)[i].if_object())
      walk_annotation(*annotation, path, out);
    else
      out.errors.push_back({path, "expected an annotation object, got " + std::string{json_kind_name((*list)[i])}});
  }
}

}  // namespace shield::grafana::detail
