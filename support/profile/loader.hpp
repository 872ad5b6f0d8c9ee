#pragma once

#include "support/profile/error.hpp"
#include "support/profile/profile.hpp"

#include <string>
#include <string_view>

namespace shield::profile {

// Reads and checks a profile file. Errors name the file, the key (as a JSON path) and the reason.
base::result<target_profile> load_profile(const std::string& path);

// Checks a profile given as JSON text; source_name stands for the file in messages and in
// target_profile::source. Unknown keys, wrong types and inconsistent endpoints are errors.
base::result<target_profile> parse_profile(std::string_view json_text, std::string_view source_name);

}  // namespace shield::profile
