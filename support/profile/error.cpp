#include "support/profile/error.hpp"

#include <string>

namespace shield::profile {

base::failure profile_failure(std::string_view source, std::string_view key, std::string_view reason) {
  std::string out = source.empty() ? std::string("<profile>") : std::string(source);
  out += ": ";
  if (!key.empty()) {
    out += key;
    out += ": ";
  }
  out += reason;
  return base::fail(std::move(out));
}

}  // namespace shield::profile
