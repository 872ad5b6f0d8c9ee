#include "support/grafana/detail/walk_parts.hpp"

#include "support/grafana/json_path.hpp"

namespace shield::grafana::detail {

namespace {

std::optional<std::string> special_uid_reason(std::string_view uid) {
  if (uid == "-- Grafana --" || uid == "grafana") return std::string{"Grafana built-in datasource"};
  if (uid == "-- Dashboard --") return std::string{"reuses another panel's results (-- Dashboard --)"};
  return std::nullopt;
}

}  // namespace

std::optional<std::string> non_prometheus_reason(const boost::json::value* datasource) {
  if (datasource == nullptr) return std::nullopt;
  if (const auto* name = datasource->if_string()) return special_uid_reason(*name);
  const auto* object = datasource->if_object();
  if (object == nullptr) return std::nullopt;
  const std::string uid = string_member(*object, "uid");
  if (auto reason = special_uid_reason(uid)) return reason;
  const auto* type = object->if_contains("type");
  if (type == nullptr || !type->is_string()) return std::nullopt;
  const std::string_view kind = type->get_string();
  // "datasource" is Grafana's pseudo type for -- Mixed --, whose targets name their own.
  if (kind == "prometheus" || kind == "datasource") return std::nullopt;
  return "datasource type '" + std::string{kind} + "' is not Prometheus";
}

const boost::json::array* array_member(const boost::json::object& object, std::string_view key, const std::string& path,
                                       walk_result& out) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return nullptr;
  if (const auto* array = value->if_array()) return array;
  out.errors.push_back({member_path(path, key), "expected an array, got " + std::string{json_kind_name(*value)}});
  return nullptr;
}

std::string string_member(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string{value->get_string()};
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace shield::grafana::detail
