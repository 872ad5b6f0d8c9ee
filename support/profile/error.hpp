#pragma once

#include "support/base/result.hpp"

#include <string_view>

namespace shield::profile {

// Why a profile (or something resolved from it) was rejected, as the project's one failure type:
// "source: key: reason" (or "source: reason" when no key applies). source is the file name or the
// name given to parse_profile ("<profile>" when empty); key is the JSON path of the offending key,
// e.g. "endpoints[2].fields.entities"; reason says what is wrong and never contains a secret.
base::failure profile_failure(std::string_view source, std::string_view key, std::string_view reason);

}  // namespace shield::profile
