#include "support/profile/error.hpp"

namespace shield::profile {

std::string profile_error::message() const {
  std::string out = source.empty() ? std::string("<profile>") : source;
  out += ": ";
  if (!key.empty()) {
    out += key;
    out += ": ";
  }
  out += reason;
  return out;
}

}  // namespace shield::profile
