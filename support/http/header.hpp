#pragma once
// One HTTP header field, shared by requests and responses.

#include "support/base/text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shield::http {

// A header field as sent or received.
struct header {
  std::string name;   // field name, as written
  std::string value;  // field value, without surrounding whitespace
};

// Case-insensitive ASCII comparison, as HTTP field names compare.
using base::iequals;

// Value of the first field named `name` (case-insensitive); nullptr when absent.
const std::string* find_header(const std::vector<header>& headers, std::string_view name);

}  // namespace shield::http
