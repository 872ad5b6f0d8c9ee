#include "support/profile/headers.hpp"

#include "support/profile/json_text.hpp"

#include <algorithm>
#include <cstdlib>

namespace shield::profile {

namespace {

bool has_control_char(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

}  // namespace

std::optional<std::string> process_env(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

base::result<std::vector<resolved_header>> resolve_headers(const target_profile& profile, const env_lookup& lookup) {
  std::vector<resolved_header> out;
  out.reserve(profile.headers.size());
  for (const auto& spec : profile.headers) {
    resolved_header h;
    h.name = spec.name;
    h.description = spec.describe();
    if (spec.source == header_source::literal) {
      h.value = spec.literal;
      out.push_back(std::move(h));
      continue;
    }
    const std::string key = json_path_child("headers", spec.name);
    const auto value = lookup ? lookup(spec.env_var) : std::nullopt;
    if (!value) return profile_failure(profile.source, key, "environment variable " + spec.env_var + " is not set");
    if (value->empty())
      return profile_failure(profile.source, key, "environment variable " + spec.env_var + " is empty");
    if (has_control_char(*value)) {
      return profile_failure(
          profile.source, key,
          "environment variable " + spec.env_var + " contains a control character (value not shown)");
    }
    const auto at = spec.format.find("{}");
    if (at == std::string::npos) return profile_failure(profile.source, key, "header format has no \"{}\"");
    h.value = spec.format;
    h.value.replace(at, 2, *value);
    h.secret = true;
    h.env_var = spec.env_var;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace shield::profile
