#include "support/profile/error.hpp"

#include <stdexcept>

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

void throw_exception_from_error(const profile_error& e, const boost::source_location&) {
  throw std::runtime_error(e.message());
}

}  // namespace shield::profile
