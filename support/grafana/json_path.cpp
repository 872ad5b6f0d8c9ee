#include "support/grafana/json_path.hpp"

#include <boost/json/value.hpp>

namespace shield::grafana {

namespace {

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

std::string member_path(std::string_view parent, std::string_view key) {
  std::string out{parent};
  if (is_identifier(key)) {
    out += '.';
    out += key;
    return out;
  }
  out += "[\"";
  for (const char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += "\"]";
  return out;
}

std::string index_path(std::string_view parent, std::size_t index) {
  std::string out{parent};
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

std::string_view json_kind_name(const boost::json::value& value) noexcept {
  switch (value.kind()) {
    case boost::json::kind::object:
      return "object";
    case boost::json::kind::array:
      return "array";
    case boost::json::kind::string:
      return "string";
    case boost::json::kind::bool_:
      return "bool";
    case boost::json::kind::null:
      return "null";
    default:
      return "number";
  }
}

}  // namespace shield::grafana
