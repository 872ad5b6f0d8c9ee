#include "support/grafana/template_variables.hpp"

#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/json_path.hpp"
#include "support/base/text.hpp"

#include <boost/json/value.hpp>

#include <cmath>

namespace shield::grafana {

namespace {

namespace json = boost::json;

constexpr std::string_view all_marker = "$__all";

using base::trim;

// Scalars as Grafana shows them; nullopt for objects, arrays and null.
std::optional<std::string> scalar_text(const json::value& value) {
  if (const auto* s = value.if_string()) return std::string{*s};
  if (const auto* i = value.if_int64()) return std::to_string(*i);
  if (const auto* u = value.if_uint64()) return std::to_string(*u);
  if (const auto* d = value.if_double()) {
    if (std::trunc(*d) == *d && std::fabs(*d) < 1e15) return std::to_string(static_cast<std::int64_t>(*d));
    return std::to_string(*d);
  }
  if (const auto* b = value.if_bool()) return std::string{*b ? "true" : "false"};
  return std::nullopt;
}

std::string string_member(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return {};
  return scalar_text(*value).value_or(std::string{});
}

bool bool_member(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_bool() && value->get_bool();
}

// A scalar or an array of scalars; false (error appended) for anything else.
bool read_list(const json::value& value, const std::string& path, std::vector<std::string>& out,
               variables_result& result) {
  if (const auto* array = value.if_array()) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      auto text = scalar_text((*array)[i]);
      if (!text) {
        result.errors.push_back(
            {index_path(path, i), "expected a string, got " + std::string{json_kind_name((*array)[i])}});
        return false;
      }
      out.push_back(std::move(*text));
    }
    return true;
  }
  if (value.is_null()) return true;
  auto text = scalar_text(value);
  if (!text) {
    result.errors.push_back({path, "expected a string or an array, got " + std::string{json_kind_name(value)}});
    return false;
  }
  out.push_back(std::move(*text));
  return true;
}

// Comma-separated options, `\,` escaping a comma and "text : value" naming both.
std::vector<variable_option> split_options(std::string_view query) {
  std::vector<variable_option> options;
  std::string item;
  auto flush = [&] {
    const std::string_view whole = trim(item);
    if (!whole.empty()) {
      const auto colon = whole.find(" : ");
      if (colon == std::string_view::npos)
        options.push_back({std::string{whole}, std::string{whole}});
      else
        options.push_back({std::string{trim(whole.substr(0, colon))}, std::string{trim(whole.substr(colon + 3))}});
    }
    item.clear();
  };
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (query[i] == '\\' && i + 1 < query.size() && query[i + 1] == ',') {
      item += ',';
      ++i;
    } else if (query[i] == ',') {
      flush();
    } else {
      item += query[i];
    }
  }
  flush();
  return options;
}

void read_current(const json::object& variable, const std::string& path, template_variable& out,
                  variables_result& result) {
  const auto* current = variable.if_contains("current");
  if (current == nullptr || current->is_null()) return;
  const std::string current_path = member_path(path, "current");
  const auto* object = current->if_object();
  if (object == nullptr) {
    result.errors.push_back({current_path, "expected an object, got " + std::string{json_kind_name(*current)}});
    return;
  }
  if (const auto* value = object->if_contains("value"); value != nullptr && !value->is_null()) {
    if (read_list(*value, member_path(current_path, "value"), out.values, result)) {
      out.has_value = true;
      out.value_is_list = value->is_array();
    }
  }
  if (const auto* text = object->if_contains("text"))
    read_list(*text, member_path(current_path, "text"), out.texts, result);
}

void read_options(const json::object& variable, const std::string& path, template_variable& out,
                  variables_result& result) {
  const auto* options = variable.if_contains("options");
  if (options == nullptr || options->is_null()) return;
  const std::string options_path = member_path(path, "options");
  const auto* array = options->if_array();
  if (array == nullptr) {
    result.errors.push_back({options_path, "expected an array, got " + std::string{json_kind_name(*options)}});
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* option = (*array)[i].if_object();
    if (option == nullptr) {
      result.errors.push_back(
          {index_path(options_path, i), "expected an option object, got " + std::string{json_kind_name((*array)[i])}});
      continue;
    }
    variable_option item{string_member(*option, "text"), string_member(*option, "value")};
    if (item.value != all_marker) out.options.push_back(std::move(item));
  }
}

void read_variable(const json::object& variable, const std::string& path, variables_result& result) {
  template_variable out;
  out.path = path;
  const auto* name = variable.if_contains("name");
  if (name == nullptr || !name->is_string() || name->get_string().empty()) {
    result.errors.push_back({member_path(path, "name"), name == nullptr ? std::string{"missing variable name"}
                                                                        : "expected a non-empty string, got " +
                                                                              std::string{json_kind_name(*name)}});
    return;
  }
  out.name = name->get_string();
  if (const auto* type = variable.if_contains("type"); type != nullptr && type->is_string())
    out.type = type->get_string();
  out.multi = bool_member(variable, "multi");
  out.include_all = bool_member(variable, "includeAll");
  if (const auto* all = variable.if_contains("allValue"); all != nullptr && !all->is_null())
    out.all_value = scalar_text(*all);
  out.auto_interval = bool_member(variable, "auto");
  if (const auto* count = variable.if_contains("auto_count"); count != nullptr && count->is_number())
    out.auto_count = static_cast<std::int64_t>(count->to_number<double>());
  if (const std::string min = string_member(variable, "auto_min"); !min.empty()) out.auto_min = min;

  read_current(variable, path, out, result);
  read_options(variable, path, out, result);

  std::string query = variable.contains("query") && variable.at("query").is_string()
                          ? std::string{variable.at("query").get_string()}
                          : std::string{};
  // Newer Grafana saves a query variable's query as {"query": "...", "refId": ...}.
  if (const auto* object = variable.contains("query") ? variable.at("query").if_object() : nullptr)
    query = string_member(*object, "query");
  if (query.empty()) query = string_member(variable, "definition");
  out.query = query;
  out.regex = string_member(variable, "regex");
  if (const auto* sort = variable.if_contains("sort"); sort != nullptr && sort->is_number())
    out.sort = static_cast<int>(sort->to_number<double>());
  if ((out.type == "custom" || out.type == "interval") && out.options.empty()) out.options = split_options(query);
  // A constant's value is its query; a textbox without a saved value starts from its query.
  if (out.type == "constant" || (out.type == "textbox" && !out.has_value)) {
    out.values = {query};
    out.texts = {query};
    out.value_is_list = false;
    out.has_value = true;
  }
  out.is_all = out.has_value && out.values.size() == 1 && out.values.front() == all_marker;
  result.variables.push_back(std::move(out));
}

}  // namespace

variables_result read_variables(const json::value& document) {
  variables_result result;
  const auto location = locate_dashboard(document);
  if (location.dashboard == nullptr) {
    result.errors.push_back({location.path, location.error});
    return result;
  }
  const auto* templating = location.dashboard->if_contains("templating");
  if (templating == nullptr || templating->is_null()) return result;
  const std::string templating_path = member_path(location.path, "templating");
  if (!templating->is_object()) {
    result.errors.push_back({templating_path, "expected an object, got " + std::string{json_kind_name(*templating)}});
    return result;
  }
  const auto* list = templating->get_object().if_contains("list");
  if (list == nullptr || list->is_null()) return result;
  const std::string list_path = member_path(templating_path, "list");
  if (!list->is_array()) {
    result.errors.push_back({list_path, "expected an array, got " + std::string{json_kind_name(*list)}});
    return result;
  }
  const auto& array = list->get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = index_path(list_path, i);
    if (const auto* variable = array[i].if_object())
      read_variable(*variable, path, result);
    else
      result.errors.push_back({path, "expected a variable object, got " + std::string{json_kind_name(array[i])}});
  }
  return result;
}

const template_variable* find_variable(std::span<const template_variable> variables, std::string_view name) noexcept {
  for (const auto& variable : variables)
    if (variable.name == name) return &variable;
  return nullptr;
}

}  // namespace shield::grafana
