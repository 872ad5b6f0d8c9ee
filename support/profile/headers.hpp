#pragma once

#include "support/profile/error.hpp"
#include "support/profile/profile.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace shield::profile {

// A header ready to send. Its value may be a secret: print `description`, never `value`.
struct resolved_header {
  std::string name;         // header field name
  std::string value;        // value to send (from the environment when secret)
  bool secret = false;      // value came from an environment variable
  std::string env_var;      // that variable's name (empty for a literal value), for messages
  std::string description;  // printable "Name: value" with secrets redacted
};

// Looks up an environment variable; nullopt when unset.
using env_lookup = std::function<std::optional<std::string>(const std::string& variable)>;

// The process environment (getenv).
std::optional<std::string> process_env(const std::string& variable);

// Resolves the profile's headers. Fails, naming the variable (never a value), when one is unset,
// empty, or holds a control character (which would allow header injection).
base::result<std::vector<resolved_header>> resolve_headers(const target_profile& profile,
                                                           const env_lookup& lookup = process_env);

}  // namespace shield::profile
