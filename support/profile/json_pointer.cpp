#include "support/profile/json_pointer.hpp"

namespace shield::profile {

base::result<void> check_json_pointer(std::string_view pointer) {
  if (pointer.empty()) return {};
  if (pointer.front() != '/') return base::fail("JSON pointer must be \"\" or start with '/'");
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] != '~') continue;
    if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
      return base::fail("invalid escape in JSON pointer at offset " + std::to_string(i) +
                        " ('~' must be followed by 0 or 1)");
    }
  }
  return {};
}

const boost::json::value* find_by_pointer(const boost::json::value& doc, std::string_view pointer,
                                          boost::system::error_code& ec) noexcept {
  ec = {};
  return doc.find_pointer(pointer, ec);
}

base::result<const boost::json::value*> read_field(const boost::json::value& doc, const endpoint& ep,
                                                   std::string_view field_name) {
  const std::string* pointer = ep.field(field_name);
  if (pointer == nullptr)
    return base::fail("profile defines no field '" + std::string(field_name) + "' for endpoint '" + ep.name + "'");
  boost::system::error_code ec;
  const boost::json::value* value = find_by_pointer(doc, *pointer, ec);
  if (value == nullptr) {
    return base::fail("field '" + std::string(field_name) + "' (JSON pointer \"" + *pointer + "\") of endpoint '" +
                      ep.name + "': " + ec.message());
  }
  return value;
}

}  // namespace shield::profile
