#pragma once

#include "support/profile/profile.hpp"

#include <string>
#include <string_view>

namespace shield::profile {

// The request target for ep: the path template with {session_id} percent-encoded.
std::string render_path(const endpoint& ep, std::string_view session_id);

// The JSON request body for ep with {session_id} and {text} JSON-escaped; "" when ep has no body.
std::string render_body(const endpoint& ep, std::string_view session_id, std::string_view text);

}  // namespace shield::profile
