#include "support/profile/profile.hpp"

#include <algorithm>
#include <array>

namespace shield::profile {

namespace {

constexpr std::array<std::pair<std::string_view, response_kind>, 4> kind_names{{
    {"json", response_kind::json},
    {"sse", response_kind::sse},
    {"text", response_kind::text},
    {"prometheus", response_kind::prometheus},
}};

}  // namespace

std::string_view to_string(response_kind kind) {
  for (const auto& [name, value] : kind_names) {
    if (value == kind) return name;
  }
  return "unknown";
}

std::optional<response_kind> parse_response_kind(std::string_view name) {
  for (const auto& [known, value] : kind_names) {
    if (known == name) return value;
  }
  return std::nullopt;
}

const std::string* endpoint::field(std::string_view field_name) const {
  const auto it = fields.find(field_name);
  return it == fields.end() ? nullptr : &it->second;
}

std::string header_spec::describe() const {
  if (source == header_source::literal) return name + ": " + literal;
  std::string value = format;
  const auto at = value.find("{}");
  const std::string redacted = "<redacted: $" + env_var + ">";
  if (at != std::string::npos) value.replace(at, 2, redacted);
  return name + ": " + value;
}

const endpoint* target_profile::find_endpoint(std::string_view endpoint_name) const {
  const auto it = std::find_if(endpoints.begin(), endpoints.end(),
                               [endpoint_name](const endpoint& e) { return e.name == endpoint_name; });
  return it == endpoints.end() ? nullptr : &*it;
}

std::uint32_t target_profile::request_timeout_ms(const endpoint& ep) const {
  return ep.timeout_ms.value_or(timeouts.request_ms);
}

const std::vector<std::string_view>& known_field_names() {
  // entity_* pointers are relative to each element of the `entities` array.
  static const std::vector<std::string_view> names{
      "status",       "redis",      "session_id", "anonymized_text", "entities", "entity_type", "entity_placeholder",
      "entity_start", "entity_end", "mapping",    "error",
  };
  return names;
}

const std::vector<std::string>& known_pii_kinds() {
  static const std::vector<std::string> kinds{"email", "phone", "credit_card", "iban", "ip_address", "dni", "nie"};
  return kinds;
}

std::vector<std::string> unchecked_pii_kinds(const target_profile& p) {
  std::vector<std::string> out;
  if (p.pii_kinds.empty()) return out;  // a profile built in code without the key: every kind
  for (const auto& kind : known_pii_kinds()) {
    if (std::find(p.pii_kinds.begin(), p.pii_kinds.end(), kind) == p.pii_kinds.end()) out.push_back(kind);
  }
  return out;
}

}  // namespace shield::profile
