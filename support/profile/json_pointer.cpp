#include "profile/json_pointer.hpp"

namespace shield::profile {

std::optional<std::string> json_pointer_problem(std::string_view pointer) {
    if (pointer.empty()) return std::nullopt;
    if (pointer.front() != '/') return "JSON pointer must be \"\" or start with '/'";
    for (std::size_t i = 0; i < pointer.size(); ++i) {
        if (pointer[i] != '~') continue;
        if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
            return "invalid escape in JSON pointer at offset " + std::to_string(i) + " ('~' must be followed by 0 or 1)";
        }
    }
    return std::nullopt;
}

const boost::json::value* find_by_pointer(const boost::json::value& doc, std::string_view pointer,
                                          boost::system::error_code& ec) noexcept {
    ec = {};
    return doc.find_pointer(pointer, ec);
}

field_read read_field(const boost::json::value& doc, const endpoint& ep, std::string_view field_name) {
    field_read out;
    const std::string* pointer = ep.field(field_name);
    if (pointer == nullptr) {
        out.error = "profile defines no field '" + std::string(field_name) + "' for endpoint '" + ep.name + "'";
        return out;
    }
    boost::system::error_code ec;
    out.value = find_by_pointer(doc, *pointer, ec);
    if (out.value == nullptr) {
        out.error = "field '" + std::string(field_name) + "' (JSON pointer \"" + *pointer + "\") of endpoint '" +
                    ep.name + "': " + ec.message();
    }
    return out;
}

}  // namespace shield::profile
