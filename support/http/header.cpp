#include "support/http/header.hpp"

namespace shield::http {

const std::string* find_header(const std::vector<header>& headers, std::string_view name) {
  for (const header& h : headers) {
    if (iequals(h.name, name)) return &h.value;
  }
  return nullptr;
}

}  // namespace shield::http
